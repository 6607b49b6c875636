/**
 * zod schemas for achievements (成果) and needs (需求): the API validates with them, the web forms reuse
 * them, and the bulk importer validates each row with them. Fields follow the national 科技成果登记表.
 */
import { z } from 'zod';
import {
  achievementForms,
  achievementLevels,
  crossCuttingTags,
  innovationTypes,
  ipTypes,
  maturityStages,
  regionCodes,
  technicalFields,
  tradingModes,
  transferModes,
} from './taxonomy';

const codes = (terms: Array<{ code: string }>) => terms.map((t) => t.code) as [string, ...string[]];
export const fieldCodes = codes(technicalFields);
export const subfieldCodes = codes(technicalFields.flatMap((f) => f.children));
const objectIdString = z.string().regex(/^[a-f0-9]{24}$/i, 'must be a 24-character hex id');

/** Money is integer 分; at most 100亿元 (10^12 分) keeps every sum inside 2^53. */
export const fenSchema = z.number().int().min(0).max(1_000_000_000_000);

export const priceSchema = z
  .strictObject({ negotiable: z.boolean(), amountFen: fenSchema.optional() })
  .refine((p) => p.negotiable || p.amountFen !== undefined, {
    message: 'a price is required unless negotiable (面议)',
    path: ['amountFen'],
  });

export const ipRightSchema = z.strictObject({
  type: z.enum(codes(ipTypes)),
  number: z.string().trim().min(1).max(40),
  legalStatus: z.enum(['pending', 'granted', 'expired', 'invalidated']).default('granted'),
  applicationDate: z.iso.date().optional(),
  grantDate: z.iso.date().optional(),
});

export const contactSchema = z.strictObject({
  name: z.string().trim().min(1).max(60),
  phone: z
    .string()
    .regex(/^\+?[0-9-]{6,20}$/)
    .optional(),
  email: z.string().email().max(254).optional(),
});

const confidentialSchema = z.strictObject({
  details: z.string().trim().max(20_000).default(''),
  contact: contactSchema.optional(),
  attachmentIds: z.array(objectIdString).max(20).default([]),
});

const subfieldMatchesField = (v: { fieldCode?: string; subfieldCode?: string }) =>
  !v.subfieldCode || !v.fieldCode || v.subfieldCode.startsWith(`${v.fieldCode}-`);
const subfieldIssue = { message: 'the sub-field must belong to the field', path: ['subfieldCode'] };

const achievementShape = {
  title: z.string().trim().min(4).max(100),
  keywords: z.array(z.string().trim().min(1).max(20)).min(1).max(10),
  form: z.enum(codes(achievementForms)),
  innovationType: z.enum(codes(innovationTypes)),
  stage: z.enum(codes(maturityStages)),
  trl: z.number().int().min(1).max(9),
  level: z.enum(codes(achievementLevels)),
  /** The public, non-confidential summary: 背景, 创新点, 应用领域, 技术水平, 市场前景. */
  summary: z.string().trim().min(20).max(2000),
  fieldCode: z.enum(fieldCodes),
  subfieldCode: z.enum(subfieldCodes).optional(),
  tags: z.array(z.enum(codes(crossCuttingTags))).max(4),
  regionCode: z.enum(regionCodes),
  inventors: z.array(z.string().trim().min(1).max(30)).max(30),
  ipRights: z.array(ipRightSchema).max(50),
  transferModes: z
    .array(z.enum(codes(transferModes)))
    .min(1)
    .max(5),
  tradingMode: z.enum(codes(tradingModes)),
  price: priceSchema,
  imageIds: z.array(objectIdString).max(10),
  /** Held back until the viewer's organisation accepts the NDA. */
  confidential: confidentialSchema,
};

/**
 * Create fills optional lists with defaults; update is the same shape with every field optional and NO
 * defaults, so a PATCH of one field never resets the others.
 */
