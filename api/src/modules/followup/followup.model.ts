import { Schema, type Types } from 'mongoose';
import type { FollowupStage } from '../../shared/followup';

/**
 * A registered contract's follow-up plan (collection `followup_plans`): one document per contract, whose
 * `_id` is the contract's id, so opening it twice (the registration hook and the catch-up) is one insert.
 * What the board filters on is copied from the contract at registration (parties, regions, field), so the
 * board never asks the contracts module per row. `nextPeriod`/`nextDueAt` are the first unreported period
 * and its due date (null when all are reported): what "overdue" is queried by.
 */
export const planSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    contractNo: { type: String, required: true },
    title: { type: String, required: true },
    sellerOrgId: { type: Schema.Types.ObjectId, default: null, index: true },
    buyerOrgId: { type: Schema.Types.ObjectId, default: null, index: true },
    sellerName: { type: String, required: true },
    buyerName: { type: String, required: true },
    sellerRegion: { type: String, required: true, index: true },
    buyerRegion: { type: String, required: true },
    fieldCode: { type: String, required: true },
    category: { type: String, required: true },
    submarketCode: { type: String, required: true, index: true },
    amountFen: { type: Number, required: true },
    registeredAt: { type: Date, required: true },
    /** The contract's source: the demo seed writes reports only on its own contracts ('seed'). */
    source: { type: String, default: null },
    stage: { type: String, required: true, default: 'not_started' },
    industrialisedAt: { type: Date, default: null },
    nextPeriod: { type: Number, default: 1 },
    nextDueAt: { type: Date, default: null, index: true },
    reports: { type: [Schema.Types.Mixed], default: [] },
    /** Periods whose overdue reminder went out (once each). */
    remindedPeriods: { type: [Number], default: [] },
    seedKey: { type: String, default: null },
  },
  { timestamps: true, collection: 'followup_plans', minimize: false },
);

export interface ReportRecord {
  period: number;
  stage: FollowupStage;
  salesFen: number;
  jobs: number;
  investmentFen: number;
  note: string;
  byUserId: string;
  byName: string;
  at: Date;
}

export interface PlanRecord {
  _id: Types.ObjectId;
  contractNo: string;
  title: string;
  sellerOrgId: Types.ObjectId | null;
  buyerOrgId: Types.ObjectId | null;
  sellerName: string;
  buyerName: string;
  sellerRegion: string;
  buyerRegion: string;
  fieldCode: string;
  category: string;
  submarketCode: string;
  amountFen: number;
  registeredAt: Date;
  source: string | null;
  stage: FollowupStage;
  industrialisedAt: Date | null;
  nextPeriod: number | null;
  nextDueAt: Date | null;
  reports: ReportRecord[];
  remindedPeriods: number[];
  seedKey?: string | null;
  createdAt: Date;
  updatedAt: Date;
}
