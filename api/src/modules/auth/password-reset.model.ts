import { Schema, type Types } from 'mongoose';

/**
 * A password-reset link: `_id` is the SHA-256 of the token the e-mail carries (the token itself is never
 * stored), valid until `expiresAt` and for one use (`usedAt`). Expired rows are purged by code, as sessions are.
 */
export const passwordResetSchema = new Schema(
  {
    _id: { type: String },
    userId: { type: Schema.Types.ObjectId, required: true, index: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
    ip: { type: String, default: null },
  },
  { collection: 'password_resets', versionKey: false, timestamps: { createdAt: true, updatedAt: false } },
);

export interface PasswordResetRecord {
  _id: string;
  userId: Types.ObjectId;
  expiresAt: Date;
  usedAt: Date | null;
  ip: string | null;
  createdAt: Date;
}
