import { mongo, type Connection } from 'mongoose';

type AnyBulkWriteOperation<T extends object> = mongo.AnyBulkWriteOperation<T>;

type Cells = Record<string, Record<string, number>>;
type CellDoc = { _id: string } & Record<string, unknown>;
const PREFIX = 'stats_cell_';
/** Collections of the previous layout (one wide document per dimension and year); their presence means rebuild. */
const LEGACY_PREFIX = 'stats_r_';
const VERSION = `${PREFIX}version`;

/**
 * Every count and amount is written as a BSON double. The driver sends a JS integer below 2^31 as int32, and
 * FerretDB v1 adds two int32s in 32 bits (MongoDB would widen to int64): a cell of 分 passes 2^31 at 2,147万元.
 * Doubles are exact for integers up to 2^53 分 (90万亿元) on every server.
 */
const asDouble = (v: number) => new mongo.Double(v);
const doubles = (fields: Record<string, number>) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, asDouble(v)]));

/**
 * Where the rollups live: one collection per (dimension, year), one small document per cell (seller region,
 * value, month) holding that cell's sums. A dashboard query reads a whole collection (no filter, so no index
 * is needed on any server); a contract's change `$inc`s the few cells it moves, one bulk write per collection.
 *
 * Why so: the previous layout kept a (dimension, year) in one wide document, and mongo-java-server rewrites a
 * document whole on every `$inc` — measured on the journey bench, the twelve wide documents a registration
 * decision touches were the bulk of its 237 ms p50 — and every write bumped one version counter per
 * document in a single collection, which the server serialises. Now a write touches small documents and bumps
 * one counter once.
 *
 * Reads are cached per process and revalidated on every read against that one version counter, so any api
 * instance sees another's write on its next read. A writer whose bump shows no other write came between
 * (version = cached + 1) applies its own delta to its cached copies, so the instance that registered a contract
 * answers the dashboard from memory right after; otherwise it drops them. A read that overlaps one of this
 * process's own writes is not cached (it may hold the write's cells under the version before its bump, and
 * the writer would then apply the delta a second time); a read that overlaps another instance's write caches
 * a superset under the old version, which that write's bump then invalidates.
 */
export class RollupStore {
  private readonly cache = new Map<string, { version: number; cells: Cells }>();
  /**
   * This process's own changes by the version their bump took. Two writes of this process can finish their
   * bumps out of order (the one that took v+2 resumes before the one that took v+1); a cached copy moves
   * forward through consecutive own versions only, so a version bumped by another instance leaves it behind,
   * and the next read, which compares with the stored version, reloads it.
   */
  private readonly own = new Map<number, Map<string, Record<string, number>>>();
  private writing = 0;
  private writes = 0;
  constructor(private readonly conn: Connection) {}

  private get versions() {
    return this.conn.db!.collection<{ _id: string; n: number }>(VERSION);
  }
  private async version(): Promise<number> {
    return (await this.versions.findOne({ _id: 'all' }))?.n ?? 0;
  }
  private async bump(): Promise<number> {
    const doc = await this.versions.findOneAndUpdate(
      { _id: 'all' },
      { $inc: { n: 1 } },
      { upsert: true, returnDocument: 'after' },
    );
    return doc?.n ?? 0;
  }

  private coll(dim: string, year: number) {
    return this.conn.db!.collection<CellDoc>(`${PREFIX}${dim}_${year}`);
  }

  async read(dim: string, year: number): Promise<Cells> {
    const key = `${dim}|${year}`;
    const writesBefore = this.writes;
    const version = await this.version();
    const hit = this.cache.get(key);
    if (hit && hit.version === version) return hit.cells;
    const cells: Cells = {};
    for (const { _id, ...fields } of await this.coll(dim, year).find({}).toArray()) {
      cells[_id] = fields as Record<string, number>;
    }
    if (this.writing === 0 && this.writes === writesBefore) this.cache.set(key, { version, cells });
    return cells;
  }

