import { Schema } from 'mongoose';

/**
 * One rollup row per (month, seller region, dimension, value) with count, contract amount and technology
 * amount per status bucket, kept by $inc of each contract's contribution delta (stats.rollup.ts).
 * The seller region is in every row because registration — and an official's scope — follows it.
 */
export const rollupSchema = new Schema(
  {
    _id: { type: String },
    month: { type: Number, required: true },
    sellerRegion: { type: String, required: true },
    dim: { type: String, required: true },
    value: { type: String, required: true },
    signedN: Number, signedAmt: Number, signedTech: Number,
    filedN: Number, filedAmt: Number, filedTech: Number,
    registeredN: Number, registeredAmt: Number, registeredTech: Number,
    rejectedN: Number, rejectedAmt: Number, rejectedTech: Number,
  },
  { collection: 'stats_rollups', versionKey: false, _id: false },
);
rollupSchema.index({ dim: 1, month: 1, sellerRegion: 1 });

export type RollupRow = { _id: string; month: number; sellerRegion: string; dim: string; value: string } & Partial<Record<`${'signed' | 'filed' | 'registered' | 'rejected'}${'N' | 'Amt' | 'Tech'}`, number>>;

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
