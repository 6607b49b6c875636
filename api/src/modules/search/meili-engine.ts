import type { Index, Settings } from 'meilisearch/dist/index';
import type * as MeiliClient from 'meilisearch/dist/index';
import { technicalFields } from '../../shared/taxonomy';
import { facetFilterKey } from './embedded-facets';
import { completeness } from './embedded-store';
import { defaultLexicon } from './lexicon';
import { weightedWordings } from './meili-query';
import {
  HIGHLIGHT_POST,
  HIGHLIGHT_PRE,
  type EngineQuery,
  type EngineResult,
  type SearchDoc,
  type SearchEngine,
  type SearchFilters,
} from './search-engine';

/**
 * The client ships ESM only and declares its types through `exports`, which this CommonJS build
 * (moduleResolution node10) cannot read; Node ≥ 20.19 loads it with require(), Jest transforms it
 * (jest.config.js), and the types come from the declaration file's own path.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Meilisearch } = require('meilisearch') as typeof MeiliClient;

/** Engine facet name → stored attribute. */
const facetAttribute = (name: string) => name;

/**
 * Settings applied by code at start-up: what is searched (in weight order), filtered and sorted, Chinese
 * segmentation for the text attributes, the field taxonomy as a dictionary (so 工业机器人 is one word to the
 * segmenter), typo budgets and ranking rules that put what a
 * listing is about first.
 */
export function meiliSettings(): Settings {
  const dictionary = new Set<string>();
  for (const f of technicalFields) {
    dictionary.add(f.zh);
    for (const c of f.children) dictionary.add(c.zh);
  }
  const lexicon = defaultLexicon();
  return {
    searchableAttributes: ['title', 'keywords', 'fieldText', 'orgName', 'summary'],
    filterableAttributes: [
      'id',
      'kind',
      'fieldCode',
      'subfieldCode',
      'regionCode',
      'submarketCode',
      'orgType',
      'stage',
      'ipTypes',
      'tradingMode',
      'challenge',
      'priceFen',
      'publishedAt',
    ],
    sortableAttributes: ['publishedAt', 'priceFen', 'completeness'],
    // Aboutness as the embedded engine ranks: all words first, then where they stand (title, keywords,
    // field labels, organisation, summary — the searchable order), exact words above synonyms, and only
    // then proximity; completeness and recency break ties.
    rankingRules: [
      'words',
      'typo',
      'attribute',
      'exactness',
      'proximity',
      'sort',
      'completeness:desc',
      'publishedAt:desc',
    ],
    // Meilisearch's default budgets (as the embedded engine's): none below 5 letters, 1 from 5, 2 from 9; and
    // none on abbreviations and formulas, where one letter off is another thing.
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      disableOnWords: lexicon.exactWords(),
    },
    localizedAttributes: [
      { attributePatterns: ['title', 'keywords', 'fieldText', 'orgName', 'summary'], locales: ['zho'] },
    ],
    dictionary: [...dictionary],
    // No synonyms: Meilisearch weighs a synonym like the word itself, near terms included (set B nDCG@10
    // 0.957 with all of them here). The glossary and thesaurus reach Meilisearch as weighted wordings of each
    // query instead, merged by a federated multi-search (meili-query.ts); an empty object clears what an
    // older version of this adapter stored.
    synonyms: {},
    faceting: { maxValuesPerFacet: 200 },
    // Exact totals and facet counts for the page sizes we allow (50 pages × 50).
    pagination: { maxTotalHits: 100_000 },
  };
}

const quote = (v: string) => JSON.stringify(v);

