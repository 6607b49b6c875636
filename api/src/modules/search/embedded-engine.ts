import { intersect, lookupWithin, restrict, union, type Matches } from './embedded-index';
import { countFacets, emptyFacets, facetFilterKey } from './embedded-facets';
import { EmbeddedStore } from './embedded-store';
import { topK } from './embedded-topk';
import { highlightText, snippet } from './highlight';
import { HIGHLIGHT_PRE, type EngineHit, type EngineQuery, type EngineResult, type SearchEngine } from './search-engine';
import { defaultLexicon, type Concept, type Lexicon } from './lexicon';
import { editDistance, HAN, keyOf, normalize, queryTerms, typoBudget, type QueryTerm } from './tokenizer';

/** BM25-style saturation: repeated occurrences add less and less. */
const K = 1.2;
const PREFIX_FACTOR = 0.8;
const TYPO_FACTOR = 0.6;
const MAX_EXPANSIONS = 30;
/**
 * Aboutness: where a whole wording stands multiplies its score. A wording in the title or among the
 * keywords is what the listing is about; one only in the summary is mentioned. The gaps are wider than any
 * alternative's weight (0.5–0.9) and than the token weights' range within a place (0.45–0.85), so an
 * exact title match beats a synonym's, and a near term in the title still beats a passing mention.
 */
const PLACE = { titleAndKeyword: 4.5, title: 4, keyword: 3, text: 1 } as const;
/** An ambiguous abbreviation's reading off the listing's field (PLC as 电力线载波 for a robot listing). */
const OFF_FIELD_FACTOR = 0.5;
/**
 * A broader wording (协作机器人 → 工业机器人, where the query is a near term of it) finds siblings (焊接机器人) and
 * general listings: no aboutness lift and 0.3 of its weight keeps it ≤ 0.15 × saturation, below any wording
 * of the query itself (≥ 0.4 × a summary token's saturation).
 */
