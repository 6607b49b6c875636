import type { EmbeddedSearchEngine } from '../embedded-engine';
import { HIGHLIGHT_POST, HIGHLIGHT_PRE, type SearchDoc, type SearchFilters } from '../search-engine';
import {
  compareDetails,
  DEFAULT_RULES,
  globalScore,
  rankDocument,
  weightedValues,
  type Detail,
} from './fake-meili-ranking';

/**
 * Search and federated multi-search of the local Meilisearch stand-in. The embedded engine (with the
 * index's `synonyms` setting as its only vocabulary) decides which documents match — the stand-in for
 * Meilisearch's matching; the order comes from the index's ranking rules (fake-meili-ranking.ts), never
 * from the embedded engine's scores.
 */
export interface FakeIndex {
  uid: string;
  engine: EmbeddedSearchEngine;
  settings: Record<string, unknown>;
}

export class MeiliError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Ranked {
  doc: SearchDoc;
  details: Detail[];
  formatted: { title: string; summary: string };
}

/** One query over one index: every matching document, ranked, and the facet counts asked for. */
export function runQuery(index: FakeIndex, body: Record<string, unknown>, parse: (f: unknown) => SearchFilters) {
  const filterable = new Set((index.settings.filterableAttributes as string[] | undefined) ?? []);
  const sortable = new Set((index.settings.sortableAttributes as string[] | undefined) ?? []);
  let filters: SearchFilters;
  try {
    filters = parse(body.filter);
  } catch (err) {
    throw new MeiliError(400, 'invalid_search_filter', (err as Error).message);
  }
  for (const f of (body.facets as string[] | undefined) ?? [])
    if (!filterable.has(f)) throw new MeiliError(400, 'invalid_search_facets', `Attribute \`${f}\` is not filterable.`);
  const sort = body.sort as string[] | undefined;
  for (const s of sort ?? [])
    if (!sortable.has(s.split(':')[0]))
      throw new MeiliError(400, 'invalid_search_sort', `Attribute \`${s}\` is not sortable.`);
  const q = String(body.q ?? '');
  const all = index.engine.searchSync({ q, filters, facets: [], sort: 'relevance', offset: 0, limit: 1_000_000 });
  const rules = (index.settings.rankingRules as string[] | undefined) ?? DEFAULT_RULES;
  const exactOnly = new Set(
    ((index.settings.typoTolerance as { disableOnWords?: string[] } | undefined)?.disableOnWords ?? []).map((w) =>
      w.toLowerCase(),
    ),
  );
  // Meilisearch's internal document ids follow insertion; ours by id stand in, so ties never inherit the
  // embedded engine's order.
  const ranked: Ranked[] = [...all.hits]
    .sort((a, b) => (a.doc.id < b.doc.id ? -1 : 1))
    .map((h) => ({
      doc: h.doc,
      details: rankDocument(h.doc, q, rules, sort, exactOnly),
      formatted: h.formatted,
    }));
  // Bucket sort by the rules in order; documents equal under every rule keep the index's internal order.
  ranked.sort((a, b) => -compareDetails(a.details, b.details, globalScore(a.details), globalScore(b.details)));
  return {
    ranked,
    facetDistribution: countFacets(
      ranked.map((r) => r.doc),
      (body.facets as string[]) ?? [],
    ),
  };
}

export function countFacets(docs: SearchDoc[], attrs: string[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const a of attrs) {
    const counts: Record<string, number> = {};
    for (const d of docs) {
      const v = (d as unknown as Record<string, unknown>)[a];
      for (const x of Array.isArray(v) ? v : [v])
        if (x !== null && x !== undefined) counts[String(x)] = (counts[String(x)] ?? 0) + 1;
    }
    out[a] = counts;
  }
  return out;
}

/** A hit as Meilisearch returns it: the document, `_formatted` with the requested tags, extra fields. */
export function hitOf(r: Ranked, body: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const pre = String(body.highlightPreTag ?? '<em>');
  const post = String(body.highlightPostTag ?? '</em>');
  const tags = (s: string) => s.replaceAll(HIGHLIGHT_PRE, pre).replaceAll(HIGHLIGHT_POST, post);
  return {
    ...r.doc,
    _formatted: { ...r.doc, title: tags(r.formatted.title), summary: tags(r.formatted.summary) },
    ...(body.showRankingScore ? { _rankingScore: globalScore(r.details) } : {}),
    ...extra,
  };
}

const PAGINATION = ['offset', 'limit', 'page', 'hitsPerPage'];

/**
 * `POST /multi-search` with `federation` (Meilisearch ≥ 1.10, facets ≥ 1.11): every query runs, hits merge in
 * descending weighted ranking score (rule by rule, ties to the earlier query), a document found by several
 * queries of one index is kept once at its best, pagination and facets apply to the merged list.
 */
