import type { Models } from '../../db/models';

/** What other modules may read about organisations without touching the collection: names and standing. */
export class OrgDirectory {
  constructor(private readonly orgs: Models['Org']) {}

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
}
