/**
 * Technology contracts, registration (认定登记) and the tally on the wire: request schemas (zod, shared with
 * the web forms), DTOs and the dimension vocabulary of the statistics. Pure TS + zod; the web imports it.
 */
import { z } from 'zod';
import { fieldCodes } from './catalog-schemas';
import { LIAONING, liaoningRegionCodes, orgTypeCodes, regionCodes } from './taxonomy';

const oid = () => z.string().regex(/^[a-f0-9]{24}$/i, 'must be a 24-character hex id');
const day = () => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
const month = () => z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM');
/** At most 100亿元, in 分. */
const fen = () => z.number().int().min(0).max(1_000_000_000_000);

export const contractCategoryCodes = ['development', 'transfer', 'license', 'consulting', 'service'] as const;
export type ContractCategory = (typeof contractCategoryCodes)[number];

/** Sub-types per category (民法典 第二十章; 2026 registration rules). */
export const contractSubTypes: Record<ContractCategory, Array<{ code: string; zh: string; en: string }>> = {
  development: [
    { code: 'commissioned', zh: '委托开发', en: 'Commissioned development' },
    { code: 'cooperative', zh: '合作开发', en: 'Cooperative development' },
  ],
  transfer: [
    { code: 'patent', zh: '专利权转让', en: 'Patent assignment' },
    { code: 'patent_application', zh: '专利申请权转让', en: 'Patent-application assignment' },
    { code: 'know_how', zh: '技术秘密转让', en: 'Know-how assignment' },
  ],
  license: [
    { code: 'patent_license', zh: '专利实施许可', en: 'Patent licence' },
    { code: 'know_how_license', zh: '技术秘密使用许可', en: 'Know-how licence' },
  ],
  consulting: [
    { code: 'feasibility', zh: '可行性论证', en: 'Feasibility study' },
    { code: 'forecast', zh: '技术预测', en: 'Technical forecast' },
    { code: 'assessment', zh: '技术评价', en: 'Technical assessment' },
  ],
  service: [
    { code: 'technical', zh: '技术服务', en: 'Technical service' },
    { code: 'training', zh: '技术培训', en: 'Technical training' },
    { code: 'intermediary', zh: '技术中介', en: 'Technical intermediary' },
  ],
};

/**
 * `awaiting_confirmation`: a paper contract one side entered that names another organisation of the platform,
 * until that organisation accepts it (→ signed) or declines it with a reason (→ declined).
 */
export const contractStatuses = [
  'draft',
  'signing',
  'awaiting_confirmation',
  'declined',
  'signed',
  'filed',
  'registered',
  'rejected',
] as const;
export type ContractStatus = (typeof contractStatuses)[number];
export const registrationStatuses = ['pending', 'approved', 'rejected'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];
export const ipTypeCodes = [
  'invention',
  'utility',
  'design',
  'software',
  'ic_layout',
  'plant_variety',
  'know_how',
] as const;
export const exclusivityCodes = ['exclusive', 'sole', 'ordinary'] as const;

export const partySchema = z.strictObject({
  name: z.string().trim().min(2).max(100),
  /** 统一社会信用代码; parties abroad write their own registration number. */
  creditCode: z
    .string()
    .trim()
    .min(6)
    .max(30)
    .regex(/^[0-9A-Z-]+$/, 'digits, capital letters and - only'),
  regionCode: z.enum(regionCodes),
  orgType: z.enum(orgTypeCodes),
  /**
   * A natural person or an unincorporated team (创客) is a party by 公民身份号码 — its own or its leader's —
   * written in `creditCode`; absent for organisations with a credit code (the hash of older contracts stays).
   */
  idType: z.literal('resident_id').optional(),
});
export type Party = z.infer<typeof partySchema>;

