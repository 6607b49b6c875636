/**
 * The embedded engine's index: the documents, their posting lists (token → document numbers and weights),
 * the Latin vocabulary for prefix and typo expansion, and the columns filters, facets and sorts read. It
 * keeps them as documents are added, replaced and removed (compacting when retired numbers pile up) and
 * builds the per-query filter test over the columns. Querying is EmbeddedSearchEngine's (embedded-engine.ts),
 * which extends this class so its loops read these fields straight off `this`.
 */
import { Categorical, Column, IdList, MultiValued, Postings } from './embedded-index';
import type { SearchDoc, SearchFilters } from './search-engine';
import { HAN, indexTokens, keyOf } from './tokenizer';

/** Field weights: a match in the title counts four times one in the summary. */
const WEIGHTS = { title: 4, keywords: 3, fieldText: 1.5, orgName: 1, summary: 1 } as const;

export type CategoricalName =
  'kind' | 'fieldCode' | 'subfieldCode' | 'regionCode' | 'submarketCode' | 'orgType' | 'stage' | 'tradingMode';

export class EmbeddedStore {
  protected docs: Array<SearchDoc | null> = [];
  protected titles: string[] = [];
  protected keywordSets: Array<Set<string> | null> = [];
  protected byId = new Map<string, number>();
  protected postings = new Map<string, Postings>();
  /**
   * Title tokens and whole keywords → document numbers: which listings are about a wording is read off these
   * short lists instead of testing every matching listing's title (at 100k listings that test was ~¾ of a
   * broad query's time).
   */
  private titleDocs = new Map<string, IdList>();
  private keywordDocs = new Map<string, IdList>();
  private marks = new Uint8Array(0);
  protected latinVocab = new Map<number, string[]>();
  private latinSorted: string[] | null = [];
  protected alive = 0;
  protected readonly cat: Record<CategoricalName, Categorical> = {
    kind: new Categorical(),
    fieldCode: new Categorical(),
    subfieldCode: new Categorical(),
    regionCode: new Categorical(),
    submarketCode: new Categorical(),
    orgType: new Categorical(),
    stage: new Categorical(),
    tradingMode: new Categorical(),
  };
  protected readonly ipTypes = new MultiValued();
  protected readonly challenge = new Column((n) => new Uint8Array(n));
  protected readonly price = new Column((n) => new Float64Array(n));
  protected readonly published = new Column((n) => new Float64Array(n));
  /** How fully a listing is described (0–6), a tie-breaker between equally relevant listings. */
  protected readonly completeness = new Column((n) => new Uint8Array(n));

  async clear(): Promise<void> {
    this.docs = [];
    this.titles = [];
    this.keywordSets = [];
    this.byId.clear();
    this.postings.clear();
    this.titleDocs.clear();
    this.keywordDocs.clear();
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
    // As lookup keys, space-padded, so a wording is found whole: " graphene ink " holds " graphene ".
    this.titles.push(` ${keyOf(doc.title)} `);
    const keywords = new Set(doc.keywords.map(keyOf));
    this.keywordSets.push(keywords);
    const listOf = (m: Map<string, IdList>, k: string) => m.get(k) ?? m.set(k, new IdList()).get(k)!;
    for (const t of new Set(indexTokens(doc.title))) listOf(this.titleDocs, t).push(i);
    for (const k of keywords) listOf(this.keywordDocs, k).push(i);
    this.byId.set(doc.id, i);
    this.alive++;
    for (const name of Object.keys(this.cat) as CategoricalName[]) this.cat[name].set(i, doc[name]);
    this.ipTypes.set(i, doc.ipTypes);
    this.challenge.set(i, doc.challenge ? 1 : 0);
    this.price.set(i, doc.priceFen ?? NaN);
    this.published.set(i, doc.publishedAt);
    this.completeness.set(i, completeness(doc));

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

  /**
   * Marks the listings whose title holds a wording (bit 1: `inTitle`, found through its tokens' title lists
   * and then tested) or that have it as a keyword (bit 2). Returns the marks and the numbers to unmark.
   */
  protected markAbout(whole: string, inTitle: string, tokens: string[]): { marks: Uint8Array; touched: number[] } {
    if (this.marks.length < this.docs.length) this.marks = new Uint8Array(this.docs.length * 2);
    const touched: number[] = [];
    // Single characters have no title list (titles are indexed by bigrams): the other tokens narrow it.
    const lists = tokens.filter((t) => [...t].length > 1 || !HAN.test(t)).map((t) => this.titleDocs.get(t));
    if (lists.length && lists.every((l) => l)) {
      const sorted = (lists as IdList[]).sort((a, b) => a.n - b.n);
      const [first, ...rest] = sorted;
      for (let k = 0; k < first.n; k++) {
        const i = first.ids[k];
        if (rest.every((l) => l.has(i)) && this.titles[i].includes(inTitle)) {
          this.marks[i] |= 1;
          touched.push(i);
        }
      }
    }
    const kw = this.keywordDocs.get(whole);
    for (let k = 0; kw && k < kw.n; k++) {
      if (this.marks[kw.ids[k]] === 0) touched.push(kw.ids[k]);
      this.marks[kw.ids[k]] |= 2;
    }
    return { marks: this.marks, touched };
  }

  private addLatin(token: string) {
    const list = this.latinVocab.get(token.length) ?? [];
    list.push(token);
    this.latinVocab.set(token.length, list);
    this.latinSorted = null;
  }

  protected sortedLatin(): string[] {
    this.latinSorted ??= [...this.latinVocab.values()].flat().sort();
    return this.latinSorted;
  }

  /** One closure per query that tests a document number against every filter. */
  protected filterFn(f: SearchFilters): (i: number) => boolean {
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
}

function isLatin(token: string): boolean {
  const c = token.charCodeAt(0);
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/** Parts of a listing a reader uses to judge it: keywords, a real summary, a price, IP, maturity, sub-field. */
export function completeness(d: SearchDoc): number {
  return (
    Number(d.keywords.length >= 2) +
    Number([...d.summary].length >= 60) +
    Number(d.priceFen !== null || d.negotiable) +
    Number(d.ipTypes.length > 0) +
    Number(d.trl !== null || d.stage !== null) +
    Number(d.subfieldCode !== null)
  );
}
