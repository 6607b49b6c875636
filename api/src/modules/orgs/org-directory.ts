import { Types } from 'mongoose';
import type { OrgModels } from './orgs.models';
import { onModelWrite, ReadCache } from '../../db/write-watch';
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
 * The orgs module's read port for other modules (negotiations, search, financing): names, standing and
 * summaries by id, so they never read the organisations collection themselves.
 *
 * Summaries are kept for `cacheMs` (DIRECTORY_CACHE_MS): every listing write presents its owner and search-sync
 * names the publisher of every document, so under write load the same few organisations were read again on
 * almost every request. Every write through this process's organisations model (hooked in org.model.ts)
 * calls `changed()`, so this instance never shows its own stale data; another instance's change shows within
 * `cacheMs`, as a changed session does (SESSION_CACHE_MS): so does `isVerified`.
 */
export class OrgDirectory {
  private readonly cache: ReadCache<OrgSummary | null>;

  constructor(
    private readonly orgs: OrgModels['Org'],
    cacheMs = 0,
  ) {
    this.cache = new ReadCache(cacheMs);
    if (cacheMs > 0) onModelWrite(orgs, () => this.changed());
  }

  /** Forgets every cached summary (the orgs module's writes call it). */
  changed(): void {
    this.cache.clear();
  }

  async isVerified(id: string): Promise<boolean> {
    return (await this.summary(id))?.verified ?? false;
  }

  /** Display names by id (unknown ids are left out). */
  async names(ids: string[]): Promise<Map<string, string>> {
    const found = await this.summaries(ids);
    return new Map([...found].map(([id, o]) => [id, o.name]));
  }

  /** Name and type by id, for documents that show who published them (the search index). */
  async info(ids: string[]): Promise<Map<string, { name: string; type: string }>> {
    const found = await this.summaries(ids);
    return new Map([...found].map(([id, o]) => [id, { name: o.name, type: o.type }]));
  }

  async summaries(ids: Array<string | Types.ObjectId>): Promise<Map<string, OrgSummary>> {
    const unique = [...new Set(ids.map(String))].filter((id) => Types.ObjectId.isValid(id));
    const out = new Map<string, OrgSummary>();
    if (unique.length === 0) return out;
    const missing: string[] = [];
    for (const id of unique) {
      const hit = this.cache.get(id);
      if (hit === undefined) missing.push(id);
      else if (hit) out.set(id, hit);
    }
    if (missing.length === 0) return out;
    const version = this.cache.version;
    const rows = await this.orgs
      .find(
        { _id: { $in: missing.map((id) => new Types.ObjectId(id)) } },
        { name: 1, type: 1, regionCode: 1, submarketCode: 1, verification: 1 },
      )
      .lean();
    for (const o of rows) {
      const summary: OrgSummary = {
        id: String(o._id),
        name: o.name,
        type: o.type,
        regionCode: o.regionCode,
        submarketCode: o.submarketCode,
        verified: o.verification?.status === 'verified',
      };
      out.set(summary.id, summary);
    }
    for (const id of missing) this.cache.set(id, out.get(id) ?? null, version);
    return out;
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