export const contractTermsSchema = z
  .strictObject({
    title: z.string().trim().min(2).max(200),
    category: z.enum(contractCategoryCodes),
    subType: z.string().min(1).max(40),
    fieldCode: z.enum(fieldCodes as [string, ...string[]]),
    /** 标的技术内容: the technology, the problem or the deliverables. */
    subject: z.string().trim().min(1).max(4_000),
    seller: partySchema,
    buyer: partySchema,
    amountFen: fen().min(1),
    /** The technology-transaction amount the parties claim (申报技术交易额). */
    techAmountFen: fen(),
    paymentSchedule: z
      .array(z.strictObject({ dueOn: day(), amountFen: fen().min(1), note: z.string().trim().max(200).default('') }))
      .max(24)
      .default([]),
    startOn: day(),
    endOn: day(),
    /** 合同签订日期: set by the second signature on the platform, written in for a paper contract. */
    signedOn: day().nullable().default(null),
    ip: z
      .array(
        z.strictObject({
          type: z.enum(ipTypeCodes),
          number: z.string().trim().max(50).default(''),
          title: z.string().trim().min(1).max(200),
        }),
      )
      .max(20)
      .default([]),
    exclusivity: z.enum(exclusivityCodes).nullable().default(null),
    broker: z
      .strictObject({
        name: z.string().trim().min(1).max(60),
        certNo: z.string().trim().max(40).default(''),
        commissionFen: fen(),
      })
      .nullable()
      .default(null),
  })
  .refine((t) => contractSubTypes[t.category].some((s) => s.code === t.subType), {
    message: 'the sub-type must belong to the category',
    path: ['subType'],
  })
  .refine((t) => t.techAmountFen <= t.amountFen, {
    message: 'the technology-transaction amount cannot exceed the contract amount',
    path: ['techAmountFen'],
  })
  .refine((t) => t.startOn <= t.endOn, { message: 'the term ends before it starts', path: ['endOn'] });
export type ContractTerms = z.infer<typeof contractTermsSchema>;
export type ContractTermsInput = z.input<typeof contractTermsSchema>;

// ---- HTTP bodies ----
/** A contract made off the platform, entered by the seller (who files it): signed on paper on `signedOn`. */
export const createContractBody = z.strictObject({ terms: contractTermsSchema });
export const fromDealBody = z.strictObject({ dealId: oid() });
export const updateContractBody = z.strictObject({
  terms: contractTermsSchema,
  expectedVersion: z.number().int().min(1).max(1_000_000),
});
/**
 * A party signs the document version it saw (its hash); the side is the caller's organisation's. `side` is
 * still accepted from older clients and must then be the caller's own.
 */
export const signBody = z.strictObject({
  side: z.enum(['seller', 'buyer']).optional(),
  docHash: z.string().regex(/^[a-f0-9]{64}$/),
});
/** The other party of a paper contract accepts the document version it read (its hash), or declines with a reason. */
export const confirmationBody = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('accept'), docHash: z.string().regex(/^[a-f0-9]{64}$/) }),
  z.strictObject({ decision: z.literal('decline'), reason: z.string().trim().min(2).max(500) }),
]);
export type ConfirmationBody = z.infer<typeof confirmationBody>;
export const fileRegistrationBody = z.strictObject({ note: z.string().trim().max(1_000).default('') });
export const decisionBody = z.discriminatedUnion('decision', [
  z.strictObject({
    decision: z.literal('approve'),
    assessedTechAmountFen: fen(),
    note: z.string().trim().max(1_000).default(''),
  }),
  z.strictObject({ decision: z.literal('reject'), reason: z.string().trim().min(2).max(1_000) }),
]);
export type DecisionBody = z.infer<typeof decisionBody>;

