/**
 * The read side of the tally: who may read which region (`statsScope`), the grouping of rollup cells into
 * the dashboard's rows with year-on-year, the headline summary and the yearly targets. It only reads the
 * rollups (through the store's cache); keeping them in line with the contracts is StatsService's.
 */
import { AppError } from '../../http/errors';
import {
  LIAONING,
  statBuckets,
  type BucketSums,
  type StatGroupBy,
  type StatRowDto,
  type StatsDto,
  type StatsQuery,
  type Sums,
  type SummaryDto,
} from '../../shared/contract-schemas';
import type { AuthUser } from '../auth/auth.types';
import type { RollupStore } from './rollup-store';
import type { StatsModels } from './stats.model';

const periodGroups = new Set(['month', 'quarter', 'year']);
/** Each status bucket with the names of its count, amount and technology-amount fields in a rollup cell. */
const BUCKET_FIELDS = statBuckets.map((b) => [b, `${b}N`, `${b}Amt`, `${b}Tech`] as const);
const zero = (): Sums => ({ n: 0, amountFen: 0, techFen: 0 });
const emptyBuckets = (): BucketSums => ({ signed: zero(), filed: zero(), registered: zero(), rejected: zero() });
const isEmpty = (b: BucketSums) => statBuckets.every((k) => b[k].n === 0 && b[k].amountFen === 0 && b[k].techFen === 0);
const ym = (s: string) => Number(s.slice(0, 4)) * 100 + Number(s.slice(5, 7));
const ymText = (m: number) => `${Math.floor(m / 100)}-${String(m % 100).padStart(2, '0')}`;

/** Which regions' rows a caller may read: an official's region (210000 = all), the public the province. */
export function statsScope(user: AuthUser | null, requested?: string): string {
  const official = user?.roles.includes('official') ? (user.officialRegion ?? null) : null;
  const isAdmin = !!user?.roles.includes('admin');
  if (!official && !isAdmin) throw new AppError(user ? 'FORBIDDEN' : 'UNAUTHENTICATED');
  const own = isAdmin ? LIAONING : official!;
  if (!requested || requested === own) return own;
  if (own === LIAONING) return requested;
  throw new AppError('FORBIDDEN', { reason: 'outside your region' });
}

/** Answers the tally, the summary and the targets from the rollups and the targets collection. */
export class TallyQueries {
  constructor(
    private readonly models: StatsModels,
    private readonly store: RollupStore,
  ) {}

  /**
   * One pass over the cells of the (dimension, year) documents in range: region prefix, month range and
   * group key read off the cell key, sums added in place. No row objects are made (a wide dimension has
   * ~14,000 cells a year, read twice per query for year-on-year).
   */
  private async grouped(
    groupBy: StatGroupBy,
    from: number,
    to: number,
    region: string,
  ): Promise<Map<string, BucketSums>> {
    const dim = periodGroups.has(groupBy) ? 'total' : groupBy;
    const out = new Map<string, BucketSums>();
    const prefix = region === LIAONING ? null : `${region}|`;
    const periodKeys = new Map<number, string>();
    const periodKey = (m: number) => {
      let k = periodKeys.get(m);
      if (k === undefined) {
        k =
          groupBy === 'month'
            ? ymText(m)
            : groupBy === 'quarter'
              ? `${Math.floor(m / 100)}-Q${Math.ceil((m % 100) / 3)}`
              : String(Math.floor(m / 100));
        periodKeys.set(m, k);
      }
      return k;
    };
    for (let y = Math.floor(from / 100); y <= Math.floor(to / 100); y++) {
      const cells = await this.store.read(dim, y);
      for (const cell in cells) {
        if (prefix && !cell.startsWith(prefix)) continue;
        const last = cell.lastIndexOf('|');
        const month = y * 100 + (cell.charCodeAt(last + 1) - 48) * 10 + (cell.charCodeAt(last + 2) - 48);
        if (month < from || month > to) continue;
        const key = dim === 'total' ? periodKey(month) : cell.slice(cell.indexOf('|') + 1, last);
        let acc = out.get(key);
        if (!acc) out.set(key, (acc = emptyBuckets()));
        const f = cells[cell];
        for (const [bucket, n, amt, tech] of BUCKET_FIELDS) {
          const sums = acc[bucket];
          sums.n += f[n] ?? 0;
          sums.amountFen += f[amt] ?? 0;
          sums.techFen += f[tech] ?? 0;
        }
      }
    }
    return out;
  }

  async contracts(user: AuthUser | null, q: StatsQuery): Promise<StatsDto> {
    const region = statsScope(user, q.region);
    return this.tally(region, q);
  }

