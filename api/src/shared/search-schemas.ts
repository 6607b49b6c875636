/**
 * The search API's request and response shapes, shared by the API (validation) and the web app (the
 * search page keeps this query in its URL).
 */
import { z } from 'zod';
import { fieldCodes, subfieldCodes } from './catalog-schemas';
import { ipTypes, maturityStages, orgTypeCodes, regionCodes, submarketSeeds, tradingModes } from './taxonomy';

export const searchKinds = ['achievement', 'need'] as const;
export type SearchKind = (typeof searchKinds)[number];
export const searchSorts = ['relevance', 'newest', 'price_asc', 'price_desc'] as const;
export type SearchSort = (typeof searchSorts)[number];

/** Facets the engines count; each is also a filter (several values of one facet are OR-ed). */
export const facetNames = [
  'kind',
  'fieldCode',
  'regionCode',
  'submarketCode',
  'orgType',
  'stage',
  'ipTypes',
  'tradingMode',
] as const;
export type FacetName = (typeof facetNames)[number];

const codes = (terms: Array<{ code: string }>) => terms.map((t) => t.code) as [string, ...string[]];
/** `a,b,c` → ['a','b','c'], each checked against the taxonomy; at most 20 values. */
const csv = (values: readonly [string, ...string[]]) =>
  z
    .string()
    .max(400)
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)).max(20));
const dateOnly = z.iso.date();

export const searchQuerySchema = z.strictObject({
  q: z.string().trim().max(100).default(''),
  kind: z.enum(searchKinds).optional(),
  fieldCode: csv(fieldCodes).optional(),
  subfieldCode: csv(subfieldCodes).optional(),
  regionCode: csv(regionCodes).optional(),
  submarketCode: csv(submarketSeeds.map((s) => s.code) as [string, ...string[]]).optional(),
  orgType: csv(orgTypeCodes).optional(),
  stage: csv(codes(maturityStages)).optional(),
  ipType: csv(codes(ipTypes)).optional(),
  tradingMode: csv(codes(tradingModes)).optional(),
  challenge: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** `true`: search the text exactly as typed, without same-sound typo correction. */
  asTyped: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Price (achievements) or budget ceiling (needs), in 分. */
  priceMinFen: z.coerce.number().int().min(0).max(1e12).optional(),
  priceMaxFen: z.coerce.number().int().min(0).max(1e12).optional(),
  publishedFrom: dateOnly.optional(),
  publishedTo: dateOnly.optional(),
  sort: z.enum(searchSorts).default('relevance'),
  page: z.coerce.number().int().min(1).max(50).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});
export type SearchQueryInput = z.input<typeof searchQuerySchema>;
export type SearchQuery = z.output<typeof searchQuerySchema>;

export interface SearchHitDto {
  id: string;
  kind: SearchKind;
  title: string;
  summary: string;
  keywords: string[];
  fieldCode: string;
  subfieldCode: string | null;
  regionCode: string;
  submarketCode: string;
  org: { id: string; name: string; type: string };
  stage: string | null;
  trl: number | null;
  ipTypes: string[];
  tradingMode: string | null;
  priceFen: number | null;
  negotiable: boolean;
  challenge: { rewardFen: number; closesAt: string } | null;
  publishedAt: string;
  /** HTML-escaped text with matches wrapped in <mark>; safe to render as HTML. */
  highlight: { title: string; summary: string };
}

export interface SearchResponseDto {
  /** Set when the query had no hits and the results are for its same-sound correction (`q`). */
  correctedFrom?: string;
  q?: string;
  /** A same-sound correction with more hits than the query's few. */
  didYouMean?: { q: string; total: number };
  hits: SearchHitDto[];
  total: number;
  page: number;
  pageSize: number;
  facets: Partial<Record<FacetName, Record<string, number>>>;
  tookMs: number;
  engine: string;
}

export interface MatchReasonDto {
  code:
    | 'shared_terms'
    | 'same_field'
    | 'same_subfield'
    | 'same_region'
    | 'in_province'
    | 'maturity_fit'
    | 'price_in_budget'
    | 'evaluated'
    | 'self_assessed';
  zh: string;
  en: string;
  terms?: string[];
}

export interface MatchDto {
  hit: Omit<SearchHitDto, 'highlight'>;
  score: number;
  reasons: MatchReasonDto[];
}

export const savedSearchBody = z.strictObject({
  name: z.string().trim().min(1).max(60),
  /** The search page's query string (validated with searchQuerySchema). */
  query: z
    .record(z.string().max(40), z.string().max(400))
    .refine((v) => Object.keys(v).length <= 20, 'too many parameters'),
  notify: z.boolean().default(true),
});