  /**
   * `$inc` of `cells.<cell>.<field>` paths per (dimension, year): one unordered bulk of cell upserts per
   * collection, the collections side by side over the pool, then one version bump for the whole change.
   */
  async inc(docs: Map<string, { dim: string; year: number; inc: Record<string, number> }>): Promise<void> {
    const changes = [...docs.values()].filter((d) => Object.keys(d.inc).length > 0);
    if (changes.length === 0) return;
    this.writing++;
    this.writes++;
    try {
      await Promise.all(changes.map((d) => this.coll(d.dim, d.year).bulkWrite(cellUpdates(d.inc), { ordered: false })));
      const version = await this.bump();
      this.own.set(version, new Map(changes.map((d) => [`${d.dim}|${d.year}`, d.inc])));
      for (const [key, hit] of this.cache) this.cache.set(key, this.advance(key, hit));
      this.prune();
    } finally {
      this.writing--;
    }
  }

  async insert(docs: Array<{ dim: string; year: number; cells: Cells }>): Promise<void> {
    this.writing++;
    this.writes++;
    try {
      for (const d of docs) {
        const rows = Object.entries(d.cells).map(([cell, fields]) => ({ _id: cell, ...doubles(fields) }));
        for (let i = 0; i < rows.length; i += 1_000) {
          await this.coll(d.dim, d.year).insertMany(rows.slice(i, i + 1_000), { ordered: false });
        }
      }
      await this.bump();
      this.cache.clear();
      this.own.clear();
    } finally {
      this.writing--;
    }
  }

  /** A cached copy moved forward through this process's own changes that directly follow its version. */
  private advance(key: string, hit: { version: number; cells: Cells }): { version: number; cells: Cells } {
    let { version, cells } = hit;
    for (let next = this.own.get(version + 1); next; next = this.own.get(version + 1)) {
      const inc = next.get(key);
      if (inc) cells = applyInc(cells, inc);
      version++;
    }
    return { version, cells };
  }

  /** Own changes no cached copy can still need (each copy already holds everything up to its version). */
  private prune(): void {
    const oldest = Math.min(...[...this.cache.values()].map((h) => h.version));
    for (const v of this.own.keys()) if (v <= oldest) this.own.delete(v);
  }

  async isEmpty(): Promise<boolean> {
    return (await this.names(PREFIX)).length === 0;
  }

  /** True while collections of the previous wide-document layout exist: the tally must be rebuilt once. */
  async hasLegacyLayout(): Promise<boolean> {
    return (await this.names(LEGACY_PREFIX)).length > 0;
  }

  async clear(): Promise<void> {
    for (const name of [...(await this.names(PREFIX)), ...(await this.names(LEGACY_PREFIX))]) {
      await this.conn.db!.dropCollection(name);
    }
    this.cache.clear();
    this.own.clear();
  }

  private async names(prefix: string): Promise<string[]> {
    // The version counter stays (and keeps counting) so no instance's cached copy matches a rebuilt table.
    return (await this.conn.db!.listCollections({}, { nameOnly: true }).toArray())
      .map((c) => c.name)
      .filter((n) => n.startsWith(prefix) && n !== VERSION);
  }
}

/** `cells.<cell>.<field>` increments as one upsert per cell. */
function cellUpdates(inc: Record<string, number>): AnyBulkWriteOperation<CellDoc>[] {
  const byCell = new Map<string, Record<string, number>>();
  for (const [path, v] of Object.entries(inc)) {
    const { cell, field } = splitPath(path);
    const fields = byCell.get(cell) ?? {};
    fields[field] = (fields[field] ?? 0) + v;
    byCell.set(cell, fields);
  }
  return [...byCell].map(([cell, fields]) => ({
    updateOne: { filter: { _id: cell }, update: { $inc: doubles(fields) as never }, upsert: true },
  }));
}

function splitPath(path: string): { cell: string; field: string } {
  const cut = path.lastIndexOf('.');
  return { cell: path.slice('cells.'.length, cut), field: path.slice(cut + 1) };
}

/** The cells after `$inc` of `cells.<cell>.<field>` paths: a new object (readers may hold the old one). */
function applyInc(cells: Cells, inc: Record<string, number>): Cells {
  const next: Cells = { ...cells };
  for (const [path, v] of Object.entries(inc)) {
    const { cell, field } = splitPath(path);
    const row = (next[cell] = next[cell] === cells[cell] ? { ...cells[cell] } : next[cell]);
    row[field] = (row[field] ?? 0) + v;
  }
  return next;
}
