/**
 * Industrialisation follow-up (产业化贯通, issue 16 item 4): what crosses the wire between the API and the
 * web app — the reporting schedule, the report body, the queries of the staff board and funnel, and the DTOs.
 */
import { z } from 'zod';
import { fieldCodes } from './catalog-schemas';
import { liaoningRegionCodes } from './taxonomy';

/**
 * The schedule: a report every 6 months for 3 years after registration (periods 1–6; the domain brief asks
 * for the outcome after 6 and 12 months, and three years is how long the province follows a transfer up).
 * Period n covers months 6(n−1)…6n after registration; it can be reported from its first day, and is due
 * within REPORT_GRACE_DAYS after it ends — after that it is overdue and both sides are reminded once.
 */
export const FOLLOWUP_INTERVAL_MONTHS = 6;
export const FOLLOWUP_PERIODS = 6;
export const REPORT_GRACE_DAYS = 30;

/**
 * How far the buyer has come, in the order a transfer goes: 中试/试生产 → 首台(套)/首批产品 → 批量销售 (产业化).
 * 'industrialised' is the milestone the industrialisation rate counts.
 */
export const followupStages = ['not_started', 'pilot', 'first_product', 'industrialised'] as const;
export type FollowupStage = (typeof followupStages)[number];
export const followupStageLabels: Record<FollowupStage, { zh: string; en: string }> = {
  not_started: { zh: '尚未实施', en: 'Not started' },
  pilot: { zh: '中试/试生产', en: 'Pilot' },
  first_product: { zh: '首批产品', en: 'First product' },
  industrialised: { zh: '已产业化（批量销售）', en: 'Industrialised (in volume sales)' },
};

/** 100亿元 in 分: above any figure a single transfer reports (the contract amount's own cap). */
const MAX_FEN = 1_000_000_000_000;
const fen = () => z.number().int().min(0).max(MAX_FEN);

/** One half-year report by the buyer: cumulative figures since registration. */
export const followupReportBody = z.strictObject({
  period: z.number().int().min(1).max(FOLLOWUP_PERIODS),
  stage: z.enum(followupStages),
  /** Sales of products made with the technology, cumulative, in 分. */
  salesFen: fen(),
  /** New jobs created, cumulative. */
  jobs: z.number().int().min(0).max(1_000_000),
  /** Investment raised or put in for industrialisation, cumulative, in 分. */
  investmentFen: fen(),
  note: z.string().trim().max(1_000).default(''),
});
export type FollowupReportBody = z.infer<typeof followupReportBody>;

export const followupStatuses = ['on_track', 'overdue', 'complete', 'industrialised'] as const;
export type FollowupStatus = (typeof followupStatuses)[number];

const regionParam = z.enum(liaoningRegionCodes as [string, ...string[]]);
const fieldParam = z.enum(fieldCodes as [string, ...string[]]);

export const followupMineQuery = z.strictObject({
  side: z.enum(['buyer', 'seller']).optional(),
  status: z.enum(followupStatuses).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type FollowupMineQuery = z.infer<typeof followupMineQuery>;

export const followupBoardQuery = z.strictObject({
  /** A city inside the caller's scope: narrows, never widens. */
  region: regionParam.optional(),
  field: fieldParam.optional(),
  status: z.enum(followupStatuses).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type FollowupBoardQuery = z.infer<typeof followupBoardQuery>;

export const followupFunnelQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  region: regionParam.optional(),
  field: fieldParam.optional(),
});
export type FollowupFunnelQuery = z.infer<typeof followupFunnelQuery>;

export interface FollowupReportDto {
  period: number;
  stage: FollowupStage;
  salesFen: number;
  jobs: number;
  investmentFen: number;
  note: string;
  byName: string;
  at: string;
  /** Filed after the period's due date. */
  late: boolean;
}

export interface FollowupPeriodDto {
  period: number;
  opensAt: string;
  dueAt: string;
  state: 'reported' | 'open' | 'overdue' | 'upcoming';
}

export interface FollowupPlanDto {
  contractId: string;
  contractNo: string;
  title: string;
  sellerName: string;
  buyerName: string;
  sellerRegion: string;
  buyerRegion: string;
  fieldCode: string;
  amountFen: number;
  registeredAt: string;
  status: FollowupStatus;
  stage: FollowupStage;
  industrialisedAt: string | null;
  nextPeriod: number | null;
  nextDueAt: string | null;
  /** Latest cumulative figures (the last report's). */
  latest: { salesFen: number; jobs: number; investmentFen: number } | null;
  periods: FollowupPeriodDto[];
  reports: FollowupReportDto[];
  /** The caller's side; only the buyer reports. */
  side: 'seller' | 'buyer' | null;
  canReport: boolean;
}

export interface FollowupFunnelDto {
  year: number;
  region: string;
  field: string | null;
  stages: Array<{ stage: 'listed' | 'negotiated' | 'contracted' | 'registered' | 'industrialised'; n: number }>;
  /** Registered contracts whose buyer is in Liaoning / registered contracts (本地转化率, by count). */
  localConversionRate: number | null;
  /** Registered contracts with an 'industrialised' report / registered contracts. */
  industrialisationRate: number | null;
  /** Registered contracts whose schedule has an overdue report. */
  overdue: number;
}
