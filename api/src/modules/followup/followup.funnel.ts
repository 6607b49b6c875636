import { LIAONING, liaoningRegionCodes } from '../../shared/taxonomy';
import type { StatsDto, StatsQuery } from '../../shared/contract-schemas';
import type { FollowupFunnelDto, FollowupFunnelQuery } from '../../shared/followup';
import type { AuthUser } from '../auth/auth.types';
import { funnelRegion } from './followup.policy';
import type { FollowupRepository } from './followup.repository';

/** The ports the funnel reads: the tally (stats service), the listings directory and the negotiation rooms. */
export interface FunnelPorts {
  tally(region: string, q: StatsQuery): Promise<StatsDto>;
  listedIds(q: { regionCode?: string; fieldCode?: string }): Promise<string[]>;
  roomsOn(subjectIds: string[], from: Date, to: Date): Promise<number>;
}

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/**
 * The conversion funnel of a region (the seller's, as the tally) and field over a year: 挂牌 (achievements
 * published now), 洽谈 (rooms opened on them in the year), 签约 (contracts counted in the year's tally, any
 * status bucket), 登记 (registered in the year) and 产业化 (of those, the ones whose buyer reported the
 * 'industrialised' milestone). 签约 and 登记 are the stats service's tally, never counted again here;
 * 本地转化率 is its 省内 (intra) share of registered contracts — by count, beside the dashboard's share by
 * amount. A field narrows the tally's field row; the rollups keep no flow within a field, so with a field
 * the local share is read off the registered contracts' follow-up plans, which carry the buyer's region.
 */
export class FollowupFunnel {
  constructor(
    private readonly repo: FollowupRepository,
    private readonly ports: FunnelPorts,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async funnel(user: AuthUser, q: FollowupFunnelQuery): Promise<FollowupFunnelDto> {
    const region = funnelRegion(user, q.region);
    const now = this.clock();
    const year = q.year ?? now.getUTCFullYear();
    const range = { from: `${year}-01`, to: `${year}-12` };
    const start = new Date(Date.UTC(year, 0, 1));
    const end = new Date(Date.UTC(year + 1, 0, 1));
    const scope: Record<string, unknown> = { registeredAt: { $gte: start, $lt: end } };
    if (region !== LIAONING) scope.sellerRegion = region;
    if (q.field) scope.fieldCode = q.field;
    const [tally, listed, plans] = await Promise.all([
      this.ports.tally(region, { groupBy: q.field ? 'field' : 'flow', ...range }),
      this.ports.listedIds({ regionCode: region === LIAONING ? undefined : region, fieldCode: q.field }),
      this.repo.figures(scope),
    ]);
    const row = q.field ? tally.rows.find((r) => r.key === q.field) : tally.totals;
    const contracted = row?.all.n ?? 0;
    const registered = row?.registered.n ?? 0;
    const negotiated = await this.ports.roomsOn(listed, start, end);
    const industrialised = plans.filter((p) => p.industrialisedAt).length;
    const local = q.field
      ? rate(plans.filter((p) => liaoningRegionCodes.includes(p.buyerRegion)).length, plans.length)
      : rate(tally.rows.find((r) => r.key === 'intra')?.registered.n ?? 0, registered);
    return {
      year,
      region,
      field: q.field ?? null,
      stages: [
        { stage: 'listed', n: listed.length },
        { stage: 'negotiated', n: negotiated },
        { stage: 'contracted', n: contracted },
        { stage: 'registered', n: registered },
        { stage: 'industrialised', n: industrialised },
      ],
      localConversionRate: local,
      industrialisationRate: rate(industrialised, registered),
      overdue: plans.filter((p) => p.nextDueAt && p.nextDueAt.getTime() < now.getTime()).length,
    };
  }
}
