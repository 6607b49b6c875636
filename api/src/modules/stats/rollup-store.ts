import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';

type Cells = Record<string, Record<string, number>>;
const PREFIX = 'stats_r_';

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
 * Reads are cached per process and revalidated on every read against a version token per (dimension,
 * year) kept in a small collection of its own; every write sets a new token after its $inc, so any api
 * instance sees a change on its next read (a reader that caught the cells between the two re-reads them
 * at the next token).
 */
export class RollupStore {
  private readonly cache = new Map<string, { token: string; cells: Cells }>();
  constructor(private readonly conn: Connection) {}

  private get versions() {
    return this.conn.db!.collection<{ _id: string; token: string }>(`${PREFIX}versions`);
  }
  private async bump(dim: string, year: number): Promise<void> {
    await this.versions.updateOne({ _id: `${dim}|${year}` }, { $set: { token: randomUUID() } }, { upsert: true });
  }

  private coll(dim: string, year: number) {
    return this.conn.db!.collection<{ _id: string; cells: Cells }>(`${PREFIX}${dim}_${year}`);
  }

  async read(dim: string, year: number): Promise<Cells> {
    const key = `${dim}|${year}`;
    const token = (await this.versions.findOne({ _id: key }))?.token ?? 'none';
    const hit = this.cache.get(key);
    if (hit && hit.token === token) return hit.cells;
    const cells = (await this.coll(dim, year).findOne({ _id: 'cells' }))?.cells ?? {};
    this.cache.set(key, { token, cells });
    return cells;
  }

  /** `$inc` of `cells.<cell>.<field>` paths, one upsert per (dimension, year). */
  async inc(docs: Map<string, { dim: string; year: number; inc: Record<string, number> }>): Promise<void> {
    for (const d of docs.values()) {
      if (!Object.keys(d.inc).length) continue;
      await this.coll(d.dim, d.year).updateOne({ _id: 'cells' }, { $inc: d.inc }, { upsert: true });
      await this.bump(d.dim, d.year);
    }
  }

  async insert(docs: Array<{ dim: string; year: number; cells: Cells }>): Promise<void> {
    for (const d of docs) {
      await this.coll(d.dim, d.year).insertOne({ _id: 'cells', cells: d.cells });
      await this.bump(d.dim, d.year);
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
    return (await this.conn.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).filter((n) => n.startsWith(PREFIX));
  }
}
