/**
 * Top-k ordering for the embedded engine: the requested page of a result in order — by relevance (scores
 * within 2% tie, broken by completeness, then recency), by date or by price — selecting only offset+limit
 * documents instead of sorting all.
 */
import type { EngineQuery, SearchDoc } from './search-engine';

/** The requested page in order, selecting only offset+limit documents instead of sorting all. */
export function topK(
  query: EngineQuery,
  ids: Int32Array,
  scores: Float64Array,
  n: number,
  columns: { docs: Array<SearchDoc | null>; price: Float64Array; published: Float64Array; completeness: Uint8Array },
): number[] {
  const k = Math.min(n, query.offset + query.limit);
  if (k <= 0) return [];
  const { price, published: pub, docs } = columns;
  // Comparators over positions in `ids`; positive when a ranks before b.
  const tie = (a: number, b: number) => {
    const da = ids[a];
    const db = ids[b];
    return pub[da] - pub[db] || (docs[da]!.id < docs[db]!.id ? 1 : -1);
  };
  let better: (a: number, b: number) => number;
  if (query.sort === 'relevance' && query.q.trim()) {
    // Relevance decides; scores within 2% of each other are a tie, broken by completeness, then recency.
    const bucket = new Int32Array(n);
    for (let j = 0; j < n; j++) bucket[j] = Math.round(Math.log(Math.max(scores[j], 1e-9)) * 50);
    const complete = columns.completeness;
    better = (a, b) => bucket[a] - bucket[b] || complete[ids[a]] - complete[ids[b]] || tie(a, b);
  } else if (query.sort === 'price_asc' || query.sort === 'price_desc') {
    const dir = query.sort === 'price_asc' ? -1 : 1;
    better = (a, b) => {
      const pa = price[ids[a]];
      const pb = price[ids[b]];
      const na = Number.isNaN(pa);
      const nb = Number.isNaN(pb);
      // Listings without a figure (面议) come last in both directions, as in Meilisearch.
      if (na || nb) return na === nb ? tie(a, b) : na ? -1 : 1;
      return (pa - pb) * dir || tie(a, b);
    };
  } else {
    better = tie;
  }
  const top: number[] = [];
  for (let j = 0; j < n; j++) {
    if (top.length === k && better(j, top[k - 1]) <= 0) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (better(j, top[mid]) > 0) hi = mid;
      else lo = mid + 1;
    }
    top.splice(lo, 0, j);
    if (top.length > k) top.pop();
  }
  return top.slice(query.offset).map((j) => ids[j]);
}
