import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { AuditService } from '../audit/audit.service';
import type { Notifier } from '../notifications/notify';
import { FollowupFunnel, type FunnelPorts } from './followup.funnel';
import { FollowupReminders } from './followup.reminders';
import { FollowupRepository } from './followup.repository';
import { FollowupService, type ContractsPort } from './followup.service';

/**
 * The follow-up module (issue 16: 产业化贯通). It owns `followup_plans` (followup.repository.ts) and learns
 * of registrations from the contracts module's port and hook, never from the contracts collection; the
 * funnel reads the tally through the stats service, listings and rooms through their modules' reads.
 */
export async function createFollowup(deps: {
  conn: Connection;
  contracts: ContractsPort;
  funnel: FunnelPorts;
  audit: AuditService;
  notify: Notifier;
  logger: Logger;
  clock?: () => Date;
}) {
  const repo = new FollowupRepository(deps.conn);
  await repo.syncIndexes();
  // The module's clock: real time by default; tests set `clock.now` to read plans as of another day.
  const clock = { now: deps.clock ?? (() => new Date()) };
  const now = () => clock.now();
  const service = new FollowupService(repo, deps.contracts, deps.audit, now);
  service.notify = deps.notify;
  const reminders = new FollowupReminders(repo, service, deps.logger);
  reminders.notifier = deps.notify;
  const funnel = new FollowupFunnel(repo, deps.funnel, now);
  return { repo, service, reminders, funnel, clock };
}

export type Followup = Awaited<ReturnType<typeof createFollowup>>;
