import type { FacetName } from '../../shared/search-schemas';
import { Categorical, Column, intersect, MultiValued, Postings, union, type Matches } from './embedded-index';
import { highlightText, snippet } from './highlight';
import {
  HIGHLIGHT_PRE,
  type EngineHit,
  type EngineQuery,
  type EngineResult,
  type SearchDoc,
  type SearchEngine,
  type SearchFilters,
} from './search-engine';
import { buildSynonyms } from './synonyms';
import { editDistance, indexTokens, normalize, queryTerms, typoBudget, type QueryTerm } from './tokenizer';

/** Field weights: a match in the title counts four times one in the summary. */
const WEIGHTS = { title: 4, keywords: 3, fieldText: 1.5, orgName: 1, summary: 1 } as const;
/** BM25-style saturation: repeated occurrences add less and less. */
const K = 1.2;
const PREFIX_FACTOR = 0.8;
const TYPO_FACTOR = 0.6;
const MAX_EXPANSIONS = 30;

type CategoricalName = 'kind' | 'fieldCode' | 'subfieldCode' | 'regionCode' | 'submarketCode' | 'orgType' | 'stage' | 'tradingMode';

/**
 * The default, in-process engine: Chinese by overlapping bigrams plus whole-term boosts, Latin words with
 * prefix (last word) and typo tolerance, AND semantics, filters, facet counts, sorts, highlights. The
 * index lives in memory and is rebuilt from MongoDB by search-sync at start-up.
 */
export class EmbeddedSearchEngine implements SearchEngine {
  readonly name = 'embedded';
  private docs: Array<SearchDoc | null> = [];
  private titles: string[] = [];
  private keywordSets: Array<Set<string> | null> = [];
  private byId = new Map<string, number>();
  private postings = new Map<string, Postings>();
  private latinVocab = new Map<number, string[]>();
  private latinSorted: string[] | null = [];
  private alive = 0;
  private readonly cat: Record<CategoricalName, Categorical> = {
    kind: new Categorical(),
    fieldCode: new Categorical(),
    subfieldCode: new Categorical(),
    regionCode: new Categorical(),
    submarketCode: new Categorical(),
    orgType: new Categorical(),
    stage: new Categorical(),
    tradingMode: new Categorical(),
  };
  private readonly ipTypes = new MultiValued();
  private readonly challenge = new Column((n) => new Uint8Array(n));
  private readonly price = new Column((n) => new Float64Array(n));
  private readonly published = new Column((n) => new Float64Array(n));

  constructor(
    private readonly synonyms: Record<string, string[]> = buildSynonyms(),
    /** Off only in the local Meilisearch stand-in, which counts facets over the filtered result as Meilisearch does. */
    private readonly disjunctiveFacets = true,
  ) {}

  async init(): Promise<void> {}
  async ping(): Promise<boolean> {
    return true;
  }
  async close(): Promise<void> {}

  async clear(): Promise<void> {
    this.docs = [];
    this.titles = [];
    this.keywordSets = [];
    this.byId.clear();
    this.postings.clear();
    this.latinVocab.clear();
    this.latinSorted = [];
    this.alive = 0;
    for (const c of Object.values(this.cat)) {
      c.dict.clear();
      c.values.length = 1;
    }
  }

  async count(): Promise<number> {
    return this.alive;
  }

  async get(id: string): Promise<SearchDoc | null> {
    const i = this.byId.get(id);
    return i === undefined ? null : structuredClone(this.docs[i]!);
  }

