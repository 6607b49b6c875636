import { Schema, type Connection } from 'mongoose';

/** One cell as a flat row (in memory only). */
export type RollupRow = { _id: string; month: number; sellerRegion: string; dim: string; value: string } & Partial<
  Record<`${'signed' | 'filed' | 'registered' | 'rejected'}${'N' | 'Amt' | 'Tech'}`, number>
>;

/** Yearly targets officials set per region (registered contract turnover, 分). */
export const targetSchema = new Schema(
  {
    _id: { type: String },
    year: { type: Number, required: true },
    regionCode: { type: String, required: true },
    amountFen: { type: Number, required: true },
    setBy: { type: String, required: true },
    setAt: { type: Date, required: true },
  },
  { collection: 'stats_targets', versionKey: false, _id: false },
);

/** The module's collections, registered by the module on a connection (db/models.ts composes them). */
export function registerStatsModels(conn: Connection) {
  return { Target: conn.model('Target', targetSchema) };
}
export type StatsModels = ReturnType<typeof registerStatsModels>;
