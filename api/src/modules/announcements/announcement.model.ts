import { Schema, type Types } from 'mongoose';
import type { AnnouncementKind, AnnouncementStatus } from '../../shared/announcements';

/**
 * An announcement or policy (collection `announcements`). `submarketCode` is its scope: 'HUB' for the whole
 * province, otherwise one sub-market. The public list sorts pinned first, then newest published.
 */
export const announcementSchema = new Schema(
  {
    kind: { type: String, required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    submarketCode: { type: String, required: true, index: true },
    attachmentId: { type: Schema.Types.ObjectId, default: null, index: true },
    attachmentName: { type: String, default: null },
    status: { type: String, required: true, default: 'draft' },
    pinned: { type: Boolean, default: false },
    publishedAt: { type: Date, default: null },
    authorId: { type: Schema.Types.ObjectId, default: null },
    authorName: { type: String, required: true },
    /** The demo seed's natural key (its `_id` is derived from it, so seeding twice writes once). */
    seedKey: { type: String, default: null },
  },
  { timestamps: true, collection: 'announcements' },
);
announcementSchema.index({ status: 1, pinned: -1, publishedAt: -1 });

export interface AnnouncementRecord {
  _id: Types.ObjectId;
  kind: AnnouncementKind;
  title: string;
  body: string;
  submarketCode: string;
  attachmentId: Types.ObjectId | null;
  attachmentName: string | null;
  status: AnnouncementStatus;
  pinned: boolean;
  publishedAt: Date | null;
  authorId: Types.ObjectId | null;
  authorName: string;
  seedKey?: string | null;
  createdAt: Date;
  updatedAt: Date;
}
