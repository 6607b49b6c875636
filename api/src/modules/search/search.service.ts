import { facetNames, type SearchHitDto, type SearchQuery, type SearchResponseDto } from '../../shared/search-schemas';
import {
  markersToHtml,
  type EngineQuery,
  type SearchDoc,
  type SearchEngine,
  type SearchFilters,
} from './search-engine';
import { TermVocabulary } from './term-vocabulary';

/** Below this many hits a same-sound correction of the query is tried (a near-empty page is the typo's sign). */
const FEW_HITS = 3;

/** Dates in the query are calendar days in China Standard Time. */
const dayStart = (d: string) => Date.parse(`${d}T00:00:00+08:00`);
const dayEnd = (d: string) => Date.parse(`${d}T23:59:59.999+08:00`);

export function filtersOf(q: Partial<SearchQuery>): SearchFilters {
  return {
    kind: q.kind,
    fieldCode: q.fieldCode,
    subfieldCode: q.subfieldCode,
    regionCode: q.regionCode,
    submarketCode: q.submarketCode,
    orgType: q.orgType,
    stage: q.stage,
    ipTypes: q.ipType,
    tradingMode: q.tradingMode,
    challenge: q.challenge,
    priceMinFen: q.priceMinFen,
    priceMaxFen: q.priceMaxFen,
    publishedFrom: q.publishedFrom ? dayStart(q.publishedFrom) : undefined,
    publishedTo: q.publishedTo ? dayEnd(q.publishedTo) : undefined,
  };
}

/** The public card of an indexed listing (every field here is public by construction of SearchDoc). */
export function presentHit(doc: SearchDoc): Omit<SearchHitDto, 'highlight'> {
  return {
    id: doc.id,
    kind: doc.kind,
    title: doc.title,
    summary: doc.summary.length > 160 ? `${[...doc.summary].slice(0, 160).join('')}…` : doc.summary,
    keywords: doc.keywords,
    fieldCode: doc.fieldCode,
    subfieldCode: doc.subfieldCode,
    regionCode: doc.regionCode,
    submarketCode: doc.submarketCode,
    org: { id: doc.orgId, name: doc.orgName, type: doc.orgType },
    stage: doc.stage,
    trl: doc.trl,
    ipTypes: doc.ipTypes,
    tradingMode: doc.tradingMode,
    priceFen: doc.priceFen,
    negotiable: doc.negotiable,
    challenge:
      doc.challenge && doc.challengeRewardFen !== null && doc.challengeClosesAt !== null
        ? { rewardFen: doc.challengeRewardFen, closesAt: new Date(doc.challengeClosesAt).toISOString() }
        : null,
    publishedAt: new Date(doc.publishedAt).toISOString(),
  };
}

export class SearchService {
  constructor(
    readonly engine: SearchEngine,
    readonly vocabulary: TermVocabulary = new TermVocabulary(),
  ) {}

  engineQuery(q: SearchQuery, facets = facetNames): EngineQuery {
    return {
      q: q.q,
      filters: filtersOf(q),
      facets,
      sort: q.sort,
      offset: (q.page - 1) * q.pageSize,
      limit: q.pageSize,
    };
  }

  /**
   * A query with few or no hits is checked for same-sound typos (石墨稀 → 石墨烯). With no hits the corrected
   * query's results are shown and `correctedFrom` says what was typed; with a few, `didYouMean` offers it.
   */
  async search(q: SearchQuery): Promise<SearchResponseDto> {
    const started = performance.now();
    let r = await this.engine.search(this.engineQuery(q));
    let correctedFrom: string | undefined;
    let didYouMean: SearchResponseDto['didYouMean'];
    const corrected = q.q && !q.asTyped && r.total < FEW_HITS ? this.vocabulary.correct(q.q) : null;
    if (corrected) {
      const better = await this.engine.search(this.engineQuery({ ...q, q: corrected }));
      if (better.total > r.total && r.total === 0) [r, correctedFrom] = [better, q.q];
      else if (better.total > r.total) didYouMean = { q: corrected, total: better.total };
    }
    return {
      ...(correctedFrom ? { correctedFrom, q: corrected! } : {}),
      ...(didYouMean ? { didYouMean } : {}),
      hits: r.hits.map((h) => ({
        ...presentHit(h.doc),
        highlight: { title: markersToHtml(h.formatted.title), summary: markersToHtml(h.formatted.summary) },
      })),
      total: r.total,
      page: q.page,
      pageSize: q.pageSize,
      facets: r.facets,
      tookMs: Math.round((performance.now() - started) * 10) / 10,
      engine: this.engine.name,
    };
  }

  /**
   * The search box: domain terms for pinyin or initials typed so far (shimoxi, smx → 石墨烯), and the best few
   * published listings for the text (or, when it is pinyin, for the first term it spells).
   */
  async suggest(prefix: string, kind?: 'achievement' | 'need') {
    const terms = this.vocabulary.fromPinyin(prefix);
    const text = terms.length ? terms[0] : prefix;
    const r = await this.engine.search({
      q: text,
      filters: { kind },
      facets: [],
      sort: 'relevance',
      offset: 0,
      limit: 8,
    });
    return {
      terms,
      suggestions: r.hits.map((h) => ({
        id: h.doc.id,
        kind: h.doc.kind,
        title: h.doc.title,
        highlight: markersToHtml(h.formatted.title),
      })),
    };
  }
}
