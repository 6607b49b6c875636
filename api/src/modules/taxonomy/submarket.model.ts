import { Schema, type InferSchemaType } from 'mongoose';

export const submarketSchema = new Schema(
  {
    _id: { type: String },
    zh: { type: String, required: true },
    en: { type: String, required: true },
    kind: { type: String, enum: ['hub', 'city', 'new_area', 'hitech_zone'], required: true },
    regionCode: { type: String, required: true },
    active: { type: Boolean, default: true },
  },
  { timestamps: true, collection: 'submarkets' },
);

export type SubmarketRecord = InferSchemaType<typeof submarketSchema> & { _id: string };
