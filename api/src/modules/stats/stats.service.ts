import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Connection } from 'mongoose';
import { statDims, type StatsDto, type StatsQuery, type SummaryDto } from '../../shared/contract-schemas';
import type { AuthUser } from '../auth/auth.types';
import type { Contribution } from '../contracts/contract.model';
import type { ContractTallyFeed } from '../contracts/contract-tally-feed';
import { RollupStore } from './rollup-store';
import type { RollupRow, StatsModels } from './stats.model';
import { TallyQueries } from './stats.query';
import { accumulate, cellOf, contributionOf, deltaOf, rowsToDocs, type TallySource } from './stats.rollup';

type TallyDoc = TallySource & { _id: unknown; version: number };

const sameContribution = (a: Contribution | null | undefined, b: Contribution | null) =>
  (a ?? null) === b ||
  (!!a &&
    !!b &&
    a.bucket === b.bucket &&
    a.month === b.month &&
    a.sellerRegion === b.sellerRegion &&
    a.amountFen === b.amountFen &&
    a.techFen === b.techFen &&
    a.keys.join('\n') === b.keys.join('\n'));

/**
 * Keeps the rollups in line with the contracts: `apply` is called right after every contract write (so a
 * registration shows within the request), a 1 s sweep catches any write whose apply did not run (crash,
 * other instance), `rebuild` recomputes them all, and `warm` loads the dashboards' documents into the read
 * cache after a start. The tally, summary and targets are answered by TallyQueries (stats.query.ts) over
 * the same store; the methods at the end pass them through so callers keep one stats service.
 */
export class StatsService {
  private timer: NodeJS.Timeout | null = null;
  readonly store: RollupStore;
  private readonly queries: TallyQueries;
  private sweeping: Promise<void> | null = null;

  constructor(
    models: StatsModels,
    /** The contracts module's tally port: the only way to the contracts collection. */
    private readonly feed: ContractTallyFeed,
    conn: Connection,
    private readonly logger: Logger,
  ) {
    this.store = new RollupStore(conn);
    this.queries = new TallyQueries(models, this.store);
  }

  /**
   * Brings the rollups in line with the contract's current version: claim (stats.v: old → current, guarded
   * by both versions) then $inc next − previous. A replay finds stats.v == version and changes nothing; a
   * loser of a race changes nothing either. `pending` marks the window between claim and $inc: a crash there
   * is repaired by `rebuild()` (run at start-up when any contract is left pending).
   */
  async apply(contractId: unknown): Promise<boolean> {
    const c = await this.feed.byId(contractId);
    if (!c) return false;
    if (c.stats.v === c.version) {
      if (c.statsDirty) await this.feed.markSettled(c);
      return false;
    }
    const next = contributionOf(c);
    if (!(await this.feed.claim(c, next))) return false;
    await this.incRows(deltaOf(c.stats.c, next));
    await this.feed.clearPending(c);
    return true;
  }

  /**
   * The same protocol for many contracts in a few round trips (imports, the seed, the sweep): claim each
   * with a token in one bulk write, read back which claims won, $inc their summed deltas, clear the marks.
   */
  async applyMany(ids: unknown[]): Promise<number> {
    let applied = 0;
    for (let i = 0; i < ids.length; i += 1_000) {
      const cs = await this.feed.forTally(ids.slice(i, i + 1_000));
      const todo = cs.filter((c) => c.stats.v !== c.version);
      await this.feed.markSettledMany(cs.filter((c) => c.stats.v === c.version && c.statsDirty).map((c) => c._id));
      if (!todo.length) continue;
      const token = randomUUID();
      const next = new Map(todo.map((c) => [String(c._id), contributionOf(c)]));
      const won = await this.feed.claimMany(todo, next, token);
      const wonIds = new Set(won.map(String));
      const rows = new Map<string, Record<string, number>>();
      for (const c of todo) {
        if (!wonIds.has(String(c._id))) continue;
        for (const [key, inc] of deltaOf(c.stats.c, next.get(String(c._id)) ?? null)) {
          const acc = rows.get(key) ?? {};
          for (const [f, v] of Object.entries(inc)) acc[f] = (acc[f] ?? 0) + v;
          rows.set(key, acc);
        }
      }
      await this.incRows(rows);
      await this.feed.clearClaims(won, token);
      applied += won.length;
    }
    return applied;
  }

  /**
   * Bulk loading (the demo seed): new contracts are inserted already carrying their contribution and
   * `addInserted` then adds them to the rollups in one pass (an updateMany over 2,000 ids to clear marks
   * took over 90 s on FerretDB, so there are none). The caller records when that finished and rebuilds when
   * it did not (see the seed).
   */
  withContribution<T extends TallyDoc>(doc: T): T {
    return { ...doc, statsDirty: false, stats: { v: doc.version, c: contributionOf(doc) } };
  }

  async addInserted(docs: TallyDoc[]): Promise<void> {
    const rows = new Map<string, RollupRow>();
    for (const d of docs) accumulate(rows, deltaOf(null, contributionOf(d)));
    if (await this.store.isEmpty()) {
      await this.store.insert(rowsToDocs(rows));
    } else {
      const incs = new Map<string, Record<string, number>>();
      for (const [key, row] of rows) {
        const inc: Record<string, number> = {};
        for (const [f, v] of Object.entries(row)) if (typeof v === 'number' && !['month'].includes(f)) inc[f] = v;
        incs.set(key, inc);
      }
      await this.incRows(incs);
    }
  }

