import {
  FOLLOWUP_INTERVAL_MONTHS,
  FOLLOWUP_PERIODS,
  REPORT_GRACE_DAYS,
  type FollowupPeriodDto,
  type FollowupStatus,
} from '../../shared/followup';
import type { PlanRecord } from './followup.model';

const DAY_MS = 86_400_000;

/** The same day `months` later (the 31st of a shorter month falls on its last day). */
export function addMonths(d: Date, months: number): Date {
  const out = new Date(d.getTime());
  const day = out.getUTCDate();
  out.setUTCDate(1);
  out.setUTCMonth(out.getUTCMonth() + months);
  const last = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate();
  out.setUTCDate(Math.min(day, last));
  return out;
}

/** When period n (1-based) opens for reporting, and when its report is due. */
export const opensAt = (registeredAt: Date, n: number) => addMonths(registeredAt, (n - 1) * FOLLOWUP_INTERVAL_MONTHS);
export const dueAt = (registeredAt: Date, n: number) =>
  new Date(addMonths(registeredAt, n * FOLLOWUP_INTERVAL_MONTHS).getTime() + REPORT_GRACE_DAYS * DAY_MS);

/** The first unreported period and its due date, from the periods reported so far. */
export function nextOf(registeredAt: Date, reported: number[]): { nextPeriod: number | null; nextDueAt: Date | null } {
  for (let n = 1; n <= FOLLOWUP_PERIODS; n++)
    if (!reported.includes(n)) return { nextPeriod: n, nextDueAt: dueAt(registeredAt, n) };
  return { nextPeriod: null, nextDueAt: null };
}

/** A plan's standing as of `now`: overdue wins (something is owed), then industrialised, complete, on track. */
export function statusOf(p: Pick<PlanRecord, 'nextDueAt' | 'industrialisedAt'>, now: Date): FollowupStatus {
  if (p.nextDueAt && p.nextDueAt.getTime() < now.getTime()) return 'overdue';
  if (p.industrialisedAt) return 'industrialised';
  if (!p.nextDueAt) return 'complete';
  return 'on_track';
}

export function periodsOf(p: Pick<PlanRecord, 'registeredAt' | 'reports'>, now: Date): FollowupPeriodDto[] {
  const reported = new Set(p.reports.map((r) => r.period));
  return Array.from({ length: FOLLOWUP_PERIODS }, (_, i) => {
    const n = i + 1;
    const open = opensAt(p.registeredAt, n);
    const due = dueAt(p.registeredAt, n);
    const state = reported.has(n)
      ? 'reported'
      : due.getTime() < now.getTime()
        ? 'overdue'
        : open.getTime() <= now.getTime()
          ? 'open'
          : 'upcoming';
    return { period: n, opensAt: open.toISOString(), dueAt: due.toISOString(), state };
  });
}
