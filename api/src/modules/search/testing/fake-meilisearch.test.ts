/**
 * The local Meilisearch stand-in answers federated multi-search as Meilisearch documents it (≥ 1.10, facets
 * ≥ 1.11): weights multiply ranking scores, a document found by several queries of one index comes once at
 * its best, pagination and facets belong to `federation`, and what a federated query may not carry is refused.
 * Driven through the official client, as the adapter uses it.
 */
import type * as MeiliClient from 'meilisearch/dist/index';
import { contractCorpus } from '../search-engine.contract';
import { meiliSettings } from '../meili-engine';
import { FakeMeilisearch } from './fake-meilisearch';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Meilisearch } = require('meilisearch') as typeof MeiliClient;

const server = new FakeMeilisearch();
let client: MeiliClient.Meilisearch;
const uid = 'federation_check';

beforeAll(async () => {
  await server.start();
  client = new Meilisearch({ host: server.url, apiKey: server.key });
  await client.createIndex(uid, { primaryKey: 'id' }).waitTask();
  await client.index(uid).updateSettings(meiliSettings()).waitTask();
  await client.index(uid).addDocuments(contractCorpus).waitTask();
});
afterAll(() => server.stop());

type Federated = {
  hits: Array<{ id: string; _federation: { queriesPosition: number; weightedRankingScore: number } }>;
  estimatedTotalHits: number;
  facetsByIndex?: Record<string, { distribution: Record<string, Record<string, number>> }>;
};
const federated = async (queries: Array<{ q: string; weight: number }>, federation: object = {}) =>
  (await client.multiSearch({
    federation,
    queries: queries.map((x) => ({ indexUid: uid, q: x.q, federationOptions: { weight: x.weight } })),
  })) as unknown as Federated;

test('when two queries of one index find the same listing, then it comes once, at its better weighted score', async () => {
  const r = await federated([
    { q: '机器人', weight: 0.5 },
    { q: '协作机器人', weight: 1 },
  ]);
  const ids = r.hits.map((h) => h.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids[0]).toBe('a2');
  expect(r.hits[0]._federation.queriesPosition).toBe(1);
  // Listings only the half-weight query finds score at most half.
  for (const h of r.hits.slice(1)) expect(h._federation.weightedRankingScore).toBeLessThanOrEqual(0.5);
  expect(r.estimatedTotalHits).toBe(4);
});

test('when a weight is lowered, then that query’s listings fall below the other’s', async () => {
  const ids = async (w: number) =>
    (
      await federated([
        { q: '铝合金', weight: 1 },
        { q: 'graphene', weight: w },
      ])
    ).hits.map((h) => h.id);
  expect((await ids(0.5)).at(-1)).toBe('a4');
  expect((await ids(1.5))[0]).toBe('a4');
});

test('when pages and facets are asked of the federation, then they apply to the merged list', async () => {
  const queries = [
    { q: '机器人', weight: 1 },
    { q: '铝合金', weight: 0.8 },
  ];
  const all = await federated(queries, { limit: 20, facetsByIndex: { [uid]: ['kind'] } });
  const page2 = await federated(queries, { offset: 2, limit: 2 });
  expect(page2.hits.map((h) => h.id)).toEqual(all.hits.slice(2, 4).map((h) => h.id));
  expect(all.estimatedTotalHits).toBe(6);
  expect(all.facetsByIndex?.[uid].distribution.kind).toEqual({ achievement: 4, need: 2 });
});

test('when a federated query carries its own pagination or facets, then it is refused as Meilisearch refuses it', async () => {
  const bad = (extra: object) =>
    client.multiSearch({ federation: {}, queries: [{ indexUid: uid, q: '机器人', ...extra }] });
  await expect(bad({ limit: 5 })).rejects.toMatchObject({ cause: { code: 'invalid_multi_search_query_pagination' } });
  await expect(bad({ facets: ['kind'] })).rejects.toMatchObject({
    cause: { code: 'invalid_multi_search_query_facets' },
  });
  await expect(
    client.multiSearch({
      federation: { facetsByIndex: { [uid]: ['title'] } },
      queries: [{ indexUid: uid, q: '机器人' }],
    }),
  ).rejects.toMatchObject({ cause: { code: 'invalid_multi_search_facets' } });
});
