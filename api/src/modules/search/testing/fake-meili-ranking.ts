import { editDistance, normalize, queryTerms, typoBudget } from '../tokenizer';
import type { SearchDoc } from '../search-engine';

/**
 * Meilisearch's ranking, approximated for the local stand-in: each ranking rule gives a document a rank
 * out of a maximum (milli's `score_details.rs`), rules are compared in the index's order (bucket sort),
 * and the ranking score is the ranks merged in that order into one number in [0, 1] — the figure a
 * federated search multiplies by a query's weight. Sort rules (`sort`, `field:desc`) give values, not ranks.
 *
 * Approximations: a query word is a run of Latin letters/digits or of Chinese characters (Meilisearch
 * segments Chinese with a dictionary); positions are counted in characters for Chinese, in words for Latin;
 * the position rule buckets by word index up to 10. Nothing here knows the lexicon, fields or aboutness.
 */
export interface Rank {
  rank: number;
  max: number;
}
export type Detail = { kind: 'rank'; rank: Rank } | { kind: 'sort'; asc: boolean; value: number | string | null };

export const DEFAULT_RULES = ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'];
const MAX_POSITION = 10;
const MAX_PROXIMITY = 8;

/** milli's Rank::merge: an outer rank refined by an inner one. */
function merge(outer: Rank, inner: Rank): Rank {
  return { rank: (outer.rank - 1) * inner.max + inner.rank, max: outer.max * inner.max };
}

export function globalScore(details: Detail[]): number {
  let r: Rank = { rank: 1, max: 1 };
  for (const d of details) if (d.kind === 'rank') r = merge(r, d.rank);
  return r.rank / r.max;
}

/** Weighted score values as a federated search compares them: consecutive ranks merged, times the weight. */
export function weightedValues(details: Detail[], weight: number): Detail[] {
  const out: Detail[] = [];
  let acc: Rank | null = null;
  for (const d of details) {
    if (d.kind === 'rank') acc = merge(acc ?? { rank: 1, max: 1 }, d.rank);
    else {
      if (acc) out.push({ kind: 'rank', rank: { rank: (acc.rank / acc.max) * weight, max: 1 } });
      acc = null;
      out.push(d);
    }
  }
  if (acc) out.push({ kind: 'rank', rank: { rank: (acc.rank / acc.max) * weight, max: 1 } });
  return out;
}

function compareSort(a: Detail & { kind: 'sort' }, b: Detail & { kind: 'sort' }): number {
  // A document without the value comes after every document with one, whichever the direction.
  if (a.value === null || b.value === null) return a.value === b.value ? 0 : a.value === null ? -1 : 1;
  const order = a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  return a.asc ? -order : order;
}

/** > 0 when `a` ranks first: rule by rule; where the kinds differ, by the weighted global scores. */
export function compareDetails(a: Detail[], b: Detail[], aGlobal: number, bGlobal: number): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x.kind !== y.kind) return aGlobal - bGlobal;
    const c =
      x.kind === 'rank' && y.kind === 'rank'
        ? x.rank.rank / x.rank.max - y.rank.rank / y.rank.max
        : compareSort(x as Detail & { kind: 'sort' }, y as Detail & { kind: 'sort' });
    if (Math.abs(c) > 1e-12) return c;
  }
  return 0;
}

const ATTRIBUTE_ORDER = ['title', 'keywords', 'fieldText', 'orgName', 'summary'] as const;

interface WordMatch {
  attr: number;
  position: number;
  exact: boolean;
  typo: boolean;
}

/** Where one query word matches best in the document: first attribute, then earliest position. */
function matchWord(word: string, cjk: boolean, last: boolean, values: string[][], exactOnly: Set<string>) {
  let best: WordMatch | null = null;
  values.forEach((vals, attr) => {
    if (best && best.attr < attr) return;
    for (const v of vals) {
      if (cjk) {
        const at = v.indexOf(word);
        if (at >= 0 && (!best || at < best.position)) best = { attr, position: at, exact: true, typo: false };
        continue;
      }
      const words = v.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      words.forEach((w, i) => {
        const exact = w === word;
        const prefix = !exact && last && w.startsWith(word);
        const budget = exactOnly.has(word) ? 0 : typoBudget(word);
        const typo = !exact && !prefix && budget > 0 && editDistance(word, w, budget) <= budget;
        if ((exact || prefix || typo) && (!best || i < best.position || (exact && !best.exact)))
          best = { attr, position: i, exact, typo };
      });
    }
  });
  return best as WordMatch | null;
}

