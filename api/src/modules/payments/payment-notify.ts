import type { Logger } from 'pino';
import type { PaymentModels } from './payment.model';
import type { PaymentPeers } from './payment-peers';
import { nullNotifier, type Notifier, type NotifyEvent, type Recipients } from '../notifications/notify';
import type { PayableRecord, PaymentRecord, PayoutRecord } from './payment.model';
import {
  confirmedNotice,
  depositNotice,
  dueNotice,
  overdueNotice,
  payoutNotice,
  rejectedNotice,
} from './payment.notices';
import { payableStatus } from './payment.state';
import { PLANNED } from './plan.service';

const DAY_MS = 86_400_000;
/** How far back an unpaid instalment is still announced as overdue (once). */
const OVERDUE_WINDOW_DAYS = 30;
/** The calendar day in China (UTC+8), as payables' `dueOn` is written. */
export const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Who hears of money: the payer's organisation of what it owes and of its transfers (a rejection's reason
 * only the payer), the payee's organisation of money in and late payments, a beneficiary of its payout, a
 * depositor of its deposit. Through NotifyService (categories `payment` and `deposit`, opt-out, in-app,
 * socket and e-mail). A notice that cannot be sent is logged; it never undoes the money movement.
 */
export class PaymentNotify {
  notifier: Notifier = nullNotifier;

  constructor(
    private readonly models: PaymentModels,
    private readonly logger: Logger,
    private readonly contracts: PaymentPeers['contracts'],
  ) {}

  private async send(event: NotifyEvent, to: Recipients): Promise<void> {
    await this.notifier
      .notify(event, to)
      .catch((err) => this.logger.warn({ err: (err as Error).message, key: event.key }, 'payment notice not sent'));
  }

  /** A payment settled: a deposit is held (depositor), an instalment arrived (payer and payee). */
  async settled(p: PaymentRecord): Promise<void> {
    const payable = await this.models.Payable.findById(p.payableId).lean<PayableRecord>();
    if (!payable) return;
    if (p.kind === 'deposit') return this.send(depositNotice(payable, 'held', null), { orgIds: [p.payerOrgId] });
    await this.send(confirmedNotice(p, payable), { orgIds: [p.payerOrgId, p.payeeOrgId] });
  }

  async rejected(p: PaymentRecord, reason: string): Promise<void> {
    const payable = await this.models.Payable.findById(p.payableId).lean<PayableRecord>();
    if (payable) await this.send(rejectedNotice(p, payable, reason), { orgIds: [p.payerOrgId] });
  }

  async payoutSent(o: PayoutRecord, reference: string | null): Promise<void> {
    await this.send(
      payoutNotice(o, reference),
      o.beneficiary.kind === 'org' ? { orgIds: [o.beneficiary.id] } : { userIds: [o.beneficiary.id] },
    );
  }

  async deposit(p: PayableRecord, event: 'released' | 'forfeited', reason: string): Promise<void> {
    await this.send(depositNotice(p, event, reason), { orgIds: [p.payerOrgId] });
  }

  /**
   * Reminders as of `now` (injected: tests pass the day they need, the timer passes the clock): each unpaid
   * instalment due within `daysBefore` days tells its payer once; each one past due tells payer and payee
   * once. Keys carry the payable and its due day, so running it again (or on another instance) sends nothing
   * twice. An instalment late by more than OVERDUE_WINDOW_DAYS is not read any more (it was announced on its first
   * late day). Answers how many payables were reminded of.
   */
  async runOnce(now: Date, daysBefore: number): Promise<{ due: number; overdue: number }> {
    const today = chinaDay(now);
    const horizon = chinaDay(new Date(now.getTime() + daysBefore * DAY_MS));
    // Only a window around today: an instalment becomes overdue once, and an hourly run meets it on its first
    // late day; without the lower bound every paid instalment ever made would be read on every run.
    const since = chinaDay(new Date(now.getTime() - OVERDUE_WINDOW_DAYS * DAY_MS));
    const candidates = await this.models.Payable.find({
      kind: { $ne: 'deposit' },
      dueOn: { $gte: since, $lte: horizon },
    })
      .sort({ dueOn: 1 })
      .limit(5_000)
      .lean<PayableRecord[]>();
    const signed = await this.signedContracts(candidates);
    const openIds = candidates.map((p) => p.openPaymentId).filter(Boolean);
    const open = new Map(
      (openIds.length ? await this.models.Payment.find({ _id: { $in: openIds } }).lean<PaymentRecord[]>() : []).map(
        (x) => [String(x._id), x],
      ),
    );
    // Keys already stored were sent by an earlier run: skipping them spares the recipients' sockets a re-push.
    const sent =
      (await this.notifier.sentKeys?.(
        candidates.flatMap((p) => [dueNotice(p, daysBefore).key, overdueNotice(p, true).key]),
      )) ?? new Set<string>();
    let due = 0;
    let overdue = 0;
    for (const p of candidates) {
      if (p.contractId && !signed.has(String(p.contractId))) continue;
      // A transfer waiting for finance, or a card payment in flight, is not reminded of.
      const status = payableStatus(p, open.get(String(p.openPaymentId)) ?? null, today);
      if (status === 'overdue') {
        if (sent.has(overdueNotice(p, true).key)) continue;
        overdue++;
        await this.send(overdueNotice(p, true), { orgIds: [p.payerOrgId] });
        await this.send(overdueNotice(p, false), { orgIds: [p.payeeOrgId] });
      } else if (status === 'due' && p.dueOn >= today) {
        if (sent.has(dueNotice(p, daysBefore).key)) continue;
        due++;
        await this.send(dueNotice(p, daysBefore), { orgIds: [p.payerOrgId] });
      }
    }
    return { due, overdue };
  }

  /** Only contracts both sides still sign are owed (statements.service.ts leaves the others out as well). */
  private async signedContracts(ps: PayableRecord[]): Promise<Set<string>> {
    const ids = [...new Set(ps.filter((p) => p.contractId).map((p) => String(p.contractId)))];
    if (!ids.length) return new Set();
    return this.contracts.inStatus(ids, PLANNED);
  }
}
