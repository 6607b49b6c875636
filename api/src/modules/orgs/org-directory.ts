import { Types } from 'mongoose';
import type { OrgModels } from './orgs.models';
import type { OrgRecord } from './org.model';

/** What another module may know of an organisation: who it is, where, and whether it is verified. */
export interface OrgSummary {
  id: string;
  name: string;
  type: string;
  regionCode: string;
  submarketCode: string;
  verified: boolean;
}

/**
 * The orgs module's read port for other modules (financing first): summaries by id, so they never read
 * the organisations collection themselves.
 */
/**
 * The orgs module's read port for other modules (negotiations, search, financing): names, standing and
 * summaries by id, so they never read the organisations collection themselves.
 */
export class OrgDirectory {
  constructor(private readonly orgs: OrgModels['Org']) {}

  async isVerified(id: string): Promise<boolean> {
    const org = await this.orgs.findById(id, { verification: 1 }).lean();
    return org?.verification?.status === 'verified';
  }

  /** Display names by id (unknown ids are left out). */
  async names(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.orgs.find({ _id: { $in: unique } }, { name: 1 }).lean();
    return new Map(rows.map((o) => [String(o._id), o.name]));
  }

  /** Name and type by id, for documents that show who published them (the search index). */
  async info(ids: string[]): Promise<Map<string, { name: string; type: string }>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.orgs.find({ _id: { $in: unique } }, { name: 1, type: 1 }).lean();
    return new Map(rows.map((o) => [String(o._id), { name: o.name, type: o.type }]));
  }

  async summaries(ids: Array<string | Types.ObjectId>): Promise<Map<string, OrgSummary>> {
    const unique = [...new Set(ids.map(String))].filter((id) => Types.ObjectId.isValid(id));
    if (unique.length === 0) return new Map();
    const rows = await this.orgs
      .find(
        { _id: { $in: unique.map((id) => new Types.ObjectId(id)) } },
        { name: 1, type: 1, regionCode: 1, submarketCode: 1, verification: 1 },
      )
      .lean();
    return new Map(
      rows.map((o) => [
        String(o._id),
        {
          id: String(o._id),
          name: o.name,
          type: o.type,
          regionCode: o.regionCode,
          submarketCode: o.submarketCode,
          verified: o.verification?.status === 'verified',
        },
      ]),
    );
  }

  async summary(id: string | Types.ObjectId | null | undefined): Promise<OrgSummary | null> {
    if (!id) return null;
    return (await this.summaries([id])).get(String(id)) ?? null;
  }

  /** Verified organisations of one type, by name (the evaluation agencies an owner may engage). */
  async verifiedOfType(type: string, limit = 200): Promise<Array<{ id: string; name: string; regionCode: string }>> {
    const rows = await this.orgs
      .find({ type, 'verification.status': 'verified' }, { name: 1, regionCode: 1 })
      .sort({ name: 1 })
      .limit(limit)
      .lean();
    return rows.map((o) => ({ id: String(o._id), name: o.name, regionCode: o.regionCode }));
  }

  /** The whole organisation record (a contract's party block, a statement's letterhead), or null. */
  async record(id: string | Types.ObjectId | null | undefined): Promise<OrgRecord | null> {
    if (!id || !Types.ObjectId.isValid(String(id))) return null;
    return this.orgs.findById(id).lean<OrgRecord>();
  }

  /** The id of the verified organisation holding this credit code (a contract party it links to), or null. */
  async verifiedIdByCreditCode(creditCode: string): Promise<Types.ObjectId | null> {
    const o = await this.orgs.findOne({ creditCode, 'verification.status': 'verified' }, { _id: 1 }).lean();
    return (o?._id as Types.ObjectId | undefined) ?? null;
  }
}
