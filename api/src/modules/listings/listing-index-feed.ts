import type { Types } from 'mongoose';
import type { ListingRecord } from './listing.model';
import type { ListingModels } from './listings.models';

type Kind = 'achievement' | 'need';

/**
 * Whether a write can change the listing's search document (search-document.ts: built from the approved
 * `live` copy, the status and the sub-market): it enters or leaves `published`, its approved copy changes,
 * or a published listing moves sub-market. Editing or submitting a published listing's revision does not:
 * the live copy stays what is found until the revision is approved (reindexing it anyway was a third of the
 * indexer's work at 200 writes/s). Drafts and review-queue listings that never went public are not flagged
 * either: flagging every draft made the indexer clear thousands of imported rows.
 */
export function touchesIndex(listing: ListingRecord, set: Record<string, unknown>): boolean {
  const published = listing.status === 'published';
  if ('live' in set) return true;
  if ('status' in set && (set.status === 'published') !== published) return true;
  return published && 'submarketCode' in set && set.submarketCode !== listing.submarketCode;
}

/**
 * The listings module's side of keeping the search index equal to MongoDB: every listing write that can
 * change the index sets `searchDirty` (and bumps `version`) in the same update (ListingService.write); the
 * search worker reads dirty listings here and hands back what it indexed, and the flag is cleared only
 * where the version is still the one indexed, so a write made meanwhile is picked up next round.
 */
export class ListingIndexFeed {
  constructor(private readonly models: Pick<ListingModels, 'Achievement' | 'Need'>) {}

  private model(kind: Kind) {
    return kind === 'achievement' ? this.models.Achievement : this.models.Need;
  }

  /** Up to `limit` dirty listings of a kind, oldest write first. */
  dirty(kind: Kind, limit: number): Promise<ListingRecord[]> {
    return this.model(kind).find({ searchDirty: true }).sort({ updatedAt: 1 }).limit(limit).lean<ListingRecord[]>();
  }

  /**
   * Clears the flag of what was indexed, where unchanged since it was read (same version), and records the
   * version the index now holds (`indexedVersion`, which the sync benchmark compares a write's version
   * with); the raw driver skips Mongoose's updatedAt bump. A listing written meanwhile keeps its flag and is
   * indexed again next round. One updateMany per version value rather than a bulk of updateOnes: FerretDB v1
   * (still selectable) runs a bulk of N updates in worse than linear time, and versions are few.
   */
  async markIndexed(kind: Kind, indexed: Array<Pick<ListingRecord, '_id' | 'version'>>): Promise<number> {
    const byVersion = new Map<number, Types.ObjectId[]>();
    for (const l of indexed) byVersion.set(l.version, [...(byVersion.get(l.version) ?? []), l._id]);
    const results = await Promise.all(
      [...byVersion].map(([version, ids]) =>
        this.model(kind).collection.updateMany({ _id: { $in: ids }, version } as never, {
          $set: { searchDirty: false, indexedVersion: version },
        }),
      ),
    );
    // Fewer than indexed: a listing was written meanwhile (its flag stays for the next batch).
    return results.reduce((n, r) => n + r.matchedCount, 0);
  }

  /** How many listings of a kind wait for the index, and when the oldest of them was written. */
  async pending(kind: Kind): Promise<{ count: number; oldest: Date | null }> {
    const model = this.model(kind);
    const count = await model.countDocuments({ searchDirty: true });
    const first = count
      ? await model.findOne({ searchDirty: true }, { updatedAt: 1 }).sort({ updatedAt: 1 }).lean<{ updatedAt: Date }>()
      : null;
    return { count, oldest: first?.updatedAt ?? null };
  }

  countPublished(kind: Kind): Promise<number> {
    return this.model(kind).countDocuments({ status: 'published' });
  }

  /** Published listings of a kind in `_id` order after `after` (a rebuild's cursor). */
  publishedAfter(kind: Kind, after: Types.ObjectId | null, limit: number): Promise<ListingRecord[]> {
    const filter: Record<string, unknown> = { status: 'published' };
    if (after) filter._id = { $gt: after };
    return this.model(kind).find(filter).sort({ _id: 1 }).limit(limit).lean<ListingRecord[]>();
  }
}
