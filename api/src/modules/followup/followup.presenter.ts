import type { FollowupPlanDto } from '../../shared/followup';
import type { PlanRecord } from './followup.model';
import { dueAt, opensAt, periodsOf, statusOf } from './followup.schedule';
import { sideOf } from './followup.policy';
import type { AuthUser } from '../auth/auth.types';

/** A plan as its readers see it (parties and staff read the same figures; only the buyer may report). */
export function presentPlan(p: PlanRecord, viewer: AuthUser | null, now: Date): FollowupPlanDto {
  const side = sideOf(viewer, p);
  const reports = [...p.reports].sort((a, b) => a.period - b.period);
  const last = reports.at(-1);
  return {
    contractId: String(p._id),
    contractNo: p.contractNo,
    title: p.title,
    sellerName: p.sellerName,
    buyerName: p.buyerName,
    sellerRegion: p.sellerRegion,
    buyerRegion: p.buyerRegion,
    fieldCode: p.fieldCode,
    amountFen: p.amountFen,
    registeredAt: p.registeredAt.toISOString(),
    status: statusOf(p, now),
    stage: p.stage,
    industrialisedAt: p.industrialisedAt ? p.industrialisedAt.toISOString() : null,
    nextPeriod: p.nextPeriod,
    nextDueAt: p.nextDueAt ? p.nextDueAt.toISOString() : null,
    latest: last ? { salesFen: last.salesFen, jobs: last.jobs, investmentFen: last.investmentFen } : null,
    periods: periodsOf(p, now),
    reports: reports.map((r) => ({
      period: r.period,
      stage: r.stage,
      salesFen: r.salesFen,
      jobs: r.jobs,
      investmentFen: r.investmentFen,
      note: r.note,
      byName: r.byName,
      at: new Date(r.at).toISOString(),
      late: new Date(r.at).getTime() > dueAt(p.registeredAt, r.period).getTime(),
    })),
    side,
    canReport:
      side === 'buyer' && p.nextPeriod !== null && opensAt(p.registeredAt, p.nextPeriod).getTime() <= now.getTime(),
  };
}