  async versions(): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const [id, i] of this.byId) out.set(id, this.docs[i]!.version);
    return out;
  }

  async upsert(docs: SearchDoc[]): Promise<void> {
    for (const d of docs) this.add(d);
    this.maybeCompact();
  }

  async remove(ids: string[]): Promise<void> {
    for (const id of ids) this.retire(id);
    this.maybeCompact();
  }

  /** Synchronous add, used by bulk builds (the benchmark's 100k build) and by upsert. */
  add(doc: SearchDoc): void {
    this.retire(doc.id);
    const i = this.docs.length;
    this.docs.push(doc);
    this.titles.push(normalize(doc.title));
    this.keywordSets.push(new Set(doc.keywords.map(normalize)));
    this.byId.set(doc.id, i);
    this.alive++;
    for (const name of Object.keys(this.cat) as CategoricalName[]) this.cat[name].set(i, doc[name]);
    this.ipTypes.set(i, doc.ipTypes);
    this.challenge.set(i, doc.challenge ? 1 : 0);
    this.price.set(i, doc.priceFen ?? NaN);
    this.published.set(i, doc.publishedAt);

    const weights = new Map<string, number>();
    const addText = (text: string, w: number, unigrams: boolean) => {
      for (const t of indexTokens(text, unigrams)) weights.set(t, (weights.get(t) ?? 0) + w);
    };
    addText(doc.title, WEIGHTS.title, true);
    for (const k of doc.keywords) addText(k, WEIGHTS.keywords, true);
    addText(doc.fieldText, WEIGHTS.fieldText, false);
    addText(doc.orgName, WEIGHTS.orgName, false);
    addText(doc.summary, WEIGHTS.summary, false);
    for (const [token, w] of weights) {
      let p = this.postings.get(token);
      if (!p) {
        p = new Postings();
        this.postings.set(token, p);
        if (isLatin(token)) this.addLatin(token);
      }
      p.push(i, w);
    }
  }

  private retire(id: string) {
    const old = this.byId.get(id);
    if (old === undefined) return;
    this.docs[old] = null;
    this.keywordSets[old] = null;
    this.byId.delete(id);
    this.alive--;
  }

  /** Rebuilds when retired numbers outnumber live ones, so posting lists do not fill with tombstones. */
  private maybeCompact() {
    const dead = this.docs.length - this.alive;
    if (dead < 1000 || dead < this.alive) return;
    const live = this.docs.filter((d): d is SearchDoc => d !== null);
    void this.clear();
    for (const d of live) this.add(d);
  }

  private addLatin(token: string) {
    const list = this.latinVocab.get(token.length) ?? [];
    list.push(token);
    this.latinVocab.set(token.length, list);
    this.latinSorted = null;
  }

  private sortedLatin(): string[] {
    this.latinSorted ??= [...this.latinVocab.values()].flat().sort();
    return this.latinSorted;
  }

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
    const facets = this.countFacets(query.facets, ids, n);
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
      facets[name] = this.countFacets([name], pool, m)[name];
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

  /** One closure per query that tests a document number against every filter. */
  private filterFn(f: SearchFilters): (i: number) => boolean {
    const tests: Array<(i: number) => boolean> = [];
    const cat = (name: CategoricalName, values: string[] | undefined) => {
      if (!values) return;
      const table = this.cat[name].wanted(values);
      const col = this.cat[name].col;
      tests.push((i) => table[col.data[i]] === 1);
    };
    if (f.kind) cat('kind', [f.kind]);
    cat('fieldCode', f.fieldCode);
    cat('subfieldCode', f.subfieldCode);
    cat('regionCode', f.regionCode);
    cat('submarketCode', f.submarketCode);
    cat('orgType', f.orgType);
    cat('stage', f.stage);
    cat('tradingMode', f.tradingMode);
    if (f.ipTypes) {
      const mask = this.ipTypes.mask(f.ipTypes);
      tests.push((i) => (this.ipTypes.col.data[i] & mask) !== 0);
    }
    if (f.ids) {
      const wanted = new Set(f.ids.map((id) => this.byId.get(id)).filter((i) => i !== undefined));
      tests.push((i) => wanted.has(i));
    }
    if (f.challenge !== undefined) {
      const want = f.challenge ? 1 : 0;
      tests.push((i) => this.challenge.data[i] === want);
    }
    if (f.priceMinFen !== undefined || f.priceMaxFen !== undefined) {
      const min = f.priceMinFen ?? -Infinity;
      const max = f.priceMaxFen ?? Infinity;
      // NaN (面议 without a figure) fails both comparisons, as a missing field does in Meilisearch.
      tests.push((i) => this.price.data[i] >= min && this.price.data[i] <= max);
    }
    if (f.publishedFrom !== undefined || f.publishedTo !== undefined) {
      const from = f.publishedFrom ?? -Infinity;
      const to = f.publishedTo ?? Infinity;
      tests.push((i) => this.published.data[i] >= from && this.published.data[i] <= to);
    }
    if (tests.length === 0) return () => true;
    if (tests.length === 1) return tests[0];
    return (i) => {
      for (const t of tests) if (!t(i)) return false;
      return true;
    };
  }

  private countFacets(names: readonly FacetName[], ids: Int32Array, n: number): EngineResult['facets'] {
    const out: EngineResult['facets'] = {};
    for (const name of names) {
      const counts: Record<string, number> = {};
      if (name === 'ipTypes') {
        const tally = new Uint32Array(32);
        const col = this.ipTypes.col.data;
        for (let k = 0; k < n; k++) {
          let mask = col[ids[k]];
          while (mask !== 0) {
            const bit = 31 - Math.clz32(mask);
            tally[bit]++;
            mask &= ~(1 << bit);
          }
        }
        this.ipTypes.values.forEach((v, bit) => tally[bit] > 0 && (counts[v] = tally[bit]));
      } else {
        const c = this.cat[name];
        const tally = new Uint32Array(c.values.length);
        const col = c.col.data;
        for (let k = 0; k < n; k++) tally[col[ids[k]]]++;
        for (let code = 1; code < tally.length; code++) if (tally[code] > 0) counts[c.values[code]] = tally[code];
      }
      out[name] = counts;
    }
    return out;
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

function isLatin(token: string): boolean {
  const c = token.charCodeAt(0);
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

function emptyFacets(names: readonly FacetName[]): EngineResult['facets'] {
  return Object.fromEntries(names.map((n) => [n, {}]));
}
