import type { FacetName, SearchKind, SearchSort } from '../../shared/search-schemas';

/**
 * What the index holds for one published listing: public fields of the approved (`live`) version only,
 * flattened for filtering. Confidential parts never get here (see search-document.ts).
 */
export interface SearchDoc {
  id: string;
  kind: SearchKind;
  version: number;
  title: string;
  keywords: string[];
  /** Achievement summary or need problem statement (public part). */
  summary: string;
  /** Field and sub-field labels (zh and en), so "机器人" finds listings filed under 工业机器人. */
  fieldText: string;
  fieldCode: string;
  subfieldCode: string | null;
  regionCode: string;
  submarketCode: string;
  orgId: string;
  orgName: string;
  orgType: string;
  stage: string | null;
  trl: number | null;
  ipTypes: string[];
  tradingMode: string | null;
  /** Transfer modes (achievements) or cooperation modes (needs). */
  modes: string[];
  /** Price (achievement) or budget ceiling (need) in 分; null when 面议 without a figure. */
  priceFen: number | null;
  negotiable: boolean;
  challenge: boolean;
  challengeRewardFen: number | null;
  challengeClosesAt: number | null;
  /** Epoch milliseconds. */
  publishedAt: number;
}

export interface SearchFilters {
  kind?: SearchKind;
  ids?: string[];
  fieldCode?: string[];
  subfieldCode?: string[];
  regionCode?: string[];
  submarketCode?: string[];
  orgType?: string[];
  stage?: string[];
  ipTypes?: string[];
  tradingMode?: string[];
  challenge?: boolean;
  priceMinFen?: number;
  priceMaxFen?: number;
  /** Epoch milliseconds, inclusive. */
  publishedFrom?: number;
  publishedTo?: number;
}

export interface EngineQuery {
  q: string;
  filters: SearchFilters;
  facets: readonly FacetName[];
  sort: SearchSort;
  offset: number;
  limit: number;
}

export interface EngineHit {
  doc: SearchDoc;
  /** Title and summary with matches between HIGHLIGHT_PRE / HIGHLIGHT_POST markers (not yet escaped). */
  formatted: { title: string; summary: string };
}

export interface EngineResult {
  hits: EngineHit[];
  total: number;
  facets: Partial<Record<FacetName, Record<string, number>>>;
}

/**
 * The search port. Both engines (embedded, Meilisearch) pass one contract suite
 * (search-engine.contract.ts): AND semantics over query terms, the same filters, facet counts over the
 * filtered result, the same sorts, highlights marked with the private-use markers below.
 */
export interface SearchEngine {
  readonly name: string;
  /** Creates the index and applies settings (idempotent). */
  init(): Promise<void>;
  upsert(docs: SearchDoc[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  search(query: EngineQuery): Promise<EngineResult>;
  /** id → indexed version, for checking the index against MongoDB. */
  versions(): Promise<Map<string, number>>;
  get(id: string): Promise<SearchDoc | null>;
  count(): Promise<number>;
  clear(): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Private-use characters cannot occur in validated listing text, so they mark matches unambiguously. */
export const HIGHLIGHT_PRE = '\uE000';
export const HIGHLIGHT_POST = '\uE001';

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes the text for HTML, then turns the markers into <mark> tags. */
export function markersToHtml(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => escapes[c])
    .replaceAll(HIGHLIGHT_PRE, '<mark>')
    .replaceAll(HIGHLIGHT_POST, '</mark>');
}