export function federatedSearch(
  indexes: Map<string, FakeIndex>,
  body: { federation: Record<string, unknown>; queries: Array<Record<string, unknown>> },
  parse: (index: FakeIndex) => (f: unknown) => SearchFilters,
) {
  const fed = body.federation;
  const merged: Array<{ hit: Ranked; values: Detail[]; score: number; query: number; index: string; q: object }> = [];
  const candidates = new Map<string, Map<string, SearchDoc>>();
  body.queries.forEach((q, i) => {
    const p = PAGINATION.find((k) => q[k] !== undefined);
    if (p)
      throw new MeiliError(
        400,
        'invalid_multi_search_query_pagination',
        `Inside \`.queries[${i}]\`: Using pagination options is not allowed in federated queries.`,
      );
    if (q.facets !== undefined)
      throw new MeiliError(
        400,
        'invalid_multi_search_query_facets',
        `Inside \`.queries[${i}]\`: Using facets is not allowed in federated queries. Use \`federation.facetsByIndex\`.`,
      );
    const index = indexes.get(String(q.indexUid));
    if (!index)
      throw new MeiliError(
        400,
        'index_not_found',
        `Inside \`.queries[${i}]\`: Index \`${String(q.indexUid)}\` not found.`,
      );
    const weight = Number((q.federationOptions as { weight?: number } | undefined)?.weight ?? 1);
    if (!(weight >= 0))
      throw new MeiliError(400, 'invalid_multi_search_weight', `Inside \`.queries[${i}]\`: weight must be ≥ 0.`);
    const { ranked } = runQuery(index, q, parse(index));
    const seen = candidates.get(index.uid) ?? new Map<string, SearchDoc>();
    candidates.set(index.uid, seen);
    for (const r of ranked) {
      seen.set(r.doc.id, r.doc);
      merged.push({
        hit: r,
        values: weightedValues(r.details, weight),
        score: globalScore(r.details) * weight,
        query: i,
        index: index.uid,
        q,
      });
    }
  });
  merged.sort((a, b) => -compareDetails(a.values, b.values, a.score, b.score) || a.query - b.query);
  const kept = new Set<string>();
  const unique = merged.filter(
    (m) => !kept.has(`${m.index}\u0000${m.hit.doc.id}`) && !!kept.add(`${m.index}\u0000${m.hit.doc.id}`),
  );
  const total = [...candidates.values()].reduce((s, c) => s + c.size, 0);
  const paged = fed.page !== undefined || fed.hitsPerPage !== undefined;
  const hitsPerPage = Number(fed.hitsPerPage ?? 20);
  const page = Number(fed.page ?? 1);
  const offset = paged ? (page - 1) * hitsPerPage : Number(fed.offset ?? 0);
  const limit = paged ? hitsPerPage : Number(fed.limit ?? 20);
  const hits = unique.slice(offset, offset + limit).map((m) =>
    hitOf(m.hit, m.q as Record<string, unknown>, {
      _federation: { indexUid: m.index, queriesPosition: m.query, weightedRankingScore: m.score },
    }),
  );
  const facetsByIndex: Record<string, { distribution: Record<string, Record<string, number>>; stats: object }> = {};
  for (const [uid, attrs] of Object.entries((fed.facetsByIndex as Record<string, string[]> | undefined) ?? {})) {
    const index = indexes.get(uid);
    if (!index)
      throw new MeiliError(
        400,
        'index_not_found',
        `Inside \`.federation.facetsByIndex.${uid}\`: Index \`${uid}\` not found.`,
      );
    const filterable = new Set((index.settings.filterableAttributes as string[] | undefined) ?? []);
    const bad = attrs.find((a) => !filterable.has(a));
    if (bad)
      throw new MeiliError(
        400,
        'invalid_multi_search_facets',
        `Inside \`.federation.facetsByIndex.${uid}\`: Attribute \`${bad}\` is not filterable.`,
      );
    facetsByIndex[uid] = { distribution: countFacets([...(candidates.get(uid)?.values() ?? [])], attrs), stats: {} };
  }
  const facets = fed.mergeFacets
    ? { facetDistribution: mergeDistributions(Object.values(facetsByIndex).map((f) => f.distribution)), facetStats: {} }
    : Object.keys(facetsByIndex).length
      ? { facetsByIndex }
      : {};
  return {
    hits,
    processingTimeMs: 0,
    ...(paged
      ? { hitsPerPage, page, totalPages: Math.ceil(total / hitsPerPage), totalHits: total }
      : { limit, offset, estimatedTotalHits: total }),
    ...facets,
  };
}

function mergeDistributions(ds: Array<Record<string, Record<string, number>>>) {
  const out: Record<string, Record<string, number>> = {};
  for (const d of ds)
    for (const [attr, counts] of Object.entries(d))
      for (const [v, c] of Object.entries(counts)) (out[attr] ??= {})[v] = (out[attr][v] ?? 0) + c;
  return out;
}
