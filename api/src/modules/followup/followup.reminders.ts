import type { Logger } from 'pino';
import { nullNotifier, type Notifier, type NotifyEvent, type Recipients } from '../notifications/notify';
import { overdueNotice } from './followup.notices';
import type { FollowupRepository } from './followup.repository';
import type { FollowupService } from './followup.service';

/** Overdue plans read per run: a run an hour meets each on its first late day. */
const BATCH = 2_000;

/**
 * The follow-up worker, driven by the clock it is given (`runOnce(now)`; tests pass the day they need, the timer
 * in composition/background-jobs.ts the real one, like the payment reminders): it opens the plans of contracts
 * registered without one (the catch-up of the registration hook), then reminds buyer and seller once of each overdue
 * period. The claim on the plan (`remindedPeriods`) makes a second run, or another instance, send nothing.
 */
export class FollowupReminders {
  notifier: Notifier = nullNotifier;

  constructor(
    private readonly repo: FollowupRepository,
    private readonly service: FollowupService,
    private readonly logger: Logger,
  ) {}

  private async send(event: NotifyEvent, to: Recipients): Promise<void> {
    await this.notifier
      .notify(event, to)
      .catch((err) => this.logger.warn({ err: (err as Error).message, key: event.key }, 'follow-up notice not sent'));
  }

  async runOnce(now: Date): Promise<{ opened: number; reminded: number }> {
    const opened = await this.service.catchUp();
    let reminded = 0;
    for (const p of await this.repo.overdue(now, BATCH)) {
      const period = p.nextPeriod;
      if (!period || p.remindedPeriods.includes(period)) continue;
      if (!(await this.repo.claimReminder(p._id, period))) continue;
      reminded++;
      await this.send(overdueNotice(p, period, true), { orgIds: [p.buyerOrgId] });
      await this.send(overdueNotice(p, period, false), { orgIds: [p.sellerOrgId] });
    }
    return { opened, reminded };
  }
}
