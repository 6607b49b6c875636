import { Schema } from 'mongoose';

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
