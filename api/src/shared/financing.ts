/**
 * Financing match (融资匹配, issue 16): finance institutions publish financing products, enterprises and
 * suppliers file financing requests, institutions express interest and record outcomes. Pure TS + zod
 * shared by the API (validation) and the web app (forms, labels).
 */
import { z } from 'zod';
import { liaoningRegionCodes, maturityStages, technicalFields, type OrgType } from './taxonomy';

export const instruments = ['loan', 'equity', 'guarantee', 'insurance', 'leasing'] as const;
export type Instrument = (typeof instruments)[number];
export const instrumentLabels: Record<Instrument, { zh: string; en: string }> = {
  loan: { zh: '贷款', en: 'Loan' },
  equity: { zh: '股权投资', en: 'Equity' },
  guarantee: { zh: '融资担保', en: 'Guarantee' },
  insurance: { zh: '科技保险', en: 'Insurance' },
  leasing: { zh: '融资租赁', en: 'Leasing' },
};

/** The organisation types that are finance institutions (科技金融服务机构), `finance` being the general one. */
export const financeOrgTypes = [
  'bank',
  'venture',
  'guarantee',
  'insurance',
  'leasing',
  'microcredit',
  'finance',
] as const satisfies readonly OrgType[];

/**
 * What each kind of institution may offer (001: 科技支行、科技保险、科技租赁、科技小贷和科技担保). A guarantee
 * company guarantees, it does not invest; a general 科技金融服务机构 runs 投贷联动 (loans with equity) and
 * guarantees. One table, read by the API's check and the web form.
 */
export const instrumentsByOrgType: Record<(typeof financeOrgTypes)[number], readonly Instrument[]> = {
  bank: ['loan'],
  venture: ['equity'],
  guarantee: ['guarantee'],
  insurance: ['insurance'],
  leasing: ['leasing'],
  microcredit: ['loan'],
  finance: ['loan', 'equity', 'guarantee'],
};

export const isFinanceOrgType = (type: string | null | undefined): type is (typeof financeOrgTypes)[number] =>
  !!type && (financeOrgTypes as readonly string[]).includes(type);

/** Who may file a financing request: suppliers (universities, institutes, R&D institutions, makers) and enterprises. */
export const requesterOrgTypes = [
  'enterprise',
  'university',
  'institute',
  'rd_institution',
  'maker_team',
  'maker_individual',
] as const;
export const isRequesterOrgType = (type: string | null | undefined) =>
  !!type && (requesterOrgTypes as readonly string[]).includes(type);

export const productStatuses = ['draft', 'published', 'withdrawn'] as const;
export type ProductStatus = (typeof productStatuses)[number];
export const requestStatuses = ['draft', 'open', 'matched', 'closed'] as const;
export type RequestStatus = (typeof requestStatuses)[number];
export const interestStatuses = ['expressed', 'accepted', 'rejected', 'term_sheet', 'signed', 'declined'] as const;
export type InterestStatus = (typeof interestStatuses)[number];
export const outcomeKinds = ['term_sheet', 'signed', 'declined'] as const;
export type OutcomeKind = (typeof outcomeKinds)[number];
export const tieKinds = ['none', 'achievement', 'contract'] as const;

/** 1万元 … 10亿元 in 分: the smallest ticket a product or request may name and the largest. */
export const MIN_AMOUNT_FEN = 1_000_000;
export const MAX_AMOUNT_FEN = 100_000_000_000;
const fieldCodes = technicalFields.map((f) => f.code) as [string, ...string[]];
const stageCodes = maturityStages.map((s) => s.code) as [string, ...string[]];
const cityCodes = liaoningRegionCodes as [string, ...string[]];

const amount = () => z.number().int().min(MIN_AMOUNT_FEN).max(MAX_AMOUNT_FEN);
const months = () => z.number().int().min(1).max(360);
/** Annual rate or fee in basis points: 36% is the legal ceiling on lending rates. */
const rateBp = () => z.number().int().min(0).max(3_600);
const shareBp = () => z.number().int().min(1).max(10_000);
const text = (max: number) => z.string().trim().max(max);
const oid = () => z.string().regex(/^[a-f0-9]{24}$/i, 'must be a 24-character hex id');

const productShape = z.strictObject({
  name: z.string().trim().min(2).max(60),
  instrument: z.enum(instruments),
  amountMinFen: amount(),
  amountMaxFen: amount(),
  termMonthsMin: months(),
  termMonthsMax: months(),
  rateMinBp: rateBp().nullable().default(null),
  rateMaxBp: rateBp().nullable().default(null),
  equityMinBp: shareBp().nullable().default(null),
  equityMaxBp: shareBp().nullable().default(null),
  /** Empty: every field (stage, city) is eligible. */
  fields: z.array(z.enum(fieldCodes)).max(fieldCodes.length).default([]),
  stages: z.array(z.enum(stageCodes)).max(stageCodes.length).default([]),
  regions: z.array(z.enum(cityCodes)).max(cityCodes.length).default([]),
  materials: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
  description: text(2_000).default(''),
});

