import type { ListingRecord } from './listing.model';
import type { ListingModels } from './listings.models';

/**
 * What other modules may read about listings without touching the collections: a listing by id whatever
 * its state (callers decide what its state allows them), without the viewer policy of ListingService.get.
 */
export class ListingDirectory {
  constructor(private readonly models: Pick<ListingModels, 'Achievement' | 'Need'>) {}

  async byId(kind: 'achievement' | 'need', id: string): Promise<ListingRecord | null> {
    const model = kind === 'achievement' ? this.models.Achievement : this.models.Need;
    return model.findById(id).lean<ListingRecord>();
  }

  /**
   * Ids of the achievements published now in a region (the holder's) and field, either optional: the
   * follow-up funnel's 挂牌 stage. Capped at 100,000 (the province lists thousands).
   */
  async publishedAchievementIds(q: { regionCode?: string; fieldCode?: string }): Promise<string[]> {
    const filter: Record<string, unknown> = { status: 'published' };
    if (q.regionCode) filter['live.regionCode'] = q.regionCode;
    if (q.fieldCode) filter['live.fieldCode'] = q.fieldCode;
    const rows = await this.models.Achievement.find(filter, { _id: 1 }).limit(100_000).lean();
    return rows.map((r) => String(r._id));
  }

  /** Of these achievement ids, those published now (what anyone may see a badge of). */
  async publishedAchievementsAmong(ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await this.models.Achievement.find({ _id: { $in: ids }, status: 'published' }, { _id: 1 })
      .limit(ids.length)
      .lean();
    return new Set(rows.map((r) => String(r._id)));
  }

  /** Whether the listing exists and belongs to the organisation. */
  async ownedBy(kind: 'achievement' | 'need', id: string, orgId: string): Promise<boolean> {
    const model = kind === 'achievement' ? this.models.Achievement : this.models.Need;
    return !!(await model.exists({ _id: id, ownerOrgId: orgId }));
  }

  /** An organisation's listings of a kind, last changed first (an export's rows). */
  ofOrg(kind: 'achievement' | 'need', orgId: string, limit: number): Promise<ListingRecord[]> {
    const model = kind === 'achievement' ? this.models.Achievement : this.models.Need;
    return model.find({ ownerOrgId: orgId }).sort({ updatedAt: -1 }).limit(limit).lean<ListingRecord[]>();
  }

  /** An organisation's published achievements by natural key, from `skip` on (the demo seed picks one to negotiate). */
  firstPublishedOf(ownerOrgId: unknown, skip = 0): Promise<ListingRecord | null> {
    return this.models.Achievement.findOne({ ownerOrgId, status: 'published' })
      .sort({ originKey: 1 })
      .skip(skip)
      .lean<ListingRecord>();
  }

  /** Published needs by natural key, those of `exceptOrgId` left out (the demo seed's deposits and proposals). */
  publishedNeeds(exceptOrgId: unknown, limit: number): Promise<ListingRecord[]> {
    return this.models.Need.find({ status: 'published', ...(exceptOrgId ? { ownerOrgId: { $ne: exceptOrgId } } : {}) })
      .sort({ originKey: 1 })
      .limit(limit)
      .lean<ListingRecord[]>();
  }
}
