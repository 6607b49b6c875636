import { Schema, type Connection } from 'mongoose';

/** The platform's settings: one document (`_id: 'platform'`), written only by admins. */
export const platformSettingsSchema = new Schema(
  {
    _id: { type: String },
    bankAccount: {
      type: new Schema({ name: String, bank: String, account: String }, { _id: false }),
      default: null,
    },
    feeRateBp: { type: Number, default: null },
    updatedBy: { type: String, default: null },
    updatedByName: { type: String, default: null },
    updatedAt: { type: Date, default: null },
  },
  { collection: 'platform_settings', versionKey: false, _id: false },
);

export interface PlatformSettingsRecord {
  _id: string;
  bankAccount: { name: string; bank: string; account: string } | null;
  feeRateBp: number | null;
  updatedBy: string | null;
  updatedByName: string | null;
  updatedAt: Date | null;
}

/** The module's collection, registered by the module on a connection (db/models.ts composes it). */
export function registerSettingsModels(conn: Connection) {
  return { PlatformSettings: conn.model<PlatformSettingsRecord>('PlatformSettings', platformSettingsSchema) };
}
export type SettingsModels = ReturnType<typeof registerSettingsModels>;
