import { facetNames, searchQuerySchema, type FacetName } from '@shared/search-schemas';
import type { SearchParams } from '../../api/search';

/** Facets shown as checkbox panels, in display order (kind has its own tabs). */
export const panelFacets = facetNames.filter((f) => f !== 'kind') as Array<Exclude<FacetName, 'kind'>>;

/** The query parameter that filters by a facet (the index stores `ipTypes`, the API filters by `ipType`). */
export const facetParam = (facet: FacetName): string => (facet === 'ipTypes' ? 'ipType' : facet);

export const PAGE_SIZES = [10, 20, 50];
/** The API answers at most 50 pages. */
export const MAX_PAGE = 50;

const shape = searchQuerySchema.shape;
type Key = keyof typeof shape;
const isKey = (k: string): k is Key => Object.hasOwn(shape, k);

/**
 * All search state lives in the URL. Each known parameter is kept only when the API's own schema accepts
 * it, so a hand-edited or stale link degrades to a broader search instead of a 400 page.
 */
export function readSearchParams(sp: URLSearchParams): SearchParams {
  const out: SearchParams = {};
  for (const [k, raw] of sp) {
    const v = raw.trim();
    if (!v || !isKey(k) || k in out) continue;
    if (shape[k].safeParse(v).success) out[k] = v;
  }
  return out;
}

/** Drops empty values and defaults so equal searches have equal URLs. */
export function writeSearchParams(p: Record<string, string | undefined>): URLSearchParams {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) {
    if (v === undefined || v === '') continue;
    if ((k === 'page' && v === '1') || (k === 'sort' && v === 'relevance') || (k === 'pageSize' && v === '20'))
      continue;
    sp.set(k, v);
  }
  return sp;
}

export const listOf = (v: string | undefined): string[] => (v ? v.split(',').filter(Boolean) : []);

/** The saved-search body: the current filters without the page number. */
export function savedQueryOf(p: SearchParams): SearchParams {
  const { page: _page, ...rest } = p;
  return rest;
}