  /** The tally for a region (no access check: callers decide the scope). */
  async tally(region: string, q: StatsQuery): Promise<StatsDto> {
    const year = new Date().getFullYear();
    const from = q.from ?? `${year}-01`;
    const to = q.to ?? `${year}-12`;
    if (from > to)
      throw new AppError('VALIDATION_FAILED', [{ in: 'query', path: 'to', message: 'must not be before from' }]);
    const [now, prev] = await Promise.all([
      this.grouped(q.groupBy, ym(from), ym(to), region),
      this.grouped(q.groupBy, ym(from) - 100, ym(to) - 100, region),
    ]);
    const shift = (key: string) =>
      periodGroups.has(q.groupBy) ? `${Number(key.slice(0, 4)) - 1}${key.slice(4)}` : key;
    const row = (key: string, b: BucketSums, prevAmt: number): StatRowDto => {
      const all = zero();
      for (const s of statBuckets) (['n', 'amountFen', 'techFen'] as const).forEach((f) => (all[f] += b[s][f]));
      return {
        key,
        ...b,
        all,
        prevRegisteredAmountFen: prevAmt,
        yoy: prevAmt > 0 ? b.registered.amountFen / prevAmt - 1 : null,
      };
    };
    // A cell whose contributions cancelled out (a contract that moved on to another month or value) stays in
    // the rollups as zeros; it is no group of the answer, as it is none after a rebuild or in the raw contracts.
    const rows = [...now]
      .filter(([, b]) => !isEmpty(b))
      .map(([key, b]) => row(key, b, prev.get(shift(key))?.registered.amountFen ?? 0));
    rows.sort((a, b) =>
      periodGroups.has(q.groupBy)
        ? a.key.localeCompare(b.key)
        : b.registered.amountFen - a.registered.amountFen || a.key.localeCompare(b.key),
    );
    const totals = emptyBuckets();
    for (const r of rows)
      for (const s of statBuckets) (['n', 'amountFen', 'techFen'] as const).forEach((f) => (totals[s][f] += r[s][f]));
    let prevTotal = 0;
    for (const b of prev.values()) prevTotal += b.registered.amountFen;
    return { groupBy: q.groupBy, from, to, region, rows, totals: row('total', totals, prevTotal) };
  }

  async summary(
    user: AuthUser | null,
    q: { year?: number; region?: string },
    audience: 'public' | 'official',
  ): Promise<SummaryDto> {
    const region = audience === 'public' ? LIAONING : statsScope(user, q.region);
    const year = q.year ?? new Date().getFullYear();
    const range = { from: `${year}-01`, to: `${year}-12` };
    const [monthly, flows, target] = await Promise.all([
      this.tally(region, { groupBy: 'month', ...range }),
      this.tally(region, { groupBy: 'flow', ...range }),
      this.models.Target.findById(`${year}:${region}`).lean<{ amountFen: number }>(),
    ]);
    const t = monthly.totals;
    const intra = flows.rows.find((r) => r.key === 'intra')?.registered.amountFen ?? 0;
    return {
      year,
      region,
      registered: t.registered,
      signedAll: t.all,
      pending: t.filed.n,
      prevRegisteredAmountFen: t.prevRegisteredAmountFen,
      yoy: t.yoy,
      localConversionRate: t.registered.amountFen > 0 ? intra / t.registered.amountFen : null,
      averageFen: t.registered.n > 0 ? Math.round(t.registered.amountFen / t.registered.n) : null,
      target: target ? { amountFen: target.amountFen, progress: t.registered.amountFen / target.amountFen } : null,
      monthly: monthly.rows.map((r) => ({
        month: r.key,
        registeredAmountFen: r.registered.amountFen,
        registeredN: r.registered.n,
      })),
    };
  }

  async targets(user: AuthUser | null, year: number) {
    const region = statsScope(user);
    const filter: Record<string, unknown> = { year };
    if (region !== LIAONING) filter.regionCode = region;
    const rows = await this.models.Target.find(filter)
      .sort({ regionCode: 1 })
      .lean<Array<{ year: number; regionCode: string; amountFen: number; setAt: Date }>>();
    return rows.map((r) => ({
      year: r.year,
      regionCode: r.regionCode,
      amountFen: r.amountFen,
      setAt: r.setAt.toISOString(),
    }));
  }

  async setTarget(user: AuthUser, body: { year: number; regionCode: string; amountFen: number }) {
    statsScope(user, body.regionCode);
    await this.models.Target.updateOne(
      { _id: `${body.year}:${body.regionCode}` },
      {
        $set: {
          year: body.year,
          regionCode: body.regionCode,
          amountFen: body.amountFen,
          setBy: user.id,
          setAt: new Date(),
        },
      },
      { upsert: true },
    );
    return { year: body.year, regionCode: body.regionCode, amountFen: body.amountFen };
  }

  /** A year's target set by the demo seed, unless one is set already (a replica's seed or an official's). */
  async seedTarget(year: number, regionCode: string, amountFen: number): Promise<void> {
    await this.models.Target.updateOne(
      { _id: `${year}:${regionCode}` },
      { $setOnInsert: { year, regionCode, amountFen, setBy: 'seed', setAt: new Date() } },
      { upsert: true },
    ).catch((err: { code?: number }) => {
      if (err.code !== 11000) throw err;
    });
  }
}
