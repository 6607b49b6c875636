/**
 * Scoring of a labelled relevance set, shared by the relevance test and `npm run bench` (part relevance):
 * recall@10 and nDCG@10 per query, per class and on average, near misses in the first three and typo
 * queries whose first result is not what was meant. Queries go through SearchService, as the API sends
 * them (same-sound typo correction included), over whichever engine is given.
 */
import { searchQuerySchema } from '../../api/src/shared/search-schemas';
import type { SearchDoc, SearchEngine } from '../../api/src/modules/search/search-engine';
import { SearchService } from '../../api/src/modules/search/search.service';
import { TermVocabulary } from '../../api/src/modules/search/term-vocabulary';

export interface LabelledQuery {
  q: string;
  cls?: string;
  rel: Record<string, number>;
  notTop3?: string[];
}

export interface Evaluation {
  queries: number;
  recall: number;
  ndcg: number;
  byClass: Record<string, { n: number; recall: number; ndcg: number }>;
  nearMisses: string[];
  typoMisses: string[];
  rows: string[];
}

export function ndcgAt10(ranked: string[], rel: Record<string, number>): number {
  const dcg = ranked.slice(0, 10).reduce((s, id, i) => s + (2 ** (rel[id] ?? 0) - 1) / Math.log2(i + 2), 0);
  const ideal = Object.values(rel)
    .sort((a, b) => b - a)
    .slice(0, 10)
    .reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
  return ideal === 0 ? 1 : dcg / ideal;
}

/** A SearchService over the engine, its typo vocabulary knowing the corpus keywords (as learningEngine does). */
export async function serviceFor(engine: SearchEngine, corpus: SearchDoc[]): Promise<SearchService> {
  await engine.init();
  await engine.upsert(corpus);
  const vocabulary = new TermVocabulary();
  vocabulary.learn(corpus.flatMap((d) => d.keywords));
  return new SearchService(engine, vocabulary);
}

export async function evaluate(service: SearchService, judgments: LabelledQuery[]): Promise<Evaluation> {
  const rows: string[] = [];
  const byClass: Evaluation['byClass'] = {};
  const nearMisses: string[] = [];
  const typoMisses: string[] = [];
  let recallSum = 0;
  let ndcgSum = 0;
  for (const { q, cls = 'all', rel, notTop3 } of judgments) {
    const r = await service.search(searchQuerySchema.parse({ q, pageSize: 10 }));
    const ranked = r.hits.map((h) => h.id);
    const relevant = Object.keys(rel);
    const recall = relevant.filter((id) => ranked.includes(id)).length / relevant.length;
    const ndcg = ndcgAt10(ranked, rel);
    recallSum += recall;
    ndcgSum += ndcg;
    const c = (byClass[cls] ??= { n: 0, recall: 0, ndcg: 0 });
    c.n++;
    c.recall += recall;
    c.ndcg += ndcg;
    for (const id of notTop3 ?? []) if (ranked.slice(0, 3).includes(id)) nearMisses.push(`${q} → ${id}`);
    if (cls === 'typo' && rel[ranked[0]] !== 2) typoMisses.push(`${q} → ${ranked[0] ?? 'nothing'}`);
    rows.push(
      `${cls.padEnd(9)} ${q.padEnd(34)} recall@10 ${recall.toFixed(2)}  nDCG@10 ${ndcg.toFixed(2)}  top: ${ranked.slice(0, 5).join(' ')}`,
    );
  }
  for (const c of Object.values(byClass)) {
    c.recall /= c.n;
    c.ndcg /= c.n;
  }
  return {
    queries: judgments.length,
    recall: recallSum / judgments.length,
    ndcg: ndcgSum / judgments.length,
    byClass,
    nearMisses,
    typoMisses,
    rows,
  };
}

export function report(name: string, corpusSize: number, e: Evaluation, verbose = true): string {
  const classes = Object.entries(e.byClass)
    .map(
      ([k, c]) =>
        `  ${k.padEnd(10)} ${String(c.n).padStart(3)} queries  recall@10 ${c.recall.toFixed(3)}  nDCG@10 ${c.ndcg.toFixed(3)}`,
    )
    .join('\n');
  return [
    `${name}: ${e.queries} queries over ${corpusSize} listings`,
    ...(verbose ? e.rows.filter((r) => !/recall@10 1\.00 {2}nDCG@10 1\.00/.test(r)) : []),
    classes,
    `  mean recall@10 ${e.recall.toFixed(3)}  mean nDCG@10 ${e.ndcg.toFixed(3)}  near misses in top 3: ${e.nearMisses.length}${e.nearMisses.length ? ` (${e.nearMisses.join(', ')})` : ''}  typo queries missing their top result: ${e.typoMisses.length}${e.typoMisses.length ? ` (${e.typoMisses.join(', ')})` : ''}`,
  ].join('\n');
}
