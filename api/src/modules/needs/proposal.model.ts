import { Schema, type Connection, type Types } from 'mongoose';

export const proposalStatuses = ['submitted', 'shortlisted', 'declined', 'winner'] as const;
export type ProposalStatus = (typeof proposalStatuses)[number];

/** The poster's decisions on a challenge proposal, as one table. */
export const proposalTransitions: Record<
  ProposalStatus,
  Partial<Record<'shortlist' | 'decline' | 'select_winner', ProposalStatus>>
> = {
  submitted: { shortlist: 'shortlisted', decline: 'declined', select_winner: 'winner' },
  shortlisted: { decline: 'declined', select_winner: 'winner' },
  declined: {},
  winner: {},
};

/** A supplier's answer to a 揭榜挂帅 challenge; one per organisation and need. */
export const proposalSchema = new Schema(
  {
    needId: { type: Schema.Types.ObjectId, required: true },
    orgId: { type: Schema.Types.ObjectId, required: true },
    submittedBy: { type: Schema.Types.ObjectId, required: true },
    summary: { type: String, required: true },
    plan: { type: String, default: '' },
    priceFen: { type: Number },
    achievementId: { type: Schema.Types.ObjectId },
    status: { type: String, enum: proposalStatuses, default: 'submitted' },
    version: { type: Number, default: 1 },
  },
  { timestamps: true, collection: 'proposals' },
);
proposalSchema.index({ needId: 1, orgId: 1 }, { unique: true });

export interface ProposalRecord {
  _id: Types.ObjectId;
  needId: Types.ObjectId;
  orgId: Types.ObjectId;
  submittedBy: Types.ObjectId;
  summary: string;
  plan: string;
  priceFen?: number;
  achievementId?: Types.ObjectId;
  status: ProposalStatus;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The module's collection, registered by the module on a connection (db/models.ts composes them). */
export function registerNeedModels(conn: Connection) {
  return { Proposal: conn.model('Proposal', proposalSchema) };
}
export type NeedModels = ReturnType<typeof registerNeedModels>;
