import { AppError } from '../../http/errors';
import type {
  FiguresDto,
  FiguresQuery,
  FiguresRow,
  InterestStatus,
  PipelineDto,
  RequestStatus,
} from '../../shared/financing';
import { interestStatuses, requestStatuses } from '../../shared/financing';
import { LIAONING } from '../../shared/taxonomy';
import type { AuthUser } from '../auth/auth.types';
import type { OrgDirectory } from '../orgs/org-directory';
import { statsScope } from '../stats/stats.query';
import { pipelineScope } from './financing.policy';
import { orgRef } from './financing.presenter';
import type { FinancingRepository } from './financing.repository';

/** Beijing time: a day of the officials' reports starts at 00:00 UTC+8. */
const dayStart = (d: string) => new Date(`${d}T00:00:00+08:00`);
const dayEnd = (d: string) => new Date(new Date(`${d}T00:00:00+08:00`).getTime() + 86_400_000);

function group<T>(rows: T[], key: (t: T) => string, amount: (t: T) => number): FiguresRow[] {
  const m = new Map<string, FiguresRow>();
  for (const r of rows) {
    const k = key(r);
    const row = m.get(k) ?? { key: k, count: 0, amountFen: 0 };
    row.count += 1;
    row.amountFen += amount(r);
    m.set(k, row);
  }
  return [...m.values()].sort((a, b) => b.amountFen - a.amountFen || b.count - a.count || a.key.localeCompare(b.key));
}

/** The operators' pipeline and the officials' financing figures (as the seeds' reports count them). */
export class FiguresService {
  constructor(
    private readonly repo: FinancingRepository,
    private readonly orgs: OrgDirectory,
  ) {}

  /** Counts and amounts by state in the operator's sub-markets (hub operators and admins: all). */
  async pipeline(user: AuthUser): Promise<PipelineDto> {
    const scope = pipelineScope(user);
    if (!scope) throw new AppError('FORBIDDEN');
    const [requests, interests, recent, products] = await Promise.all([
      this.repo.requestTotals(scope),
      this.repo.interestTotals(scope),
      this.repo.recentRequests(scope, 20),
      this.repo.publishedCounts(),
    ]);
    const byStatus = new Map<RequestStatus, { count: number; amountFen: number }>();
    for (const r of requests) {
      const row = byStatus.get(r.status) ?? { count: 0, amountFen: 0 };
      row.count += 1;
      row.amountFen += r.amountFen;
      byStatus.set(r.status, row);
    }
    const interestCount = new Map<InterestStatus, number>();
    const perRequest = new Map<string, number>();
    for (const i of interests) {
      interestCount.set(i.status, (interestCount.get(i.status) ?? 0) + 1);
      perRequest.set(String(i.requestId), (perRequest.get(String(i.requestId)) ?? 0) + 1);
    }
    const signed = await this.repo.matchedInterests({ ...scope, status: 'signed' });
    const orgs = await this.orgs.summaries(recent.map((r) => r.orgId));
    return {
      requests: requestStatuses.map((status) => ({ status, count: 0, amountFen: 0, ...byStatus.get(status) })),
      interests: interestStatuses.map((status) => ({ status, count: interestCount.get(status) ?? 0 })),
      signed: { count: signed.length, amountFen: signed.reduce((s, i) => s + (i.outcome?.amountFen ?? 0), 0) },
      products,
      recent: recent.map((r) => ({
        id: String(r._id),
        title: r.title,
        org: orgRef(orgs, r.orgId),
        amountFen: r.amountFen,
        status: r.status,
        interests: perRequest.get(String(r._id)) ?? 0,
        updatedAt: r.updatedAt.toISOString(),
      })),
    };
  }

  /**
   * 对接企业 (requests an institution was matched with, and their organisations), 签订协议 (agreements
   * signed, organisations, amount) and the signed amount by instrument, city and field, for an official's
   * region (210000: any city) and a period of Beijing days: matched by the day of acceptance, signed by the
   * day the outcome was recorded.
   */
  async figures(user: AuthUser, q: FiguresQuery): Promise<FiguresDto> {
    const region = statsScope(user, q.region);
    if (q.from && q.to && q.to < q.from) throw new AppError('VALIDATION_FAILED', { reason: 'to is before from' });
    const scope = region === LIAONING ? {} : { regionCode: region };
    const rows = await this.repo.matchedInterests(scope);
    const within = (d: Date | null | undefined) =>
      !!d && (!q.from || d >= dayStart(q.from)) && (!q.to || d < dayEnd(q.to));
    const matched = rows.filter((i) => within(i.decidedAt));
    const signed = rows.filter((i) => i.status === 'signed' && within(i.outcome?.recordedAt));
    const termSheets = rows.filter((i) => i.outcome?.kind === 'term_sheet' && within(i.outcome.recordedAt));
    const amount = (i: (typeof rows)[number]) => i.outcome?.amountFen ?? 0;
    return {
      region,
      from: q.from ?? null,
      to: q.to ?? null,
      matchedRequests: new Set(matched.map((i) => String(i.requestId))).size,
      matchedOrgs: new Set(matched.map((i) => String(i.requesterOrgId))).size,
      signed: {
        count: signed.length,
        orgs: new Set(signed.map((i) => String(i.requesterOrgId))).size,
        amountFen: signed.reduce((s, i) => s + amount(i), 0),
      },
      termSheets: termSheets.length,
      byInstrument: group(signed, (i) => i.outcome?.instrument ?? 'loan', amount),
      byRegion: group(signed, (i) => i.regionCode, amount),
      byField: group(signed, (i) => i.fieldCode, amount),
    };
  }
}