/** The ranking details of one matching document under the index's ranking rules. */
export function rankDocument(
  doc: SearchDoc,
  q: string,
  rules: string[],
  querySort: string[] | undefined,
  exactOnly: Set<string>,
): Detail[] {
  const terms = queryTerms(q);
  const values = ATTRIBUTE_ORDER.map((a) => (a === 'keywords' ? doc.keywords : [doc[a]]).map((v) => normalize(v)));
  const matches = terms.map((t, i) => matchWord(t.text, t.cjk, i === terms.length - 1, values, exactOnly));
  const n = terms.length;
  const found = matches.filter((m): m is WordMatch => m !== null);
  const out: Detail[] = [];
  const sortValue = (field: string, asc: boolean): Detail => {
    const v = (doc as unknown as Record<string, unknown>)[field];
    return { kind: 'sort', asc, value: typeof v === 'number' || typeof v === 'string' ? v : null };
  };
  for (const rule of rules) {
    const custom = rule.match(/^(\w+):(asc|desc)$/);
    if (custom) out.push(sortValue(custom[1], custom[2] === 'asc'));
    else if (rule === 'sort')
      for (const s of querySort ?? []) {
        const [field, dir] = s.split(':');
        out.push(sortValue(field, dir === 'asc'));
      }
    else if (n === 0)
      continue; // a placeholder search has no words to rank
    else if (rule === 'words') out.push({ kind: 'rank', rank: { rank: n, max: n } });
    else if (rule === 'typo') {
      const max = terms.reduce((s, t) => s + (t.cjk || exactOnly.has(t.text) ? 0 : typoBudget(t.text)), 0);
      const typos = found.filter((m) => m.typo).length;
      out.push({ kind: 'rank', rank: { rank: max + 1 - typos, max: max + 1 } });
    } else if (rule === 'attribute') {
      // Unmatched words (found by the index in pieces) count as in the last attribute, at the end.
      const fidCost = matches.reduce((s, m) => s + (m ? m.attr : ATTRIBUTE_ORDER.length - 1), 0);
      const fidMax = n * (ATTRIBUTE_ORDER.length - 1);
      out.push({ kind: 'rank', rank: { rank: fidMax - fidCost + 1, max: fidMax + 1 } });
      const posCost = matches.reduce((s, m) => s + Math.min(MAX_POSITION, m ? m.position : MAX_POSITION), 0);
      out.push({ kind: 'rank', rank: { rank: n * MAX_POSITION - posCost + 1, max: n * MAX_POSITION + 1 } });
    } else if (rule === 'exactness') {
      const whole = normalize(q).trim();
      const flat = values.flat();
      const attrRank = flat.some((v) => v === whole) ? 3 : flat.some((v) => v.startsWith(whole)) ? 2 : 1;
      out.push({ kind: 'rank', rank: { rank: attrRank, max: 3 } });
      const exact = found.filter((m) => m.exact).length;
      out.push({ kind: 'rank', rank: { rank: exact + 1, max: n + 1 } });
    } else if (rule === 'proximity') {
      let cost = 0;
      for (let i = 1; i < n; i++) {
        const a = matches[i - 1];
        const b = matches[i];
        const gap =
          a && b && a.attr === b.attr
            ? Math.abs(b.position - a.position - (terms[i - 1].cjk ? terms[i - 1].text.length : 1)) + 1
            : MAX_PROXIMITY;
        cost += Math.min(MAX_PROXIMITY, gap);
      }
      const max = (n - 1) * MAX_PROXIMITY;
      out.push({ kind: 'rank', rank: { rank: max - cost + 1, max: max + 1 } });
    }
  }
  return out;
}
