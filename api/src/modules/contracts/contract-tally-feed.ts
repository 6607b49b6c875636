import type { Contribution, ContractModels, ContractRecord } from './contract.model';

/** The fields of a contract the tally reads. */
const TALLY_FIELDS = { status: 1, terms: 1, submarketCode: 1, registration: 1, version: 1, stats: 1, statsDirty: 1 };

/**
 * Updates per bulkWrite: FerretDB v1 runs a bulk of N updates in worse than linear time (measured on the demo
 * contracts: 10 → 0.6 s, 50 → 3 s, 100 → over 5 minutes), so a rebuild or an import of 1,000 never finished.
 */
const BULK = 10;

/**
 * The contracts module's side of keeping the tally (stats module) equal to the contracts: every contract write
 * bumps `version` and sets `statsDirty`; the stats module claims a contract's contribution here (guarded by
 * both versions, so exactly one claim wins a race), adds it to its rollups, then clears the mark. Only this
 * file touches the contracts collection for the tally (issue 12: the module owns its data).
 */
export class ContractTallyFeed {
  constructor(private readonly contracts: ContractModels['Contract']) {}

  byId(id: unknown): Promise<ContractRecord | null> {
    return this.contracts.findById(id).lean<ContractRecord>();
  }

  /** The contract's recorded contribution is current: only the dirty flag is left to clear. */
  async markSettled(c: Pick<ContractRecord, '_id' | 'version'>): Promise<void> {
    await this.contracts.updateOne({ _id: c._id, version: c.version }, { $set: { statsDirty: false } });
  }

  /** Claims one contract's contribution (stats.v: old → current); false when another claim or a write won. */
  async claim(c: ContractRecord, next: Contribution | null): Promise<boolean> {
    const res = await this.contracts.updateOne(
      { _id: c._id, version: c.version, 'stats.v': c.stats.v },
      { $set: { stats: { v: c.version, c: next, pending: true }, statsDirty: false } },
    );
    return res.modifiedCount === 1;
  }

  /** The claim's rollup update is done. */
  async clearPending(c: Pick<ContractRecord, '_id' | 'version'>): Promise<void> {
    await this.contracts.updateOne({ _id: c._id, 'stats.v': c.version }, { $unset: { 'stats.pending': 1 } });
  }

  forTally(ids: unknown[]): Promise<ContractRecord[]> {
    return this.contracts.find({ _id: { $in: ids } }, TALLY_FIELDS).lean<ContractRecord[]>();
  }

  async markSettledMany(ids: unknown[]): Promise<void> {
    if (ids.length) await this.contracts.updateMany({ _id: { $in: ids } }, { $set: { statsDirty: false } });
  }

  /** Claims many with one token; answers the ids whose claim won. */
  async claimMany(todo: ContractRecord[], next: Map<string, Contribution | null>, token: string): Promise<unknown[]> {
    for (let j = 0; j < todo.length; j += BULK) {
      await this.contracts.bulkWrite(
        todo.slice(j, j + BULK).map((c) => ({
          updateOne: {
            filter: { _id: c._id, version: c.version, 'stats.v': c.stats.v },
            update: {
              $set: {
                stats: { v: c.version, c: next.get(String(c._id)), pending: true, claim: token },
                statsDirty: false,
              },
            },
          },
        })),
        { ordered: false },
      );
    }
    const won = await this.contracts
      .find({ _id: { $in: todo.map((c) => c._id) }, 'stats.claim': token }, { _id: 1 })
      .lean();
    return won.map((w) => w._id);
  }

  async clearClaims(ids: unknown[], token: string): Promise<void> {
    await this.contracts.updateMany(
      { _id: { $in: ids }, 'stats.claim': token },
      { $unset: { 'stats.pending': 1, 'stats.claim': 1 } },
    );
  }

  /** Ids of contracts written since their contribution was applied (at most `limit`). */
  async dirtyIds(limit: number): Promise<unknown[]> {
    const rows = await this.contracts.find({ statsDirty: true }, { _id: 1 }).limit(limit).lean();
    return rows.map((r) => r._id);
  }

  /** A claim whose rollup update never finished (a crash between the two). */
  async anyPending(): Promise<boolean> {
    return (await this.contracts.countDocuments({ 'stats.pending': true })) > 0;
  }

  /** Every contract with the fields the tally reads, one at a time (a rebuild). */
  all(): AsyncIterable<ContractRecord> {
    return this.contracts.find({}, TALLY_FIELDS).lean<ContractRecord[]>().cursor() as AsyncIterable<ContractRecord>;
  }

  /** Records the contribution the rollups now hold for these contracts (after a rebuild). */
  async recordContributions(marks: Array<{ _id: unknown; version: number; c: Contribution | null }>): Promise<void> {
    for (let i = 0; i < marks.length; i += BULK) {
      await this.contracts.bulkWrite(
        marks.slice(i, i + BULK).map((m) => ({
          updateOne: {
            filter: { _id: m._id },
            update: { $set: { stats: { v: m.version, c: m.c }, statsDirty: false } },
          },
        })),
        { ordered: false },
      );
    }
  }

  /** Every contract's id and version (a rebuild's check for writes made meanwhile). */
  versions(): AsyncIterable<{ _id: unknown; version: number }> {
    return this.contracts.find({}, { version: 1 }).lean().cursor() as AsyncIterable<{ _id: unknown; version: number }>;
  }

  async markDirty(ids: unknown[]): Promise<void> {
    if (ids.length) await this.contracts.updateMany({ _id: { $in: ids } }, { $set: { statsDirty: true } });
  }
}
