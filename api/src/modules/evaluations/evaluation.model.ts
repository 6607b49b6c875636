import { Schema, type Types } from 'mongoose';
import type { EvaluationKind, EvaluationStatus, IpStrength, ValuationMethod } from '../../shared/evaluation';

/**
 * One evaluation of an achievement (collection `evaluations`): an agency engagement or a self-assessment.
 * What lists and the badge show is copied in at creation (titles, names, field, sub-market), so a list never
 * asks the listings or orgs module per row. `openKey` is unique: `open:<achievement>:<evaluator>` while an
 * engagement is requested or accepted, the evaluation's own id once settled (FerretDB v1 has no partial
 * indexes), so one achievement has at most one open engagement with one agency.
 */
export const evaluationSchema = new Schema(
  {
    kind: { type: String, required: true },
    status: { type: String, required: true, index: true },
    achievementId: { type: Schema.Types.ObjectId, required: true, index: true },
    achievementTitle: { type: String, required: true },
    fieldCode: { type: String, required: true },
    submarketCode: { type: String, required: true, index: true },
    requesterOrgId: { type: Schema.Types.ObjectId, required: true, index: true },
    requesterName: { type: String, required: true },
    evaluatorOrgId: { type: Schema.Types.ObjectId, default: null, index: true },
    evaluatorName: { type: String, default: null },
    note: { type: String, default: '' },
    reason: { type: String, default: null },
    result: { type: Schema.Types.Mixed, default: null },
    self: { type: Schema.Types.Mixed, default: null },
    history: { type: [Schema.Types.Mixed], default: [] },
    completedAt: { type: Date, default: null },
    openKey: { type: String, required: true, unique: true },
    seedKey: { type: String, default: null },
  },
  { timestamps: true, collection: 'evaluations', minimize: false },
);
evaluationSchema.index({ achievementId: 1, status: 1, completedAt: -1 });

export interface EvaluationResult {
  valueMinFen: number | null;
  valueMaxFen: number | null;
  method: ValuationMethod | null;
  effectiveDate: string | null;
  summary: string;
  reportId: Types.ObjectId | null;
}

export interface SelfRecord {
  trl: number;
  ip: IpStrength;
  marketNotes: string;
  score: number;
  parts: { trl: number; ip: number; market: number };
  comparables: Array<{ contractNo: string; title: string; amountFen: number; registeredAt: Date }>;
}

export interface HistoryEntry {
  status: EvaluationStatus;
  at: Date;
  byUserId: string;
  byName: string;
  note: string;
}

export interface EvaluationRecord {
  _id: Types.ObjectId;
  kind: EvaluationKind;
  status: EvaluationStatus;
  achievementId: Types.ObjectId;
  achievementTitle: string;
  fieldCode: string;
  submarketCode: string;
  requesterOrgId: Types.ObjectId;
  requesterName: string;
  evaluatorOrgId: Types.ObjectId | null;
  evaluatorName: string | null;
  note: string;
  reason: string | null;
  result: EvaluationResult | null;
  self: SelfRecord | null;
  history: HistoryEntry[];
  completedAt: Date | null;
  openKey: string;
  seedKey?: string | null;
  createdAt: Date;
  updatedAt: Date;
}
