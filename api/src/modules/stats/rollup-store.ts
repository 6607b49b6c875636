import { mongo, type Connection } from 'mongoose';

type Cells = Record<string, Record<string, number>>;
const PREFIX = 'stats_r_';

/**
 * Every count and amount is written as a BSON double. The driver sends a JS integer below 2^31 as int32, and
 * FerretDB v1 adds two int32s in 32 bits: `$inc` of 500,000,000 on 2,000,000,000 stored −1,794,967,296
 * (MongoDB would widen to int64). A cell of 分 passes 2^31 at 2,147万元 — one city's month — so the
 * rollups lost 2^32 whenever an increment crossed it (the tally bench's differing answers). Doubles are
 * exact for integers up to 2^53 分 (90万亿元) on every server.
 */
const asDouble = (v: number) => new mongo.Double(v);
const doubles = (fields: Record<string, number>) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, asDouble(v)]));

/**
 * Where the rollups live: one collection per (dimension, year), holding a single document `cells` with one
 * entry per (seller region, value, month). A dashboard query reads one or two such documents.
 *
 * Why so: FerretDB v1 on SQLite answers even an `_id` lookup by scanning the collection's JSON (measured:
 * a 48 KB document took 100 ms to fetch from a 10 MB collection, 3 ms from a collection of small rows), so
 * the cost of a read follows the bytes of its collection. With a collection per (dimension, year) a read
 * costs the size of the one document it wants; the cells are bounded by regions × values × 12 months and do
 * not grow with the number of contracts. On MongoDB the layout is simply one `_id` lookup per year.
 *
 * Reads are cached per process and revalidated on every read against a version counter per (dimension,
 * year) kept in a small collection of its own; every write $incs the counter after its $inc of the cells,
 * so any api instance sees a change on its next read. The writer applies its own delta to its cached
 * copy when the counter shows no other write came between (version = cached + 1), so the instance that
 * registered a contract answers the dashboard from memory right after; otherwise it drops the copy. A
 * reader that caught the cells between a write's two steps re-reads them at the next version.
 */
export class RollupStore {
  private readonly cache = new Map<string, { version: number; cells: Cells }>();
  constructor(private readonly conn: Connection) {}

  private get versions() {
    return this.conn.db!.collection<{ _id: string; n: number }>(`${PREFIX}versions`);
  }
  private async bump(dim: string, year: number): Promise<number> {
    const doc = await this.versions.findOneAndUpdate(
      { _id: `${dim}|${year}` },
      { $inc: { n: 1 } },
      { upsert: true, returnDocument: 'after' },
    );
    return doc?.n ?? 0;
  }

  private coll(dim: string, year: number) {
    return this.conn.db!.collection<{ _id: string; cells: Cells }>(`${PREFIX}${dim}_${year}`);
  }

  async read(dim: string, year: number): Promise<Cells> {
    const key = `${dim}|${year}`;
    const version = (await this.versions.findOne({ _id: key }))?.n ?? 0;
    const hit = this.cache.get(key);
    if (hit && hit.version === version) return hit.cells;
    const cells = (await this.coll(dim, year).findOne({ _id: 'cells' }))?.cells ?? {};
    this.cache.set(key, { version, cells });
    return cells;
  }

  /**
   * `$inc` of `cells.<cell>.<field>` paths, one upsert per (dimension, year). The (dimension, year) documents
   * are independent — each has its own collection, counter and cache entry — so they are written side by
   * side over the pool: a contract touches ~12 of them, and one after another that was ~24 sequential round
   * trips inside every signature, filing and registration decision. Within one document the order (cells,
   * then its counter) is kept.
   */
  async inc(docs: Map<string, { dim: string; year: number; inc: Record<string, number> }>): Promise<void> {
    await Promise.all(
      [...docs.values()].map(async (d) => {
        if (!Object.keys(d.inc).length) return;
        await this.coll(d.dim, d.year).updateOne({ _id: 'cells' }, { $inc: doubles(d.inc) as never }, { upsert: true });
        const key = `${d.dim}|${d.year}`;
        const version = await this.bump(d.dim, d.year);
        const hit = this.cache.get(key);
        if (hit && hit.version === version - 1) this.cache.set(key, { version, cells: applyInc(hit.cells, d.inc) });
        else this.cache.delete(key);
      }),
    );
  }

  async insert(docs: Array<{ dim: string; year: number; cells: Cells }>): Promise<void> {
    for (const d of docs) {
      const cells = Object.fromEntries(Object.entries(d.cells).map(([cell, fields]) => [cell, doubles(fields)]));
      await this.coll(d.dim, d.year).insertOne({ _id: 'cells', cells: cells as unknown as Cells });
      await this.bump(d.dim, d.year);
      this.cache.delete(`${d.dim}|${d.year}`);
    }
  }

  async isEmpty(): Promise<boolean> {
    return (await this.names()).length === 0;
  }

  async clear(): Promise<void> {
    for (const name of await this.names()) await this.conn.db!.dropCollection(name);
    this.cache.clear();
  }

  private async names(): Promise<string[]> {
    // The version counters stay (and keep counting) so no instance's cached copy matches a rebuilt table.
    return (await this.conn.db!.listCollections({}, { nameOnly: true }).toArray())
      .map((c) => c.name)
      .filter((n) => n.startsWith(PREFIX) && n !== `${PREFIX}versions`);
  }
}

/** The cells after `$inc` of `cells.<cell>.<field>` paths: a new object (readers may hold the old one). */
function applyInc(cells: Cells, inc: Record<string, number>): Cells {
  const next: Cells = { ...cells };
  for (const [path, v] of Object.entries(inc)) {
    const cut = path.lastIndexOf('.');
    const cell = path.slice('cells.'.length, cut);
    const field = path.slice(cut + 1);
    const row = (next[cell] = next[cell] === cells[cell] ? { ...cells[cell] } : next[cell]);
    row[field] = (row[field] ?? 0) + v;
  }
  return next;
}