const withDefaults = <S extends Record<string, z.ZodType>>(shape: S, defaults: Partial<Record<keyof S, unknown>>) =>
  Object.fromEntries(
    Object.entries(shape).map(([k, v]) => [
      k,
      k in defaults ? (v as z.ZodType).default(defaults[k as keyof S] as never) : v,
    ]),
  ) as { [K in keyof S]: S[K] };

/**
 * Optional top-level fields an edit may clear by sending null (a PATCH that leaves a key out keeps it).
 * Nested values (budget, confidential, price) are replaced whole, so they need no such marker.
 */
export const clearableFields = {
  achievement: ['subfieldCode'],
  need: ['subfieldCode', 'deadline', 'challenge'],
} as const;
const clearable = <S extends Record<string, z.ZodType>>(shape: S, keys: readonly string[]) =>
  Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, keys.includes(k) ? v.nullable() : v])) as S;

export const createAchievementBody = z
  .strictObject(
    withDefaults(achievementShape, {
      tags: [],
      inventors: [],
      ipRights: [],
      imageIds: [],
      confidential: { details: '', attachmentIds: [] },
    }),
  )
  .refine(subfieldMatchesField, subfieldIssue);
export const updateAchievementBody = z
  .strictObject(clearable(achievementShape, clearableFields.achievement))
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to update')
  .refine(subfieldMatchesField, subfieldIssue);
export type AchievementInput = z.output<typeof createAchievementBody>;

export const cooperationModes = [
  'transfer',
  'license',
  'joint_development',
  'commissioned_development',
  'consulting',
  'service',
] as const;

const needShape = {
  title: z.string().trim().min(4).max(100),
  keywords: z.array(z.string().trim().min(1).max(20)).min(1).max(10),
  /** The problem to solve, public. */
  problem: z.string().trim().min(20).max(2000),
  indicators: z.string().trim().max(1000),
  budget: z
    .strictObject({ negotiable: z.boolean(), minFen: fenSchema.optional(), maxFen: fenSchema.optional() })
    .refine((b) => b.negotiable || b.maxFen !== undefined, {
      message: 'a budget is required unless negotiable',
      path: ['maxFen'],
    })
    .refine((b) => b.minFen === undefined || b.maxFen === undefined || b.minFen <= b.maxFen, {
      message: 'minimum above maximum',
      path: ['minFen'],
    }),
  deadline: z.iso.date().optional(),
  fieldCode: z.enum(fieldCodes),
  subfieldCode: z.enum(subfieldCodes).optional(),
  regionCode: z.enum(regionCodes),
  cooperationModes: z.array(z.enum(cooperationModes)).min(1).max(6),
  // closesAt is stored in UTC (…Z) whatever offset was sent, so lists can compare it as a string.
  challenge: z
    .strictObject({
      rewardFen: fenSchema.min(1),
      closesAt: z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString()),
    })
    .optional(),
  confidential: confidentialSchema,
};

export const createNeedBody = z
  .strictObject(withDefaults(needShape, { indicators: '', confidential: { details: '', attachmentIds: [] } }))
  .refine(subfieldMatchesField, subfieldIssue);
export const updateNeedBody = z
  .strictObject(clearable(needShape, clearableFields.need))
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to update')
  .refine(subfieldMatchesField, subfieldIssue);
export type NeedInput = z.output<typeof createNeedBody>;

export const reviewBody = z
  .strictObject({ decision: z.enum(['approve', 'reject']), reason: z.string().trim().max(500).optional() })
  .refine((v) => v.decision === 'approve' || (v.reason && v.reason.length > 0), {
    message: 'a reason is required when rejecting',
    path: ['reason'],
  });

export const proposalBody = z.strictObject({
  summary: z.string().trim().min(10).max(2000),
  plan: z.string().trim().max(10_000).default(''),
  priceFen: fenSchema.optional(),
  achievementId: objectIdString.optional(),
});

export const proposalDecisionBody = z.strictObject({ decision: z.enum(['shortlist', 'decline', 'select_winner']) });
