import { Schema } from 'mongoose';

/** A click-through NDA acceptance: one per organisation and listing, with who, when and from where. */
export const ndaSchema = new Schema(
  {
    listingKind: { type: String, required: true },
    listingId: { type: Schema.Types.ObjectId, required: true },
    orgId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    userName: { type: String },
    ip: { type: String },
    userAgent: { type: String },
    textVersion: { type: String, required: true },
    acceptedAt: { type: Date, required: true },
  },
  { collection: 'nda_acceptances', versionKey: false },
);
ndaSchema.index({ listingKind: 1, listingId: 1, orgId: 1 }, { unique: true });
