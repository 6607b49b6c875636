import { facetNames, type SearchHitDto, type SearchQuery, type SearchResponseDto } from '../../shared/search-schemas';
import { markersToHtml, type EngineQuery, type SearchDoc, type SearchEngine, type SearchFilters } from './search-engine';

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
    challenge: doc.challenge && doc.challengeRewardFen !== null && doc.challengeClosesAt !== null
      ? { rewardFen: doc.challengeRewardFen, closesAt: new Date(doc.challengeClosesAt).toISOString() }
      : null,
    publishedAt: new Date(doc.publishedAt).toISOString(),
  };
}

export class SearchService {
  constructor(readonly engine: SearchEngine) {}

  engineQuery(q: SearchQuery, facets = facetNames): EngineQuery {
    return { q: q.q, filters: filtersOf(q), facets, sort: q.sort, offset: (q.page - 1) * q.pageSize, limit: q.pageSize };
  }

  async search(q: SearchQuery): Promise<SearchResponseDto> {
    const started = performance.now();
    const r = await this.engine.search(this.engineQuery(q));
    return {
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

  /** Title suggestions for the search box: the best few published listings for what was typed so far. */
  async suggest(prefix: string, kind?: 'achievement' | 'need') {
    const r = await this.engine.search({ q: prefix, filters: { kind }, facets: [], sort: 'relevance', offset: 0, limit: 8 });
    return { suggestions: r.hits.map((h) => ({ id: h.doc.id, kind: h.doc.kind, title: h.doc.title, highlight: markersToHtml(h.formatted.title) })) };
  }
}
