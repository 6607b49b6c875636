/**
 * Facet counting for the embedded engine: how many of a result's documents carry each value of each facet,
 * read off the index's columns, and which filter narrows each facet's own attribute (the engine counts a
 * filtered facet without that filter; the Meilisearch engine asks for it the same way).
 */
import type { FacetName } from '../../shared/search-schemas';
import type { Categorical, MultiValued } from './embedded-index';
import type { CategoricalName } from './embedded-store';
import type { EngineResult, SearchFilters } from './search-engine';

/** Counts per value of each named facet over the first n document numbers of ids. */
export function countFacets(
  cat: Record<CategoricalName, Categorical>,
  ipTypes: MultiValued,
  names: readonly FacetName[],
  ids: Int32Array,
  n: number,
): EngineResult['facets'] {
  const out: EngineResult['facets'] = {};
  for (const name of names) {
    const counts: Record<string, number> = {};
    if (name === 'ipTypes') {
      const tally = new Uint32Array(32);
      const col = ipTypes.col.data;
      for (let k = 0; k < n; k++) {
        let mask = col[ids[k]];
        while (mask !== 0) {
          const bit = 31 - Math.clz32(mask);
          tally[bit]++;
          mask &= ~(1 << bit);
        }
      }
      ipTypes.values.forEach((v, bit) => tally[bit] > 0 && (counts[v] = tally[bit]));
    } else {
      const c = cat[name];
      const tally = new Uint32Array(c.values.length);
      const col = c.col.data;
      for (let k = 0; k < n; k++) tally[col[ids[k]]]++;
      for (let code = 1; code < tally.length; code++) if (tally[code] > 0) counts[c.values[code]] = tally[code];
    }
    out[name] = counts;
  }
  return out;
}

/** The filter that narrows each facet's own attribute. */
export const facetFilterKey: Record<FacetName, keyof SearchFilters> = {
  kind: 'kind',
  fieldCode: 'fieldCode',
  regionCode: 'regionCode',
  submarketCode: 'submarketCode',
  orgType: 'orgType',
  stage: 'stage',
  ipTypes: 'ipTypes',
  tradingMode: 'tradingMode',
};

export function emptyFacets(names: readonly FacetName[]): EngineResult['facets'] {
  return Object.fromEntries(names.map((n) => [n, {}]));
}
