import crypto from 'node:crypto';
import { contractCorpus, describeEngineContract } from './search-engine.contract';
import { EmbeddedSearchEngine } from './embedded-engine';
import { MeiliSearchEngine, meiliSettings } from './meili-engine';
import { FakeMeilisearch } from './testing/fake-meilisearch';

describeEngineContract('embedded', async () => ({
  engine: new EmbeddedSearchEngine(),
  cleanup: async () => undefined,
}));

const fake = new FakeMeilisearch();
describeEngineContract('meilisearch adapter (local Meilisearch-compatible server)', async () => {
  await fake.start();
  const engine = new MeiliSearchEngine({
    host: fake.url,
    apiKey: fake.key,
    indexUid: `c_${crypto.randomBytes(4).toString('hex')}`,
  });
  return { engine, cleanup: () => fake.stop() };
});

// Against a real Meilisearch when one is configured: MEILI_HOST=http://127.0.0.1:7700 MEILI_MASTER_KEY=… npx jest search-engines
if (process.env.MEILI_HOST) {
  describeEngineContract(`meilisearch at ${process.env.MEILI_HOST}`, async () => {
    const uid = `contract_${crypto.randomBytes(4).toString('hex')}`;
    const engine = new MeiliSearchEngine({
      host: process.env.MEILI_HOST!,
      apiKey: process.env.MEILI_MASTER_KEY,
      indexUid: uid,
    });
    return { engine, cleanup: async () => undefined };
  });
}

describe('meilisearch adapter settings', () => {
  test('when the adapter starts, then it applies searchable, filterable, sortable, Chinese, dictionary, typo and ranking settings by code (no synonyms)', async () => {
    const server = new FakeMeilisearch();
    await server.start();
    try {
      const engine = new MeiliSearchEngine({ host: server.url, apiKey: server.key, indexUid: 'settings_check' });
      await engine.init();
      const s = server.settingsOf('settings_check')!;
      expect(s.localizedAttributes).toEqual([
        { attributePatterns: ['title', 'keywords', 'fieldText', 'orgName', 'summary'], locales: ['zho'] },
      ]);
      expect(s.filterableAttributes).toEqual(
        expect.arrayContaining(['fieldCode', 'regionCode', 'priceFen', 'ipTypes', 'publishedAt']),
      );
      expect(s.sortableAttributes).toEqual(['publishedAt', 'priceFen', 'completeness']);
      expect(s.rankingRules).toEqual(expect.arrayContaining(['attribute', 'exactness', 'completeness:desc']));
      // No typos on abbreviations and formulas (LiCoO2 is not LiCoO3), as in the embedded engine.
      expect((s.typoTolerance as { disableOnWords: string[] }).disableOnWords).toEqual(
        expect.arrayContaining(['lifepo4', 'igbt', 'licoo2']),
      );
      expect(s.dictionary).toEqual(expect.arrayContaining(['工业机器人', '石墨烯', '镁铝钛合金']));
      // No synonyms: Meilisearch would weigh a near term like the typed word; the wordings go per query.
      expect(s.synonyms).toEqual({});
      expect(s).toEqual(meiliSettings());
    } finally {
      await server.stop();
    }
  });

  test('when a query is searched, then one federated multi-search carries its wordings, the typed one at weight 1 and the others lower', async () => {
    const server = new FakeMeilisearch();
    await server.start();
    try {
      const engine = new MeiliSearchEngine({ host: server.url, apiKey: server.key, indexUid: 'wordings_check' });
      await engine.init();
      await engine.upsert(contractCorpus);
      const r = await engine.search({
        q: 'graphene',
        filters: {},
        facets: ['fieldCode'],
        sort: 'relevance',
        offset: 0,
        limit: 5,
      });
      expect(r.hits.map((h) => h.doc.id)).toEqual(['a4']);
      const sent = server.requests.filter((x) => x.path === '/multi-search').at(-1)!.body as {
        federation: { limit: number; facetsByIndex: Record<string, string[]> };
        queries: Array<{ q: string; federationOptions: { weight: number }; facets?: unknown }>;
      };
      expect(sent.federation).toMatchObject({ limit: 5, offset: 0, facetsByIndex: { wordings_check: ['fieldCode'] } });
      const weight = Object.fromEntries(sent.queries.map((x) => [x.q, x.federationOptions.weight]));
      expect(weight).toMatchObject({ graphene: 1, 石墨烯: 0.9 });
      expect(Math.max(...sent.queries.slice(1).map((x) => x.federationOptions.weight))).toBeLessThan(1);
      expect(sent.queries.every((x) => x.facets === undefined)).toBe(true);
    } finally {
      await server.stop();
    }
  });

  test('when the master key is wrong, then the adapter fails loudly instead of searching', async () => {
    const server = new FakeMeilisearch('right-key');
    await server.start();
    try {
      const engine = new MeiliSearchEngine({ host: server.url, apiKey: 'wrong-key', indexUid: 'auth_check' });
      await expect(engine.init()).rejects.toThrow();
    } finally {
      await server.stop();
    }
  });
});
