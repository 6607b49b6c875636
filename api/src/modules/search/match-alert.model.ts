import { Schema, type Types } from 'mongoose';

/**
 * A match alert waiting for its user's daily digest: the user's own listing and the new counterpart that
 * matches it, with the score and reasons as computed when the counterpart was indexed. One per (user, own
 * listing, counterpart), so a re-indexed listing or a retried batch never alerts twice.
 */
export const matchAlertSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    ownId: { type: String, required: true },
    ownTitle: { type: String, required: true },
    otherId: { type: String, required: true },
    otherKind: { type: String, required: true },
    otherTitle: { type: String, required: true },
    score: { type: Number, required: true },
    reasons: { zh: String, en: String },
    sentAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'match_alerts' },
);
matchAlertSchema.index({ userId: 1, ownId: 1, otherId: 1 }, { unique: true });
matchAlertSchema.index({ sentAt: 1, createdAt: 1 });

export interface MatchAlertRecord {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  ownId: string;
  ownTitle: string;
  otherId: string;
  otherKind: 'achievement' | 'need';
  otherTitle: string;
  score: number;
  reasons: { zh: string; en: string };
  sentAt: Date | null;
  createdAt: Date;
}

/** How often a user wants the match digest (no row: daily). Switching matches off is the `match` category. */
export const digestFrequencies = ['daily', 'weekly'] as const;
export type DigestFrequency = (typeof digestFrequencies)[number];
export const matchDigestPrefSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    frequency: { type: String, enum: digestFrequencies, required: true },
  },
  { collection: 'match_digest_prefs', versionKey: false },
);
