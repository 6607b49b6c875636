/**
 * Relevance on two hand-labelled sets, through SearchService as the API runs it: set A (the original 46
 * queries over 64 listings) and set B (issue 15: graded queries of every class over its own corpus).
 * recall@10 and nDCG@10 per query, per class and on average are printed; the suite fails below the floors,
 * on any near miss in the first three and on a typo query whose first result is not the one meant.
 * Set B also runs through the Meilisearch adapter against the local Meilisearch-compatible server: the
 * adapter's federated multi-search of weighted wordings, ranked by an approximation of Meilisearch's ranking
 * rules and federation merge (testing/fake-meili-ranking.ts; a real Meilisearch needs MEILI_HOST).
 */
import { EmbeddedSearchEngine } from '../../api/src/modules/search/embedded-engine';
import { MeiliSearchEngine } from '../../api/src/modules/search/meili-engine';
import { FakeMeilisearch } from '../../api/src/modules/search/testing/fake-meilisearch';
import { judgments, relevanceCorpus } from './relevance.fixture';
import { corpusB, judgmentsB } from './relevance-b.fixture';
import { evaluate, report, serviceFor } from './relevance-eval';

/** Agreed floors (issue 15 targets: recall@10 ≥ 0.97, nDCG@10 ≥ 0.97). */
const FLOOR = { recall: 0.97, ndcg: 0.97 };

test('when set A runs, then recall@10 and nDCG@10 stay above the floors', async () => {
  expect(judgments.length).toBeGreaterThanOrEqual(40);
  const e = await evaluate(await serviceFor(new EmbeddedSearchEngine(), relevanceCorpus), judgments);
  console.log(report('relevance set A', relevanceCorpus.length, e));
  expect(e.recall).toBeGreaterThanOrEqual(FLOOR.recall);
  expect(e.ndcg).toBeGreaterThanOrEqual(FLOOR.ndcg);
});

test('when set B runs (every query class of issue 15), then it meets the targets with no near miss in the top 3', async () => {
  expect(judgmentsB.length).toBeGreaterThanOrEqual(200);
  const e = await evaluate(await serviceFor(new EmbeddedSearchEngine(), corpusB), judgmentsB);
  console.log(report('relevance set B', corpusB.length, e));
  expect(e.recall).toBeGreaterThanOrEqual(FLOOR.recall);
  expect(e.ndcg).toBeGreaterThanOrEqual(FLOOR.ndcg);
  expect(e.nearMisses).toEqual([]);
  expect(e.typoMisses).toEqual([]);
});

test('when the named examples are searched, then they find what the issue says', async () => {
  const engine = new EmbeddedSearchEngine();
  await engine.upsert([...relevanceCorpus, ...corpusB]);
  const top = async (q: string) =>
    (await engine.search({ q, filters: {}, facets: [], sort: 'relevance', offset: 0, limit: 10 })).hits.map(
      (h) => h.doc.title,
    );
  expect(await top('机器人')).toContain('六轴工业机器人高精度RV减速器');
  expect(await top('铝合金')).toContain('高强铝合金薄板连续轧制工艺');
  expect(await top('graphen')).toContain('Graphene conductive ink for printed electronics');
  expect(await top('lithium iron phosphate')).toContain('高压实磷酸铁锂正极材料');
  expect((await top('wastewater'))[0]).toMatch(/废水|污水|wastewater/i);
});

test('when set B runs through the Meilisearch adapter, then its weighted wordings meet the same targets', async () => {
  const fake = new FakeMeilisearch();
  await fake.start();
  try {
    const engine = new MeiliSearchEngine({ host: fake.url, apiKey: fake.key, indexUid: 'relevance_b' });
    const e = await evaluate(await serviceFor(engine, corpusB), judgmentsB);
    console.log(report('relevance set B through the Meilisearch adapter', corpusB.length, e, false));
    expect(e.recall).toBeGreaterThanOrEqual(FLOOR.recall);
    expect(e.ndcg).toBeGreaterThanOrEqual(FLOOR.ndcg);
    expect(e.nearMisses).toEqual([]);
    expect(e.typoMisses).toEqual([]);
  } finally {
    await fake.stop();
  }
  // 280 queries of up to 32 weighted wordings each through HTTP: ~5 s alone, several times that on a busy machine.
}, 120_000);

// Against a real Meilisearch when one is configured: MEILI_HOST=http://127.0.0.1:7700 MEILI_MASTER_KEY=… npx jest tests/search/relevance
if (process.env.MEILI_HOST) {
  test(`when set B runs on the Meilisearch at ${process.env.MEILI_HOST}, then it meets the targets`, async () => {
    const engine = new MeiliSearchEngine({
      host: process.env.MEILI_HOST!,
      apiKey: process.env.MEILI_MASTER_KEY,
      indexUid: `relevance_b_${Date.now()}`,
    });
    const e = await evaluate(await serviceFor(engine, corpusB), judgmentsB);
    console.log(report('relevance set B on Meilisearch', corpusB.length, e, false));
    expect(e.recall).toBeGreaterThanOrEqual(FLOOR.recall);
    expect(e.ndcg).toBeGreaterThanOrEqual(FLOOR.ndcg);
  }, 120_000);
}