type ProductShape = z.infer<typeof productShape>;

/** Ranges run low to high; an equity product names a share range, every other one a rate range. */
function checkProduct(p: ProductShape, ctx: z.RefinementCtx) {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (p.amountMaxFen < p.amountMinFen) issue('amountMaxFen', 'must not be below amountMinFen');
  if (p.termMonthsMax < p.termMonthsMin) issue('termMonthsMax', 'must not be below termMonthsMin');
  if (p.instrument === 'equity') {
    if (p.equityMinBp === null || p.equityMaxBp === null) issue('equityMinBp', 'an equity product names a share range');
    else if (p.equityMaxBp < p.equityMinBp) issue('equityMaxBp', 'must not be below equityMinBp');
    if (p.rateMinBp !== null || p.rateMaxBp !== null) issue('rateMinBp', 'an equity product has no rate');
  } else {
    if (p.rateMinBp === null || p.rateMaxBp === null) issue('rateMinBp', 'this product names a rate or fee range');
    else if (p.rateMaxBp < p.rateMinBp) issue('rateMaxBp', 'must not be below rateMinBp');
    if (p.equityMinBp !== null || p.equityMaxBp !== null) issue('equityMinBp', 'only equity products take a share');
  }
}

export const productBody = productShape.superRefine(checkProduct);
export type ProductBody = z.infer<typeof productBody>;

export const productStatusBody = z.strictObject({ action: z.enum(['publish', 'withdraw']) });

export const productListQuery = z.strictObject({
  instrument: z.enum(instruments).optional(),
  field: z.enum(fieldCodes).optional(),
  region: z.enum(cityCodes).optional(),
  /** Products whose range holds this amount. */
  amountFen: z.coerce.number().int().min(MIN_AMOUNT_FEN).max(MAX_AMOUNT_FEN).optional(),
  orgType: z.enum(financeOrgTypes).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ProductListQuery = z.infer<typeof productListQuery>;

const requestShape = z.strictObject({
  title: z.string().trim().min(2).max(80),
  amountFen: amount(),
  /** What the requester would take; empty: any. */
  instruments: z.array(z.enum(instruments)).max(instruments.length).default([]),
  termMonths: months().nullable().default(null),
  fieldCode: z.enum(fieldCodes),
  stage: z.enum(stageCodes),
  /** Public to matching institutions. */
  summary: text(1_000).default(''),
  /** Confidential until the requester accepts an institution's interest. */
  useOfFunds: text(2_000).default(''),
  collateral: text(1_000).default(''),
  ipOffered: z.array(z.string().trim().min(1).max(120)).max(20).default([]),
  /** Confidential files (business plan, valuation, statements): the requester's own attachments. */
  attachmentIds: z.array(oid()).max(10).default([]),
  tie: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('none') }),
      z.strictObject({ kind: z.literal('achievement'), id: oid() }),
      z.strictObject({ kind: z.literal('contract'), id: oid() }),
    ])
    .default({ kind: 'none' }),
});
export const requestBody = requestShape;
export type RequestBody = z.infer<typeof requestBody>;

export const requestStatusBody = z.strictObject({
  action: z.enum(['open', 'close']),
  reason: text(500).optional(),
});

export const requestListQuery = z.strictObject({
  status: z.enum(requestStatuses).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const interestBody = z.strictObject({
  productId: oid().optional(),
  /** Seen by the requester. */
  message: z.string().trim().min(1).max(1_000),
  /** The institution's own note: never shown to the requester or another institution. */
  privateNote: text(1_000).default(''),
});
export type InterestBody = z.infer<typeof interestBody>;

export const interestDecisionBody = z.strictObject({ decision: z.enum(['accept', 'reject']) });

export const outcomeBody = z
  .strictObject({
    kind: z.enum(outcomeKinds),
    amountFen: amount().optional(),
    instrument: z.enum(instruments).optional(),
    termMonths: months().optional(),
    reason: text(500).optional(),
  })
  .superRefine((o, ctx) => {
    const need = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (o.kind !== 'declined' && (o.amountFen === undefined || !o.instrument))
      need('amountFen', 'a term sheet or a signed agreement names the amount and the instrument');
    if (o.kind === 'declined' && !o.reason) need('reason', 'a decline gives its reason');
  });
export type OutcomeBody = z.infer<typeof outcomeBody>;

export const figuresQuery = z.strictObject({
  /** A city inside the caller's scope; officials of 210000 may pick any. */
  region: z.enum(cityCodes).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type FiguresQuery = z.infer<typeof figuresQuery>;

export * from './financing-dto';
