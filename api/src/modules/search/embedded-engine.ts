import { intersect, union, type Matches } from './embedded-index';
import { countFacets, emptyFacets, facetFilterKey } from './embedded-facets';
import { EmbeddedStore } from './embedded-store';
import { highlightText, snippet } from './highlight';
import { HIGHLIGHT_PRE, type EngineHit, type EngineQuery, type EngineResult, type SearchEngine } from './search-engine';
import { buildSynonyms } from './synonyms';
import { editDistance, queryTerms, typoBudget, type QueryTerm } from './tokenizer';

/** BM25-style saturation: repeated occurrences add less and less. */
const K = 1.2;
const PREFIX_FACTOR = 0.8;
const TYPO_FACTOR = 0.6;
const MAX_EXPANSIONS = 30;

/**
 * The default, in-process engine: Chinese by overlapping bigrams plus whole-term boosts, Latin words with
 * prefix (last word) and typo tolerance, AND semantics, filters, facet counts, sorts, highlights. The
 * index lives in memory and is rebuilt from MongoDB by search-sync at start-up.
 *
 * This file owns query evaluation: matching and scoring terms (with synonyms and Latin expansions), the
 * whole-term boosts, the disjunctive facet pools, top-k ordering and highlights. The index it reads and
 * writes is EmbeddedStore's (embedded-store.ts); facet counting is in embedded-facets.ts.
 */
export class EmbeddedSearchEngine extends EmbeddedStore implements SearchEngine {
  readonly name = 'embedded';

  constructor(
    private readonly synonyms: Record<string, string[]> = buildSynonyms(),
    /** Off only in the local Meilisearch stand-in, which counts facets over the filtered result as Meilisearch does. */
    private readonly disjunctiveFacets = true,
  ) {
    super();
  }

  async init(): Promise<void> {}
  async ping(): Promise<boolean> {
    return true;
  }
  async close(): Promise<void> {}

  private idf(df: number): number {
    return Math.log(1 + this.alive / Math.max(1, df));
  }

  /** Matches of one index token, scored. */
  private tokenMatches(token: string, factor: number): Matches | null {
    const p = this.postings.get(token);
    if (!p) return null;
    const idf = this.idf(p.n) * factor;
    const scores = new Float64Array(p.n);
    for (let i = 0; i < p.n; i++) {
      const w = p.weights[i];
      scores[i] = (idf * w * (K + 1)) / (w + K);
    }
    return { ids: p.ids, scores, n: p.n };
  }

