/**
 * Achievement evaluation (科技成果评估, issue 16 item 3): an accredited evaluation agency engaged on the
 * platform, or the owner's structured self-assessment. Pure TS + zod shared by the API and the web app.
 */
import { z } from 'zod';

export const evaluationKinds = ['agency', 'self'] as const;
export type EvaluationKind = (typeof evaluationKinds)[number];

/** An agency engagement moves requested → accepted → completed (or declined / cancelled); a self-assessment is completed at once. */
export const evaluationStatuses = ['requested', 'accepted', 'declined', 'completed', 'cancelled'] as const;
export type EvaluationStatus = (typeof evaluationStatuses)[number];

/** 成本法 / 市场法 / 收益法 (资产评估准则). */
export const valuationMethods = ['cost', 'market', 'income'] as const;
export type ValuationMethod = (typeof valuationMethods)[number];

export const ipLegalStatuses = ['granted', 'pending', 'lapsed', 'none'] as const;
export type IpLegalStatus = (typeof ipLegalStatuses)[number];

type Label = { zh: string; en: string };
export const evaluationKindLabels: Record<EvaluationKind, Label> = {
  agency: { zh: '机构评估', en: 'Agency evaluation' },
  self: { zh: '自评估', en: 'Self-assessment' },
};
export const evaluationStatusLabels: Record<EvaluationStatus, Label> = {
  requested: { zh: '待受理', en: 'Requested' },
  accepted: { zh: '评估中', en: 'In progress' },
  declined: { zh: '已谢绝', en: 'Declined' },
  completed: { zh: '已完成', en: 'Completed' },
  cancelled: { zh: '已撤回', en: 'Cancelled' },
};
export const valuationMethodLabels: Record<ValuationMethod, Label> = {
  cost: { zh: '成本法', en: 'Cost approach' },
  market: { zh: '市场法', en: 'Market approach' },
  income: { zh: '收益法', en: 'Income approach' },
};
export const ipLegalStatusLabels: Record<IpLegalStatus, Label> = {
  granted: { zh: '已授权', en: 'Granted' },
  pending: { zh: '审查中', en: 'Pending' },
  lapsed: { zh: '已失效', en: 'Lapsed' },
  none: { zh: '无专利', en: 'No patent' },
};

/** 1万元 … 100亿元 in 分: the range an evaluated value must lie in. */
export const MIN_VALUE_FEN = 1_000_000;
export const MAX_VALUE_FEN = 1_000_000_000_000;

const oid = () => z.string().regex(/^[a-f0-9]{24}$/i, 'must be a 24-character hex id');
const text = (max: number) => z.string().trim().max(max);
/** Amounts are checked for their range in the service, so the answer names the range in zh and en. */
const fen = () => z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const engagementBody = z.strictObject({
  achievementId: oid(),
  evaluatorOrgId: oid(),
  note: text(1_000).default(''),
});
export type EngagementBody = z.infer<typeof engagementBody>;

export const ipStrengthShape = z.strictObject({
  claims: z.number().int().min(0).max(500),
  remainingYears: z.number().min(0).max(30),
  familySize: z.number().int().min(0).max(200),
  legalStatus: z.enum(ipLegalStatuses),
});
export type IpStrength = z.infer<typeof ipStrengthShape>;

export const selfAssessmentBody = z.strictObject({
  achievementId: oid(),
  trl: z.number().int().min(1).max(9),
  ip: ipStrengthShape,
  marketNotes: text(2_000).default(''),
});
export type SelfAssessmentBody = z.infer<typeof selfAssessmentBody>;

export const declineBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });
export const cancelBody = z.strictObject({ reason: text(500).default('') });

export const completeBody = z.strictObject({
  reportId: oid(),
  valueMinFen: fen(),
  valueMaxFen: fen(),
  method: z.enum(valuationMethods),
  effectiveDate: z.iso.date(),
  summary: z.string().trim().min(10).max(2_000),
});
export type CompleteBody = z.infer<typeof completeBody>;

const page = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};
export const mineQuery = z.strictObject({
  /** requester: what my organisation asked for; evaluator: my agency's engagements. */
  side: z.enum(['requester', 'evaluator']).default('requester'),
  status: z.enum(evaluationStatuses).optional(),
  ...page,
});
export type MineQuery = z.infer<typeof mineQuery>;

export const staffQuery = z.strictObject({
  status: z.enum(evaluationStatuses).optional(),
  kind: z.enum(evaluationKinds).optional(),
  ...page,
});
export type StaffQuery = z.infer<typeof staffQuery>;

export const badgesQuery = z.strictObject({
  /** Comma-separated achievement ids (a page of cards). */
  ids: z
    .string()
    .max(25 * 100)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(oid()).max(100)),
});

/** What anyone sees on a listing: a badge, the range, the date and who evaluated. */
export interface EvaluationBadgeDto {
  evaluationId: string;
  kind: EvaluationKind;
  valueMinFen: number | null;
  valueMaxFen: number | null;
  method: ValuationMethod | null;
  /** Self-assessment score 0–100 (null for an agency's evaluation). */
  score: number | null;
  date: string;
  evaluatorName: string;
}

export interface ComparableDto {
  contractNo: string;
  title: string;
  amountFen: number;
  registeredAt: string;
}

export interface EvaluationDto {
  id: string;
  kind: EvaluationKind;
  status: EvaluationStatus;
  achievementId: string;
  achievementTitle: string;
  fieldCode: string;
  requesterOrgId: string;
  requesterName: string;
  evaluatorOrgId: string | null;
  evaluatorName: string | null;
  note: string;
  reason: string | null;
  result: {
    valueMinFen: number | null;
    valueMaxFen: number | null;
    method: ValuationMethod | null;
    effectiveDate: string | null;
    summary: string;
    reportId: string | null;
  } | null;
  self: {
    trl: number;
    ip: IpStrength;
    marketNotes: string;
    score: number;
    parts: { trl: number; ip: number; market: number };
    comparables: ComparableDto[];
  } | null;
  history: Array<{ status: EvaluationStatus; at: string; byName: string; note: string }>;
  createdAt: string;
  completedAt: string | null;
  /** What the caller may do now. */
  can: { accept: boolean; decline: boolean; complete: boolean; cancel: boolean };
}

export interface EvaluatorDto {
  id: string;
  name: string;
  regionCode: string;
}
