import { technicalFields } from '../../shared/taxonomy';

/** Domain pairs the taxonomy does not spell out (both directions are added). */
const DOMAIN_PAIRS: Array<[string, string]> = [
  ['增材制造', '3d打印'],
  ['储能', 'energy storage'],
  ['光伏', 'solar'],
  ['机器人', 'robot'],
  ['人工智能', 'ai'],
  ['石墨烯', 'graphene'],
];

/**
 * zh ↔ en synonyms from the field taxonomy (石墨烯 ↔ graphene, 光伏 ↔ photovoltaics) plus a few domain
 * pairs. Meilisearch gets them as its `synonyms` setting; the embedded engine expands single-term queries
 * with them, so both engines answer 石墨烯 with English listings too.
 */
export function buildSynonyms(): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  const add = (a: string, b: string) => {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    if (x === y) return;
    (out[x] ??= new Set()).add(y);
    (out[y] ??= new Set()).add(x);
  };
  for (const f of technicalFields) for (const c of f.children) add(c.zh, c.en);
  for (const [a, b] of DOMAIN_PAIRS) add(a, b);
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v]]));
}
