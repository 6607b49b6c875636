import os from 'node:os';
import type { Logger } from 'pino';
import type { SearchModels } from './search.models';
import type { ListingIndexFeed } from '../listings/listing-index-feed';
import type { ListingRecord } from '../listings/listing.model';
import type { OrgDirectory } from '../orgs/org-directory';
import { toSearchDoc } from './search-document';
import { acquireLease, rebuildIndex } from './search-rebuild';
import { pendingLag, type SyncLag } from './search-lag';
export type { SyncLag } from './search-lag';
import type { SearchDoc, SearchEngine } from './search-engine';

export interface SyncOptions {
  batchSize?: number;
  /** Pause between polls when there is nothing to do (ms). */
  intervalMs?: number;
  maxBackoffMs?: number;
  /** Hold the MongoDB lease so only one worker indexes (the search-sync service). In-process: off. */
  useLease?: boolean;
  /** Called with documents that were (re)indexed by incremental sync, for notifications. */
  onIndexed?: (docs: SearchDoc[]) => Promise<void>;
}

/** What the worker reads: dirty and published listings (the listings module), publishers' names, its lease. */
export interface SyncSources {
  listings: ListingIndexFeed;
  orgs: Pick<OrgDirectory, 'info'>;
  locks: SearchModels['Lock'];
}

const LEASE_MS = 15_000;
const KICK_DELAY_MS = 25;

/**
 * Keeps the search index equal to MongoDB without change streams: every listing write sets `searchDirty`
 * (and bumps `version`) in the same update; this worker indexes dirty listings in batches and clears the
 * flag only if the version is still the one it indexed, so a write made meanwhile is picked up next round.
 * Engine failures keep the flags and back off exponentially; a restart simply finds the flags again.
 */
