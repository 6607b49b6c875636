/**
 * Relevance part of `npm run bench` (BENCH_ONLY=relevance, a few seconds): recall@10 and nDCG@10 of the two
 * labelled sets through SearchService — set A (46 queries) and set B (issue 15, 280 queries by class) on the
 * embedded engine, and set B through the Meilisearch adapter against the local Meilisearch-compatible server
 * — with near misses in the top 3 and typo queries that miss their intended first result.
 * Targets: recall@10 ≥ 0.97, nDCG@10 ≥ 0.97, no near miss in the top 3, every typo query's first result right.
 */
import { EmbeddedSearchEngine } from '../../api/src/modules/search/embedded-engine';
import { MeiliSearchEngine } from '../../api/src/modules/search/meili-engine';
import { FakeMeilisearch } from '../../api/src/modules/search/testing/fake-meilisearch';
import { judgments, relevanceCorpus } from '../search/relevance.fixture';
import { corpusB, judgmentsB } from '../search/relevance-b.fixture';
import { evaluate, report, serviceFor } from '../search/relevance-eval';

export async function runRelevanceBench(): Promise<void> {
  console.log(
    '\nrelevance (targets: recall@10 ≥ 0.97, nDCG@10 ≥ 0.97, 0 near misses in the top 3, typo queries find their top result)',
  );
  const a = await evaluate(await serviceFor(new EmbeddedSearchEngine(), relevanceCorpus), judgments);
  console.log(report('set A, embedded', relevanceCorpus.length, a, false));
  const b = await evaluate(await serviceFor(new EmbeddedSearchEngine(), corpusB), judgmentsB);
  console.log(report('set B, embedded', corpusB.length, b, false));
  const fake = new FakeMeilisearch();
  await fake.start();
  try {
    const engine = new MeiliSearchEngine({ host: fake.url, apiKey: fake.key, indexUid: 'bench_relevance_b' });
    const m = await evaluate(await serviceFor(engine, corpusB), judgmentsB);
    console.log(
      report(
        'set B, Meilisearch adapter (federated weighted wordings; local stand-in ranking by Meilisearch rules)',
        corpusB.length,
        m,
        false,
      ),
    );
  } finally {
    await fake.stop();
  }
}