  /** Latin words the term stands for: itself, words it prefixes (last term only), words within its typo budget. */
  latinExpansions(word: string, prefix: boolean): Array<{ token: string; factor: number }> {
    const out: Array<{ token: string; factor: number }> = [];
    const seen = new Set<string>();
    if (this.postings.has(word)) {
      out.push({ token: word, factor: 1 });
      seen.add(word);
    }
    if (prefix && word.length >= 2) {
      const sorted = this.sortedLatin();
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sorted[mid] < word) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < sorted.length && sorted[i].startsWith(word) && out.length < MAX_EXPANSIONS; i++) {
        if (!seen.has(sorted[i])) {
          out.push({ token: sorted[i], factor: PREFIX_FACTOR });
          seen.add(sorted[i]);
        }
      }
    }
    const budget = typoBudget(word);
    for (let len = word.length - budget; len <= word.length + budget && budget > 0; len++) {
      for (const candidate of this.latinVocab.get(len) ?? []) {
        if (seen.has(candidate) || out.length >= MAX_EXPANSIONS * 2) continue;
        if (editDistance(word, candidate, budget) <= budget) {
          out.push({ token: candidate, factor: TYPO_FACTOR });
          seen.add(candidate);
        }
      }
    }
    return out;
  }

  private termMatches(term: QueryTerm, last: boolean, matched: Set<string>): Matches | null {
    if (term.cjk) {
      let acc: Matches | null = null;
      for (const token of new Set(term.tokens)) {
        const m = this.tokenMatches(token, 1);
        if (!m) return null;
        acc = acc ? intersect(acc, m) : m;
        if (acc.n === 0) return acc;
      }
      matched.add(term.text);
      return acc;
    }
    const expansions = this.latinExpansions(term.text, last);
    if (expansions.length === 0) return null;
    for (const e of expansions) matched.add(e.token);
    return union(expansions.map((e) => this.tokenMatches(e.token, e.factor)!));
  }

  /** A term OR its synonyms (each synonym's words AND-ed), scored a little below the term itself. */
  private withSynonyms(term: QueryTerm, last: boolean, matched: Set<string>): Matches | null {
    const own = this.termMatches(term, last, matched);
    const alternatives = (this.synonyms[term.text] ?? []).map((syn) => {
      let acc: Matches | null = null;
      for (const t of queryTerms(syn)) {
        const m = this.termMatches(t, false, matched);
        if (!m) return null;
        acc = acc ? intersect(acc, m) : m;
      }
      if (acc) for (let i = 0; i < acc.n; i++) acc.scores[i] *= 0.8;
      return acc;
    });
    const lists = [own, ...alternatives].filter((m): m is Matches => !!m && m.n > 0);
    if (lists.length === 0) return own;
    return union(lists);
  }

  async search(query: EngineQuery): Promise<EngineResult> {
    return this.searchSync(query);
  }

  searchSync(query: EngineQuery): EngineResult {
    const terms = queryTerms(query.q);
    const matchedTerms = new Set<string>();
    let candidates: Matches | null = null;
    if (terms.length > 0) {
      for (let t = 0; t < terms.length; t++) {
        const m = this.withSynonyms(terms[t], t === terms.length - 1, matchedTerms);
        if (!m) return { hits: [], total: 0, facets: emptyFacets(query.facets) };
        candidates = candidates ? intersect(candidates, m) : m;
        if (candidates.n === 0) break;
      }
    }
    const accept = this.filterFn(query.filters);
    // Survivors of the filters, with their scores (whole-term boosts applied here).
    const ids = new Int32Array(candidates ? candidates.n : this.docs.length);
    const scores = new Float64Array(ids.length);
    let n = 0;
    const cjkTerms = terms.filter((t) => t.cjk && t.text.length > 1).map((t) => t.text);
    if (candidates) {
      for (let k = 0; k < candidates.n; k++) {
        const i = candidates.ids[k];
        if (this.docs[i] === null || !accept(i)) continue;
        let s = candidates.scores[k];
        for (const text of cjkTerms) {
          if (this.titles[i].includes(text)) s *= 1.5;
          if (this.keywordSets[i]!.has(text)) s *= 1.3;
        }
        ids[n] = i;
        scores[n++] = s;
      }
    } else {
      for (let i = 0; i < this.docs.length; i++) {
        if (this.docs[i] === null || !accept(i)) continue;
        ids[n++] = i;
      }
    }
    const facets = countFacets(this.cat, this.ipTypes, query.facets, ids, n);
    // Disjunctive facets: a facet the query filters on is counted without its own filter (with all the
    // others), so the user sees what picking another value of it would add.
    for (const name of this.disjunctiveFacets ? query.facets : []) {
      const key = facetFilterKey[name];
      if (query.filters[key] === undefined) continue;
      const without = this.filterFn({ ...query.filters, [key]: undefined });
      const pool = new Int32Array(candidates ? candidates.n : this.docs.length);
      let m = 0;
      if (candidates) {
        for (let k = 0; k < candidates.n; k++) {
          const i = candidates.ids[k];
          if (this.docs[i] !== null && without(i)) pool[m++] = i;
        }
      } else {
        for (let i = 0; i < this.docs.length; i++) if (this.docs[i] !== null && without(i)) pool[m++] = i;
      }
      facets[name] = countFacets(this.cat, this.ipTypes, [name], pool, m)[name];
    }
    const order = this.topK(query, ids, scores, n);
    const hits: EngineHit[] = order.map((i) => {
      const doc = this.docs[i]!;
      return {
        doc: structuredClone(doc),
        formatted: {
          title: highlightText(doc.title, matchedTerms),
          summary: snippet(highlightText(doc.summary, matchedTerms), HIGHLIGHT_PRE),
        },
      };
    });
    return { hits, total: n, facets };
  }

  /** The requested page in order, selecting only offset+limit documents instead of sorting all. */
  private topK(query: EngineQuery, ids: Int32Array, scores: Float64Array, n: number): number[] {
    const k = Math.min(n, query.offset + query.limit);
    if (k <= 0) return [];
    const price = this.price.data;
    const pub = this.published.data;
    const docs = this.docs;
    // Comparators over positions in `ids`; positive when a ranks before b.
    const tie = (a: number, b: number) => {
      const da = ids[a];
      const db = ids[b];
      return pub[da] - pub[db] || (docs[da]!.id < docs[db]!.id ? 1 : -1);
    };
    let better: (a: number, b: number) => number;
    if (query.sort === 'relevance' && query.q.trim()) {
      better = (a, b) => scores[a] - scores[b] || tie(a, b);
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
}