  /** $inc per cell, merged into one update per (dimension, year) document. */
  private async incRows(rows: Map<string, Record<string, number>>): Promise<void> {
    const docs = new Map<string, { dim: string; year: number; inc: Record<string, number> }>();
    for (const [key, inc] of rows) {
      const { docId, dim, year, cell } = cellOf(key);
      let d = docs.get(docId);
      if (!d) docs.set(docId, (d = { dim, year, inc: {} }));
      for (const [f, v] of Object.entries(inc))
        if (v !== 0) d.inc[`cells.${cell}.${f}`] = (d.inc[`cells.${cell}.${f}`] ?? 0) + v;
    }
    await this.store.inc(docs);
  }

  /** Applies next − previous straight to the rollups (the benchmark's writes; the app goes through apply). */
  async addDelta(prev: ReturnType<typeof contributionOf>, next: ReturnType<typeof contributionOf>): Promise<void> {
    await this.incRows(deltaOf(prev, next));
  }

  async sweep(): Promise<number> {
    const dirty = await this.feed.dirtyIds(2_000);
    return dirty.length ? this.applyMany(dirty) : 0;
  }

  start(intervalMs = 1_000): void {
    this.timer = setInterval(() => {
      this.sweeping ??= this.sweep()
        .then(() => undefined)
        .catch((err) => this.logger.warn({ err }, 'stats sweep failed'))
        .finally(() => (this.sweeping = null));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.stopped = true;
    await this.sweeping;
    await this.warming;
  }

  private warming: Promise<void> | null = null;
  private stopped = false;

  /** Resolves when the start-up warm-up and any sweep in flight are done (tests await it before timing-free checks). */
  async settled(): Promise<void> {
    await this.warming;
    await this.sweeping;
  }

  /**
   * Loads the dashboards' documents (every dimension, this year and last) into the read cache in the
   * background, so the first official to open the dashboard after a start does not wait for FerretDB to
   * read a wide document (up to ~1.4 s at a million contracts).
   */
  warm(): Promise<void> {
    const year = new Date().getFullYear();
    this.warming ??= (async () => {
      for (const dim of statDims) {
        for (const y of [year, year - 1]) {
          if (this.stopped) return;
          await this.store.read(dim, y);
        }
      }
    })().catch((err) => this.logger.warn({ err }, 'stats cache warm-up failed'));
    return this.warming;
  }

  /** An update interrupted mid-way, or rollups still in the previous wide-document layout. */
  async needsRebuild(): Promise<boolean> {
    if (await this.store.hasLegacyLayout()) return true;
    return this.feed.anyPending();
  }

  /**
   * Recomputes every rollup row from the contracts (the same arithmetic as `apply`) and records on each
   * contract the contribution the rows now hold. Meant for an idle API (recovery, `npm run rebuild-stats`).
   */
  async rebuild(
    onProgress?: (done: number) => void,
  ): Promise<{ contracts: number; marked: number; rollupDocs: number }> {
    const rows = new Map<string, RollupRow>();
    const marks: Array<{ _id: unknown; version: number; c: ReturnType<typeof contributionOf> }> = [];
    const recorded = new Map<string, number>();
    for await (const c of this.feed.all()) {
      const contribution = contributionOf(c);
      accumulate(rows, deltaOf(null, contribution));
      recorded.set(String(c._id), c.version);
      // Only a contract whose record differs from what the rows now hold is written (usually none): each
      // update costs ~55 ms on FerretDB, so marking all 2,000 demo contracts would take minutes.
      const settled =
        c.stats &&
        c.stats.v === c.version &&
        !c.stats.pending &&
        !c.statsDirty &&
        sameContribution(c.stats.c, contribution);
      if (!settled) marks.push({ _id: c._id, version: c.version, c: contribution });
      if (recorded.size % 10_000 === 0) onProgress?.(recorded.size);
    }
    await this.store.clear();
    const all = rowsToDocs(rows);
    await this.store.insert(all);
    await this.feed.recordContributions(marks);
    // Contracts written during the rebuild carry a newer version than recorded: the sweep applies the rest.
    const moved: unknown[] = [];
    for await (const c of this.feed.versions()) if (recorded.get(String(c._id)) !== c.version) moved.push(c._id);
    await this.feed.markDirty(moved);
    return { contracts: recorded.size, marked: marks.length, rollupDocs: all.length };
  }

  // ---- queries (stats.query.ts) ----
  contracts(user: AuthUser | null, q: StatsQuery): Promise<StatsDto> {
    return this.queries.contracts(user, q);
  }

  /** The tally for a region (no access check: callers decide the scope). */
  tally(region: string, q: StatsQuery): Promise<StatsDto> {
    return this.queries.tally(region, q);
  }

  /**
   * The registrations module's count of pending filings in a region's scope (wired in composition/build-context.ts): the KPI
   * 待登记 and the officials' queue read the same query, so they never disagree (the rollups' `filed` bucket
   * counts only the year's filings).
   */
  pendingFilings: ((region: string) => Promise<number>) | null = null;

  async summary(
    user: AuthUser | null,
    q: { year?: number; region?: string },
    audience: 'public' | 'official',
  ): Promise<SummaryDto> {
    const s = await this.queries.summary(user, q, audience);
    return this.pendingFilings ? { ...s, pending: await this.pendingFilings(s.region) } : s;
  }

  targets(user: AuthUser | null, year: number) {
    return this.queries.targets(user, year);
  }

  setTarget(user: AuthUser, body: { year: number; regionCode: string; amountFen: number }) {
    return this.queries.setTarget(user, body);
  }

  seedTarget(year: number, regionCode: string, amountFen: number) {
    return this.queries.seedTarget(year, regionCode, amountFen);
  }
}
