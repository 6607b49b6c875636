import type { Types } from 'mongoose';
import type { OrgModels } from './orgs.models';
import type { OrgRecord } from './org.model';

/**
 * The orgs module's writes for the demo seed and the test harness, so neither touches the organisations
 * collection itself: organisations stored once by their seed key, and a test's organisation stored as given.
 */
export class OrgSeeding {
  constructor(private readonly orgs: OrgModels['Org']) {}

  /** Stores the organisation under its seed key unless it is there (never overwriting); its id either way. */
  async upsertBySeedKey(
    seedKey: string,
    doc: Record<string, unknown>,
  ): Promise<{ id: Types.ObjectId; created: boolean }> {
    let created = false;
    try {
      const res = await this.orgs.updateOne({ seedKey }, { $setOnInsert: { ...doc, seedKey } }, { upsert: true });
      created = res.upsertedCount > 0;
    } catch (err) {
      // Two seeders racing on one key: the other one stored it.
      if ((err as { code?: number }).code !== 11000) throw err;
    }
    const org = await this.orgs.findOne({ seedKey }, { _id: 1 }).lean();
    return { id: org!._id as Types.ObjectId, created };
  }

  /** These organisations as stored (the seed's catalogue needs their region, type and key). */
  byIds(ids: Types.ObjectId[]): Promise<OrgRecord[]> {
    return this.orgs.find({ _id: { $in: ids } }).lean<OrgRecord[]>();
  }

  /** Of these organisations, those waiting for verification without a licence on file. */
  pendingWithoutLicence(ids: Types.ObjectId[]): Promise<OrgRecord[]> {
    return this.orgs.find({ _id: { $in: ids }, 'verification.status': 'pending', licence: null }).lean<OrgRecord[]>();
  }

  /** A test's organisation, stored as given (validated by the schema). */
  async insert(doc: Record<string, unknown>): Promise<OrgRecord> {
    return (await this.orgs.create(doc)).toObject() as OrgRecord;
  }
}
