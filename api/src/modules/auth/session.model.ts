import { Schema, type InferSchemaType } from 'mongoose';

/**
 * Sessions are stored so any api instance can verify a token and logout revokes it everywhere.
 * The _id is the SHA-256 of the token: a database leak does not leak usable tokens.
 * Expired rows are purged by code (no TTL index: FerretDB v1 lacks it).
 */
export const sessionSchema = new Schema(
  {
    _id: { type: String },
    userId: { type: Schema.Types.ObjectId, required: true, index: true },
    expiresAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
    ip: { type: String },
    userAgent: { type: String, maxlength: 300 },
  },
  { timestamps: true, collection: 'sessions' },
);

export type SessionRecord = InferSchemaType<typeof sessionSchema> & { _id: string };