/** Our filters in Meilisearch's filter syntax (AND of clauses; several values of one attribute OR-ed by IN). */
export function meiliFilter(f: SearchFilters): string[] {
  const out: string[] = [];
  const inList = (attr: string, values: string[] | undefined) => {
    if (values) out.push(`${attr} IN [${values.map(quote).join(', ')}]`);
  };
  if (f.kind) out.push(`kind = ${quote(f.kind)}`);
  inList('id', f.ids);
  inList('fieldCode', f.fieldCode);
  inList('subfieldCode', f.subfieldCode);
  inList('regionCode', f.regionCode);
  inList('submarketCode', f.submarketCode);
  inList('orgType', f.orgType);
  inList('stage', f.stage);
  inList('ipTypes', f.ipTypes);
  inList('tradingMode', f.tradingMode);
  if (f.challenge !== undefined) out.push(`challenge = ${f.challenge}`);
  if (f.priceMinFen !== undefined) out.push(`priceFen >= ${f.priceMinFen}`);
  if (f.priceMaxFen !== undefined) out.push(`priceFen <= ${f.priceMaxFen}`);
  if (f.publishedFrom !== undefined) out.push(`publishedAt >= ${f.publishedFrom}`);
  if (f.publishedTo !== undefined) out.push(`publishedAt <= ${f.publishedTo}`);
  return out;
}

export interface MeiliOptions {
  host: string;
  apiKey?: string;
  indexUid?: string;
  /** How long to wait for an indexing task (ms). */
  taskTimeoutMs?: number;
}

/** The production engine: a Meilisearch index through the official client. */
export class MeiliSearchEngine implements SearchEngine {
  readonly name = 'meilisearch';
  private readonly client: MeiliClient.Meilisearch;
  private readonly index: Index<SearchDoc>;
  private readonly timeout: number;

  constructor(private readonly opts: MeiliOptions) {
    this.client = new Meilisearch({ host: opts.host, apiKey: opts.apiKey, timeout: 10_000 });
    this.index = this.client.index<SearchDoc>(opts.indexUid ?? 'listings');
    this.timeout = opts.taskTimeoutMs ?? 30_000;
  }

  private async wait(task: ReturnType<Index['addDocuments']>) {
    const done = await task.waitTask({ timeout: this.timeout, interval: 25 });
    if (done.status !== 'succeeded')
      throw new Error(`Meilisearch task ${done.uid} ${done.status}: ${done.error?.message ?? ''}`);
  }

  async init(): Promise<void> {
    const uid = this.opts.indexUid ?? 'listings';
    try {
      await this.client.getRawIndex(uid);
    } catch {
      await this.wait(this.client.createIndex(uid, { primaryKey: 'id' }));
    }
    await this.wait(this.index.updateSettings(meiliSettings()));
  }

  async upsert(docs: SearchDoc[]): Promise<void> {
    // `completeness` is stored for the ranking rule that breaks ties with it; reads strip it again.
    const stored = docs.map((d) => ({ ...d, completeness: completeness(d) }));
    if (docs.length) await this.wait(this.index.addDocuments(stored, { primaryKey: 'id' }));
  }

  async remove(ids: string[]): Promise<void> {
    if (ids.length) await this.wait(this.index.deleteDocuments(ids));
  }

  async clear(): Promise<void> {
    await this.wait(this.index.deleteAllDocuments());
  }

