import { Schema, type Connection, type InferSchemaType } from 'mongoose';

export const submarketSchema = new Schema(
  {
    _id: { type: String },
    zh: { type: String, required: true },
    en: { type: String, required: true },
    kind: { type: String, enum: ['hub', 'city', 'new_area', 'hitech_zone'], required: true },
    regionCode: { type: String, required: true },
    active: { type: Boolean, default: true },
    /** The sub-market office's public contact, kept by platform admins. */
    contact: {
      type: new Schema({ name: String, phone: String, email: String, address: String }, { _id: false }),
      default: null,
    },
  },
  { timestamps: true, collection: 'submarkets' },
);

export type SubmarketRecord = InferSchemaType<typeof submarketSchema> & { _id: string };

/** The module's collection, registered by the module on a connection (db/models.ts composes it). */
export function registerTaxonomyModels(conn: Connection) {
  return { Submarket: conn.model('Submarket', submarketSchema) };
}
export type TaxonomyModels = ReturnType<typeof registerTaxonomyModels>;