export const listContractsQuery = z.strictObject({
  status: z.enum(contractStatuses).optional(),
  /** Drill-down from the tally (officials): the same dimensions as the rollups. */
  category: z.enum(contractCategoryCodes).optional(),
  fieldCode: z.enum(fieldCodes as [string, ...string[]]).optional(),
  sellerRegion: z.enum(regionCodes).optional(),
  buyerRegion: z.enum(regionCodes).optional(),
  from: month().optional(),
  to: month().optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListContractsQuery = z.infer<typeof listContractsQuery>;
export const registrationSorts = ['waiting', 'newest', 'amount_desc', 'amount_asc'] as const;
/** The officials' queue: filters narrow the caller's scope (never widen it), sorted oldest-waiting first by default. */
export const listRegistrationsQuery = z.strictObject({
  status: z.enum(registrationStatuses).optional(),
  /** Seller's region within the official's scope. */
  region: z.enum(liaoningRegionCodes as [string, ...string[]]).optional(),
  category: z.enum(contractCategoryCodes).optional(),
  /** Contract amount bounds in 分. */
  minAmountFen: z.coerce.number().int().min(0).max(1_000_000_000_000).optional(),
  maxAmountFen: z.coerce.number().int().min(0).max(1_000_000_000_000).optional(),
  /** Waiting since at least this day (filed on or before it). */
  filedBefore: z.iso.date().optional(),
  sort: z.enum(registrationSorts).default('waiting'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export type ListRegistrationsQuery = z.infer<typeof listRegistrationsQuery>;

// ---- the tally ----
export const statBuckets = ['signed', 'filed', 'registered', 'rejected'] as const;
export type StatBucket = (typeof statBuckets)[number];
/** Dimensions kept as rollups (per month and seller region); `route` is seller region → buyer region. */
export const statDims = [
  'total',
  'category',
  'field',
  'sellerRegion',
  'buyerRegion',
  'flow',
  'sellerType',
  'buyerType',
  'submarket',
  'broker',
  'route',
  'ip',
] as const;
export type StatDim = (typeof statDims)[number];
export const periodGroups = ['month', 'quarter', 'year'] as const;
export const statGroupBy = [...periodGroups, ...statDims.filter((d) => d !== 'total')] as const;
export type StatGroupBy = (typeof statGroupBy)[number];
export const flowCodes = ['intra', 'inter', 'abroad'] as const;
/** The four organisation types of the official tally (企业 / 高校 / 科研院所 / 其他). */
export const tallyOrgTypes = ['enterprise', 'university', 'institute', 'other'] as const;

export const statsQuery = z.strictObject({
  groupBy: z.enum(statGroupBy).default('month'),
  from: month().optional(),
  to: month().optional(),
  /** A region inside the caller's scope (officials of 210000 may pick any city). */
  region: z.enum(liaoningRegionCodes as [string, ...string[]]).optional(),
});
export type StatsQuery = z.infer<typeof statsQuery>;
export const exportQuery = statsQuery.extend({ format: z.enum(['xlsx', 'csv']).default('xlsx') });
export const summaryQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  region: z.enum(liaoningRegionCodes as [string, ...string[]]).optional(),
});
export const targetsQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
export const targetBody = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  regionCode: z.enum(liaoningRegionCodes as [string, ...string[]]),
  /**
   * Registered contract turnover target (合同成交额), in 分: up to 1万亿元, as the province's goal (600亿元 for
   * 2020) is far above any single contract's 100亿元 cap.
   */
  amountFen: z.number().int().min(1).max(100_000_000_000_000),
});

export interface Sums {
  n: number;
  amountFen: number;
  techFen: number;
}
export type BucketSums = Record<StatBucket, Sums>;
export interface StatRowDto extends BucketSums {
  key: string;
  /** All signed contracts (signed + filed + registered + rejected). */
  all: Sums;
  /** Registered contract amount of the same period a year earlier, and the growth ratio (null without a base). */
  prevRegisteredAmountFen: number;
  yoy: number | null;
}
export interface StatsDto {
  groupBy: StatGroupBy;
  from: string;
  to: string;
  region: string;
  rows: StatRowDto[];
  totals: StatRowDto;
}
export interface SummaryDto {
  year: number;
  region: string;
  registered: Sums;
  signedAll: Sums;
  pending: number;
  prevRegisteredAmountFen: number;
  yoy: number | null;
  /** Share of Liaoning sellers' registered amount bought within Liaoning (本地转化率). */
  localConversionRate: number | null;
  averageFen: number | null;
  target: { amountFen: number; progress: number } | null;
  monthly: Array<{ month: string; registeredAmountFen: number; registeredN: number }>;
}
export { LIAONING };
