import { Schema } from 'mongoose';

/** Named leases (e.g. the one active search-sync worker); expired ones are taken over by code, not TTL. */
export const lockSchema = new Schema(
  {
    _id: { type: String, required: true },
    holder: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'locks', versionKey: false },
);