  async search(query: EngineQuery): Promise<EngineResult> {
    const sort =
      query.sort === 'newest' || (query.sort === 'relevance' && !query.q.trim())
        ? ['publishedAt:desc']
        : query.sort === 'price_asc'
          ? ['priceFen:asc']
          : query.sort === 'price_desc'
            ? ['priceFen:desc']
            : undefined;
    const limit = Math.max(1, query.limit);
    const filter = meiliFilter(query.filters);
    // The wordings of the query (typed, translations, synonyms, near terms), one weighted query each.
    const wordings = query.q.trim() ? weightedWordings(query.q, query.filters.fieldCode) : [];
    const queries = (filters: SearchFilters) =>
      wordings.map((w) => ({
        indexUid: this.index.uid,
        q: w.q,
        filter: [...meiliFilter(filters), ...(w.fields ? [`fieldCode IN [${w.fields.map(quote).join(', ')}]`] : [])],
        sort,
        // Every word must match, as the port's contract says (Meilisearch's default, `last`, drops words
        // from the end when too few documents match all of them).
        matchingStrategy: 'all' as const,
        federationOptions: { weight: w.weight },
      }));
    const display = {
      attributesToHighlight: ['title', 'summary'],
      attributesToCrop: ['summary'],
      cropLength: 60,
      cropMarker: '…',
      highlightPreTag: HIGHLIGHT_PRE,
      highlightPostTag: HIGHLIGHT_POST,
    };
    const facetAttrs = query.facets.map(facetAttribute);
    let res: FederatedResponse;
    if (wordings.length) {
      res = (await this.client.multiSearch({
        federation: { offset: query.offset, limit, facetsByIndex: { [this.index.uid]: facetAttrs } },
        queries: queries(query.filters).map((q) => ({ ...q, ...display })),
      })) as unknown as FederatedResponse;
    } else {
      // No words: a placeholder search, ordered by the sort alone.
      const r = await this.index.search('', { filter, facets: facetAttrs, sort, offset: query.offset, limit });
      res = {
        ...r,
        facetsByIndex: { [this.index.uid]: { distribution: r.facetDistribution ?? {} } },
      } as FederatedResponse;
    }
    const counts = (r: FederatedResponse, name: string) => ({
      ...(r.facetsByIndex?.[this.index.uid]?.distribution?.[facetAttribute(name)] ?? {}),
    });
    const facets: EngineResult['facets'] = {};
    for (const name of query.facets) facets[name] = counts(res, name);
    // Disjunctive facets, as the embedded engine: each facet the query filters on is counted without its own
    // filter (one more round trip per such facet, in parallel).
    const disjunctive = query.facets.filter((name) => query.filters[facetFilterKey[name]] !== undefined);
    await Promise.all(
      disjunctive.map(async (name) => {
        const without = { ...query.filters, [facetFilterKey[name]]: undefined };
        const attrs = { [this.index.uid]: [facetAttribute(name)] };
        const r = (wordings.length
          ? await this.client.multiSearch({ federation: { limit: 0, facetsByIndex: attrs }, queries: queries(without) })
          : await this.client.multiSearch({
              federation: { limit: 0, facetsByIndex: attrs },
              queries: [{ indexUid: this.index.uid, q: '', filter: meiliFilter(without) }],
            })) as unknown as FederatedResponse;
        facets[name] = counts(r, name);
      }),
    );
    return {
      total: res.estimatedTotalHits ?? res.totalHits ?? res.hits.length,
      facets,
      hits: res.hits.map(({ _formatted, ...doc }) => ({
        doc: stripMeta(doc as SearchDoc),
        formatted: { title: _formatted?.title ?? doc.title, summary: _formatted?.summary ?? doc.summary },
      })),
    };
  }

  async versions(): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let offset = 0; ; offset += 1000) {
      const page = await this.index.getDocuments<Pick<SearchDoc, 'id' | 'version'>>({
        fields: ['id', 'version'],
        limit: 1000,
        offset,
      });
      for (const d of page.results) out.set(d.id, d.version);
      if (page.results.length < 1000) return out;
    }
  }

  async get(id: string): Promise<SearchDoc | null> {
    try {
      return stripMeta(await this.index.getDocument(id));
    } catch (err) {
      if ((err as { cause?: { code?: string } }).cause?.code === 'document_not_found') return null;
      throw err;
    }
  }

  async count(): Promise<number> {
    return (await this.index.getStats()).numberOfDocuments;
  }

  async ping(): Promise<boolean> {
    return this.client.isHealthy();
  }

  async close(): Promise<void> {}
}

/** The part of a (federated) search response the adapter reads. */
interface FederatedResponse {
  hits: Array<SearchDoc & { _formatted?: Partial<Record<'title' | 'summary', string>> }>;
  estimatedTotalHits?: number;
  totalHits?: number;
  facetsByIndex?: Record<string, { distribution?: Record<string, Record<string, number>> }>;
}

function stripMeta(doc: SearchDoc): SearchDoc {
  const out = { ...doc } as Record<string, unknown>;
  for (const k of Object.keys(out)) if (k.startsWith('_') || k === 'completeness') delete out[k];
  return out as unknown as SearchDoc;
}