export class SearchSync {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** The rebuild started through startReindex(), while it runs. */
  private reindexing: Promise<void> | null = null;
  /** Batches run one at a time (the poll's and drain()'s): the last one queued. */
  private turn: Promise<unknown> = Promise.resolve();
  private stopped = true;
  private backoff = 0;
  private lastError: string | null = null;
  private indexed = 0;
  private initialized = false;
  private kicked = false;
  /** What the last poll saw, so /readyz can report the lag without querying (FerretDB scans for it). */
  private lastPoll = { at: 0, found: 0, oldest: 0 };
  /** The last rebuild started through startReindex(), for progress bars. */
  reindexProgress: { running: boolean; done: number; total: number; startedAt: string | null; error: string | null } = {
    running: false,
    done: 0,
    total: 0,
    startedAt: null,
    error: null,
  };
  private readonly holder = `${os.hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  private readonly opts: Required<Omit<SyncOptions, 'onIndexed'>> & Pick<SyncOptions, 'onIndexed'>;

  constructor(
    private readonly sources: SyncSources,
    private readonly engine: SearchEngine,
    private readonly logger: Logger,
    opts: SyncOptions = {},
  ) {
    this.opts = { batchSize: 500, intervalMs: 200, maxBackoffMs: 30_000, useLease: false, ...opts };
  }

  private readonly kinds = ['achievement', 'need'] as const;

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    if (this.opts.useLease)
      await this.sources.locks.deleteOne({ _id: 'search-sync', holder: this.holder }).catch(() => undefined);
  }

  /**
   * Runs a batch now instead of at the next poll: listing writes made through this process call it, so they
   * are indexed within milliseconds while the idle poll (which scans on FerretDB) can stay slow.
   */
  kick(kind?: (typeof this.kinds)[number]): void {
    if (this.stopped) return;
    this.kicked = true;
    for (const k of kind ? [kind] : this.kinds) this.kickedKinds.add(k);
    // A batch in progress schedules the next one soon when it ends (it sees `kicked`).
    if (this.inTick) return;
    // Writes within KICK_DELAY_MS share one batch (one scan, one upsert, one flag update).
    if (this.timer && this.dueAt <= Date.now() + KICK_DELAY_MS) return;
    if (this.timer) clearTimeout(this.timer);
    this.schedule(KICK_DELAY_MS);
  }

  private inTick = false;
  /** The kinds written through this process since the last batch: a kicked batch polls only those. */
  private readonly kickedKinds = new Set<(typeof this.kinds)[number]>();
  /** When both kinds were last polled: at least every interval, for writes other processes made. */
  private lastFullPoll = 0;
  /**
   * Whether more may be waiting after the last batch: it took a whole batch of some kind, or a listing was
   * written while it ran (that kind is polled next, at once).
   */
  private lastBatchFull = false;

  private dueAt = 0;

  private schedule(ms: number) {
    if (this.stopped) return;
    // One pending poll at a time: a kick's earlier timer is replaced, not left to start a second chain.
    if (this.timer) clearTimeout(this.timer);
    this.dueAt = Date.now() + ms;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.exclusive(() => this.tick()).finally(() => (this.running = null));
    }, ms);
    this.timer.unref();
  }

  /**
   * In-process, the idle poll doubles after each empty poll up to 16 × the interval: writes through this
   * process kick the worker anyway, and on FerretDB every poll is a scan of the listing collections.
   */
  private idle = 0;

  private async tick() {
    this.inTick = true;
    // Only in-process: the separate search-sync service is never kicked, so it keeps its interval.
    let next = this.opts.useLease ? this.opts.intervalMs : this.opts.intervalMs * 2 ** Math.min(this.idle, 4);
    let failed = false;
    try {
      if (this.opts.useLease && !(await acquireLease(this.sources.locks, this.holder, LEASE_MS))) {
        next = LEASE_MS / 3;
      } else {
        const wasKicked = this.kicked;
        this.kicked = false;
        // Under write load every write kicks: those batches poll only the kinds written, and both kinds are
        // polled at least once per interval (writes made by other processes are never kicked here).
        const full = this.opts.useLease || !wasKicked || Date.now() - this.lastFullPoll >= this.opts.intervalMs;
        const kinds = full ? this.kinds : this.kinds.filter((k) => this.kickedKinds.has(k));
        this.kickedKinds.clear();
        if (full) this.lastFullPoll = Date.now();
        const n = await this.runOnce(kinds);
        this.backoff = 0;
        this.lastError = null;
        this.idle = n > 0 || wasKicked ? 0 : this.idle + 1;
        // A batch smaller than the batch size whose flags all cleared took everything dirty when it polled;
        // what was written since kicked the worker (or waits for the interval poll if another process wrote it).
        if (this.lastBatchFull) next = 0;
      }
    } catch (err) {
      failed = true;
      this.lastError = (err as Error).message;
      this.backoff = Math.min(this.opts.maxBackoffMs, this.backoff ? this.backoff * 2 : 250);
      next = this.backoff;
      this.logger.warn({ err: this.lastError, retryInMs: next }, 'search sync failed; will retry');
    }
    // Writes made while this batch ran are picked up soon (not after the idle poll); an outage keeps its backoff.
    if (!failed && this.kicked) {
      this.idle = 0;
      next = Math.min(next, KICK_DELAY_MS);
    }
    this.inTick = false;
    this.schedule(next);
  }

  /** Indexes one batch of dirty listings per kind; returns how many listings it handled. */
  async runOnce(kinds: ReadonlyArray<(typeof this.kinds)[number]> = this.kinds): Promise<number> {
    if (!this.initialized) {
      await this.engine.init();
      this.initialized = true;
    }
    let handled = 0;
    const indexedDocs: SearchDoc[] = [];
    const poll = { at: Date.now(), found: 0, oldest: 0 };
    this.lastPoll = poll;
    this.lastBatchFull = false;
    for (const kind of kinds) {
      const dirty = await this.sources.listings.dirty(kind, this.opts.batchSize);
      if (dirty.length === 0) continue;
      if (dirty.length >= this.opts.batchSize) {
        this.lastBatchFull = true;
        this.kickedKinds.add(kind);
      }
      poll.found += dirty.length;
      const oldest = new Date(dirty[0].updatedAt).getTime();
      if (!poll.oldest || oldest < poll.oldest) poll.oldest = oldest;
      const orgs = await this.orgInfo(dirty);
      const docs: SearchDoc[] = [];
      const gone: string[] = [];
      for (const l of dirty) {
        const doc = toSearchDoc(kind, l, orgs.get(String(l.ownerOrgId)));
        if (doc) docs.push(doc);
        else gone.push(String(l._id));
      }
      await this.engine.upsert(docs);
      await this.engine.remove(gone);
      // A listing written while this batch ran keeps its flag (the clear is guarded by version): poll again at once.
      if ((await this.sources.listings.markIndexed(kind, dirty)) < dirty.length) {
        this.lastBatchFull = true;
        this.kickedKinds.add(kind);
      }
      handled += dirty.length;
      indexedDocs.push(...docs);
    }
    this.indexed += handled;
    this.lastPoll = { at: poll.at, found: 0, oldest: 0 };
    if (indexedDocs.length && this.opts.onIndexed) {
      await this.opts
        .onIndexed(indexedDocs)
        .catch((err) => this.logger.warn({ err: (err as Error).message }, 'search notifications failed'));
    }
    return handled;
  }

  /** Runs `fn` after the batch in progress, and the next batch after it. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.turn.then(fn);
    this.turn = run.catch(() => undefined);
    return run;
  }

  /**
   * Runs batches until nothing is dirty, after any batch in progress (which may have taken the flags and
   * still be indexing or notifying): when it resolves, every listing written before the call is in the
   * index and its notifications are stored. Tests await it; so does the reindex command.
   */
  async drain(): Promise<void> {
    // A rebuild started by an admin (startReindex) is background work too.
    await this.reindexing;
    return this.exclusive(async () => {
      while ((await this.runOnce()) > 0);
    });
  }

  private orgInfo(listings: ListingRecord[]) {
    return this.sources.orgs.info(listings.map((l) => String(l.ownerOrgId)));
  }

  /**
   * Rebuilds the index from MongoDB: every published listing in _id order, in batches, then removes what
   * MongoDB no longer publishes. Safe while writes go on (they stay dirty and are indexed after).
   */
  async reindexAll(progress?: (done: number, total: number) => void): Promise<{ indexed: number; removed: number }> {
    await this.engine.init();
    this.initialized = true;
    return rebuildIndex(this.sources, this.engine, this.opts.batchSize, progress);
  }

  /** Starts a rebuild in the background (one at a time) and returns its progress record. */
  startReindex() {
    if (this.reindexProgress.running) return this.reindexProgress;
    const p = { running: true, done: 0, total: 0, startedAt: new Date().toISOString(), error: null as string | null };
    this.reindexProgress = p;
    this.reindexing = this.reindexAll((done, total) => Object.assign(p, { done, total }))
      .then(
        () => undefined,
        (err) => void (p.error = (err as Error).message),
      )
      .finally(() => {
        p.running = false;
        this.reindexing = null;
      });
    return p;
  }

  /**
   * The lag as of the last poll, without a query: what the last batch found still pending if it failed,
   * and how old its oldest write is by now. Writes made since that poll (at most one interval ago) are not
   * counted. For /readyz; lag() counts exactly.
   */
  lagSnapshot(): SyncLag & { polledMsAgo: number | null } {
    const { at, found, oldest } = this.lastPoll;
    return {
      pending: found,
      oldestMs: found && oldest ? Math.max(0, Date.now() - oldest) : 0,
      lastError: this.lastError,
      indexed: this.indexed,
      polledMsAgo: at ? Date.now() - at : null,
    };
  }

  lag(): Promise<SyncLag> {
    return pendingLag(this.sources.listings, this.kinds, { lastError: this.lastError, indexed: this.indexed });
  }
}