const BROADER_FACTOR = 0.3;

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
    private lexicon: Lexicon = defaultLexicon(),
    /** Off only in the local Meilisearch stand-in, which counts facets over the filtered result as Meilisearch does. */
    private readonly disjunctiveFacets = true,
  ) {
    super();
  }

  async init(): Promise<void> {}

  /** Replaces the query vocabulary (the local Meilisearch stand-in mirrors an index's `synonyms` setting). */
  setLexicon(lexicon: Lexicon): void {
    this.lexicon = lexicon;
  }
  async ping(): Promise<boolean> {
    return true;
  }
  async close(): Promise<void> {}

  /**
   * Matches of one index token, scored in (0, factor): the field weights it occurs with, saturating. No
   * IDF: every concept of a query must match anyway, and a rare synonym should not outrank the typed word.
   */
  private tokenMatches(token: string, factor: number, within: Matches | null = null): Matches | null {
    const p = this.postings.get(token);
    if (!p) return null;
    // Only listings the query's other concepts left can matter: with few of those, look them up in the
    // posting list (ascending) instead of scoring all of it — a broad alternative of a selective query.
    if (within && within.n * 16 < p.n) return lookupWithin(p, within, (w) => (factor * w) / (w + K));
    const scores = new Float64Array(p.n);
    for (let i = 0; i < p.n; i++) {
      const w = p.weights[i];
      scores[i] = (factor * w) / (w + K);
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
    const budget = this.lexicon.isExactWord(word) ? 0 : typoBudget(word);
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

  private termMatches(term: QueryTerm, last: boolean, matched: Set<string>, within: Matches | null): Matches | null {
    if (term.cjk) {
      const tokens = new Set(term.tokens);
      let acc: Matches | null = null;
      // Each bigram scores 1/n of the term, so a long Chinese term weighs as much as one Latin word.
      for (const token of tokens) {
        const m = this.tokenMatches(token, 1 / tokens.size, within);
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
    return union(expansions.map((e) => this.tokenMatches(e.token, e.factor, within)!));
  }

  /**
   * One wording (typed or an alternative): its words AND-ed, scored by `weight`, and lifted when the
   * whole wording stands in the title or is a keyword (the listing is about it, not merely mentioning it).
   */
  private wordingMatches(
    text: string,
    last: boolean,
    matched: Set<string>,
    weight: number,
    within: Matches | null,
    aboutness = true,
  ): Matches | null {
    const own = new Set<string>();
    let acc: Matches | null = null;
    const terms = queryTerms(text);
    for (const t of terms) {
      const m = this.termMatches(t, last, own, within);
      if (!m) return null;
      acc = acc ? intersect(acc, m) : m;
      if (acc.n === 0) return acc;
    }
    if (!acc) return null;
    for (const t of own) matched.add(t);
    // Only listings the query's other concepts already matched can be in the result: score just those.
    if (within) acc = restrict(acc, within);
    const key = keyOf(text);
    const whole = [...key].length > 1 ? key : null;
    // A Chinese wording anywhere in the title; a Latin one as whole words (" dr " is not in " drone ").
    const inTitle = whole && (HAN.test(whole[0]) ? whole : ` ${whole} `);
    const longer = whole ? this.lexicon.distinctLonger(whole) : [];
    const out: Matches = { ids: new Int32Array(acc.n), scores: new Float64Array(acc.n), n: 0 };
    const about =
      aboutness && whole
        ? this.markAbout(
            whole,
            inTitle!,
            terms.flatMap((t) => t.tokens),
          )
        : null;
    for (let k = 0; k < acc.n; k++) {
      const i = acc.ids[k];
      // 石墨 inside 石墨烯 is not an occurrence of 石墨 (nor 机器 of 机器人): without another, no match.
      if (longer.length && !this.occursOutside(i, whole!, longer)) continue;
      // Where the wording stands decides first — a listing about it (title, keywords) above one that
      // mentions it — and the token weights refine within a place. A several-word wording is one concept.
      const mark = about ? about.marks[i] : 0;
      const place =
        mark === 3 ? PLACE.titleAndKeyword : mark === 1 ? PLACE.title : mark === 2 ? PLACE.keyword : PLACE.text;
      out.ids[out.n] = i;
      out.scores[out.n++] = (weight * place * acc.scores[k]) / terms.length;
    }
    for (const i of about?.touched ?? []) about!.marks[i] = 0;
    return out;
  }

  private occursOutside(i: number, term: string, longer: string[]): boolean {
    const d = this.docs[i];
    if (!d) return false;
    let text = `${this.titles[i]} ${[...(this.keywordSets[i] ?? [])].join(' ')} ${normalize(d.summary)}`;
    for (const l of longer) text = text.replaceAll(l, ' ');
    return text.includes(term);
  }

  /** A concept: the typed wording OR any alternative (scored lower, and lower still off its field). */
  private conceptMatches(c: Concept, last: boolean, matched: Set<string>, within: Matches | null): Matches | null {
    const lists: Matches[] = [];
    const own = this.wordingMatches(c.text, last, matched, 1, within);
    if (own && own.n > 0) lists.push(own);
    for (const alt of c.alternatives) {
      const weight = alt.broader ? alt.weight * BROADER_FACTOR : alt.weight;
      const m = this.wordingMatches(alt.text, false, matched, weight, within, !alt.broader);
      if (!m || m.n === 0) continue;
      if (alt.fields) {
        const table = this.cat.fieldCode.wanted(alt.fields);
        const col = this.cat.fieldCode.col.data;
        for (let k = 0; k < m.n; k++) if (table[col[m.ids[k]]] !== 1) m.scores[k] *= OFF_FIELD_FACTOR;
      }
      lists.push(m);
    }
    if (lists.length === 0) return own;
    return union(lists);
  }

  private estimate(c: Concept): number {
    let n = Infinity;
    for (const t of queryTerms(c.text)) for (const token of t.tokens) n = Math.min(n, this.postings.get(token)?.n ?? n);
    return n;
  }

  async search(query: EngineQuery): Promise<EngineResult> {
    return this.searchSync(query);
  }

  searchSync(query: EngineQuery): EngineResult {
    const concepts = this.lexicon.expand(query.q, query.filters.fieldCode);
    const matchedTerms = new Set<string>();
    let candidates: Matches | null = null;
    // The most selective concept first (by its typed wording's rarest token), so the others score only
    // the listings it left.
    const byCost = concepts.map((_, t) => t).sort((a, b) => this.estimate(concepts[a]) - this.estimate(concepts[b]));
    for (const t of byCost) {
      const m = this.conceptMatches(concepts[t], t === concepts.length - 1, matchedTerms, candidates);
      if (!m) return { hits: [], total: 0, facets: emptyFacets(query.facets) };
      candidates = candidates ? intersect(candidates, m) : m;
      if (candidates.n === 0) break;
    }
    const accept = this.filterFn(query.filters);
    // Survivors of the filters, with their scores.
    const ids = new Int32Array(candidates ? candidates.n : this.docs.length);
    const scores = new Float64Array(ids.length);
    let n = 0;
    if (candidates) {
      for (let k = 0; k < candidates.n; k++) {
        const i = candidates.ids[k];
        if (this.docs[i] === null || !accept(i)) continue;
        ids[n] = i;
        scores[n++] = candidates.scores[k];
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
    const order = topK(query, ids, scores, n, {
      docs: this.docs,
      price: this.price.data,
      published: this.published.data,
      completeness: this.completeness.data,
    });
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
}
