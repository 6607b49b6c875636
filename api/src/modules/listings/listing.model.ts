import { Schema, type Types } from 'mongoose';
import type { ListingStatus, RevisionStatus } from './listing.state';

export type ListingKind = 'achievement' | 'need';

/**
 * One shape for both kinds. `content` is the owner's working copy; `live` is the approved snapshot the
 * public sees (null until first approval). Both hold the confidential part under `confidential`, which
 * presenters strip for anyone without the NDA. Content is validated by zod before it gets here.
 */
export function listingSchema(collection: string) {
  const schema = new Schema(
    {
      ownerOrgId: { type: Schema.Types.ObjectId, required: true, index: true },
      ownerOrgType: { type: String, required: true },
      createdBy: { type: Schema.Types.ObjectId, required: true },
      submarketCode: { type: String, required: true, index: true },
      status: { type: String, required: true, index: true },
      content: { type: Schema.Types.Mixed, required: true },
      live: { type: Schema.Types.Mixed, default: null },
      revision: {
        status: { type: String, default: null },
        reason: { type: String },
      },
      review: { reason: String, decidedAt: Date, decidedBy: String },
      publishedAt: { type: Date, index: true },
      submittedAt: Date,
      archivedAt: Date,
      /** Bumped by every write; the search index stores the version it indexed (search-sync). */
      version: { type: Number, default: 1 },
      searchDirty: { type: Boolean, default: true, index: true },
      /** The version the search index last took (set by search-sync with the flag cleared). */
      indexedVersion: { type: Number },
      /**
       * Idempotency key for creation: `own:<id>`, `seed:<key>` or `import:<job>:<row>`. Unique and always
       * set (FerretDB v1 has no partial indexes), so a retried import row or seed is stored once.
       */
      originKey: { type: String, required: true, unique: true },
      /** Needs posted as a challenge (揭榜挂帅): the winning proposal, set once. */
      award: { type: Schema.Types.Mixed, default: null },
    },
    { timestamps: true, collection, minimize: false },
  );
  schema.index({ 'live.fieldCode': 1, status: 1 });
  schema.index({ 'live.regionCode': 1, status: 1 });
  // search-sync reads the oldest dirty listings first.
  schema.index({ searchDirty: 1, updatedAt: 1 });
  return schema;
}

export interface ListingRecord<C = Record<string, unknown>> {
  _id: Types.ObjectId;
  ownerOrgId: Types.ObjectId;
  ownerOrgType: string;
  createdBy: Types.ObjectId;
  submarketCode: string;
  status: ListingStatus;
  content: C & { confidential?: Record<string, unknown> };
  live: (C & { confidential?: Record<string, unknown> }) | null;
  revision?: { status: RevisionStatus | null; reason?: string } | null;
  review?: { reason?: string; decidedAt?: Date; decidedBy?: string };
  publishedAt?: Date;
  submittedAt?: Date;
  archivedAt?: Date;
  version: number;
  searchDirty: boolean;
  indexedVersion?: number;
  originKey: string;
  award?: { proposalId: string; orgId: string; at: Date } | null;
  createdAt: Date;
  updatedAt: Date;
}
