import type { Types } from 'mongoose';
import { submarketForRegion } from '../../shared/taxonomy';
import type { ListingRecord } from './listing.model';
import type { ListingModels } from './listings.models';

type Award = NonNullable<ListingRecord['award']>;

/** A row another module imports as a draft achievement (its content already validated). */
export interface ImportedDraft {
  _id: Types.ObjectId;
  ownerOrgId: Types.ObjectId;
  ownerOrgType: string;
  createdBy: Types.ObjectId;
  content: Record<string, unknown>;
  /** The natural key that makes a re-run of the same row find it rather than insert it twice. */
  originKey: string;
}

/**
 * The listings module's writes on other modules' behalf, so they never touch its collections: a
 * challenge's award (the needs module's proposals), imported drafts (the imports module) and the demo
 * seed's catalogue.
 */
export class ListingStore {
  /** Told after a write that public pages show (an award); composition/build-context.ts clears the catalogue cache. */
  onChange: () => void = () => {};

  constructor(private readonly models: Pick<ListingModels, 'Achievement' | 'Need'>) {}

  /** Sets the award once, guarded on the need itself: two winners cannot both land. */
  async claimAward(needId: Types.ObjectId | string, award: Award): Promise<boolean> {
    const r = await this.models.Need.updateOne(
      { _id: needId, award: null },
      { $set: { award, searchDirty: true }, $inc: { version: 1 } },
    );
    this.onChange();
    return r.modifiedCount === 1;
  }

  /** Releases this claim only (its time is in the filter), never an award another request made. */
  async releaseAward(needId: Types.ObjectId | string, award: Award): Promise<void> {
    await this.models.Need.updateOne(
      { _id: needId, 'award.proposalId': award.proposalId, 'award.at': award.at },
      { $set: { award: null, searchDirty: true }, $inc: { version: 1 } },
    );
    this.onChange();
  }

  /**
   * Inserts a batch of draft achievements; rows already stored by an interrupted earlier run (same
   * originKey) keep their existing id instead of being created twice. Answers how many rows are stored and
   * the id of each row, in order.
   */
  async insertDrafts(drafts: ImportedDraft[], now = new Date()): Promise<{ stored: number; ids: string[] }> {
    if (drafts.length === 0) return { stored: 0, ids: [] };
    const docs = drafts.map((d) => ({
      ...d,
      submarketCode: submarketForRegion(String(d.content.regionCode)),
      status: 'draft',
      live: null,
      revision: { status: null },
      // insertMany({ lean: true }) skips Mongoose defaults and timestamps, so they are set here.
      version: 1,
      // Imported rows are drafts: nothing for the search index until one is published.
      searchDirty: false,
      award: null,
      createdAt: now,
      updatedAt: now,
    }));
    try {
      await this.models.Achievement.insertMany(docs, { ordered: false, lean: true });
      return { stored: docs.length, ids: docs.map((d) => String(d._id)) };
    } catch (err) {
      if (!(err as { code?: number; writeErrors?: unknown[] }).writeErrors && (err as { code?: number }).code !== 11000)
        throw err;
      const keys = docs.map((d) => d.originKey);
      const existing = await this.models.Achievement.find({ originKey: { $in: keys } }, { originKey: 1 }).lean();
      const idByKey = new Map(existing.map((e) => [e.originKey as string, String(e._id)]));
      return { stored: existing.length, ids: docs.map((d) => idByKey.get(d.originKey) ?? String(d._id)) };
    }
  }

  /** Of these natural keys, those no listing of the kind holds yet (the demo seed inserts only what is missing). */
  async missingOriginKeys(kind: 'achievement' | 'need', keys: string[]): Promise<Set<string>> {
    const model = kind === 'achievement' ? this.models.Achievement : this.models.Need;
    const have = new Set(
      (await model.find({ originKey: { $in: keys } }, { originKey: 1 }).lean()).map((d) => d.originKey as string),
    );
    return new Set(keys.filter((k) => !have.has(k)));
  }

  /**
   * The demo seed's listings, complete documents (published ones with their live copy, flagged for the index),
   * in batches of 200; a document whose originKey is already stored is skipped.
   */
  async insertSeeded(kind: 'achievement' | 'need', docs: Array<Record<string, unknown>>): Promise<void> {
    const model = kind === 'achievement' ? this.models.Achievement : this.models.Need;
    for (let i = 0; i < docs.length; i += 200) {
      await model.insertMany(docs.slice(i, i + 200), { ordered: false, lean: true }).catch((err) => {
        if ((err as { code?: number }).code !== 11000 && !(err as { writeErrors?: unknown }).writeErrors) throw err;
      });
    }
  }

  /** One seeded listing through the schema (defaults, timestamps); false when its originKey is already stored. */
  async createSeeded(kind: 'achievement' | 'need', doc: Record<string, unknown>): Promise<boolean> {
    const model = kind === 'achievement' ? this.models.Achievement : this.models.Need;
    if (await model.exists({ originKey: doc.originKey })) return false;
    try {
      await model.create(doc);
      return true;
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
      return false;
    }
  }
}
