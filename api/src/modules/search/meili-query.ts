import { defaultLexicon, type Lexicon } from './lexicon';

/**
 * One query of a federated multi-search: a wording of what was typed, the weight Meilisearch multiplies its
 * hits' ranking scores by (`federationOptions.weight`), and — for an ambiguous abbreviation's reading — the
 * fields that reading belongs to.
 */
export interface WeightedWording {
  q: string;
  weight: number;
  fields: string[] | null;
}

/**
 * Meilisearch's `synonyms` carry no weights: a near term would rank level with the typed word. So the adapter
 * sends no synonyms and asks for the wordings itself, one query each, weighted as the embedded engine weighs
 * them (exact 1 > translation 0.9 > synonym 0.8 > near term 0.5), merged by a federated multi-search, which
 * keeps each listing once at its best weighted score.
 *
 * 32 queries cover every alternative of a one- or two-concept query (12 at most each); longer queries keep
 * the best-weighted combinations.
 */
export const MAX_WORDINGS = 32;
/** An ambiguous abbreviation read in a listing off its field (PLC as 电力线载波 for a robot) counts half. */
const OFF_FIELD_FACTOR = 0.5;
/**
 * A broader wording (协作机器人 → 工业机器人: siblings and general listings) weighs 0.05 of its weight: Meilisearch's
 * ranking score of a typed word in the last searchable attribute is ≈ 0.02–0.2, and a sibling should not
 * outrank it.
 */
const BROADER_FACTOR = 0.05;

export function weightedWordings(
  q: string,
  fieldFilter?: readonly string[],
  lexicon: Lexicon = defaultLexicon(),
): WeightedWording[] {
  const concepts = lexicon.expand(q, fieldFilter);
  if (concepts.length === 0) return [{ q, weight: 1, fields: null }];
  // Each concept's options: as typed, then its alternatives (best first).
  const options = concepts.map((c) =>
    [
      { text: c.text, weight: 1, fields: null as string[] | null },
      ...c.alternatives.map((a) => ({
        text: a.text,
        weight: a.broader ? a.weight * BROADER_FACTOR : a.weight,
        fields: a.fields,
      })),
    ].sort((a, b) => b.weight - a.weight),
  );
  // Best-first over combinations: the weight of a combination is the mean of its options' weights (the
  // embedded engine adds concept scores), so one concept reworded costs less in a longer query.
  const seen = new Set<string>();
  const out: WeightedWording[] = [];
  const frontier: number[][] = [concepts.map(() => 0)];
  const weightOf = (pick: number[]) => pick.reduce((s, k, i) => s + options[i][k].weight, 0) / pick.length;
  while (frontier.length && out.length < MAX_WORDINGS) {
    frontier.sort((a, b) => weightOf(b) - weightOf(a));
    const pick = frontier.shift()!;
    const key = pick.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    const chosen = pick.map((k, i) => options[i][k]);
    const readings = chosen.find((o) => o.fields)?.fields ?? null;
    out.push({
      // Concepts joined by spaces: a Chinese run split into its terms (废水回用 → 废水 回用) is matched term
      // by term, as the embedded engine does.
      q: chosen.map((o) => o.text).join(' '),
      weight: weightOf(pick),
      fields: readings,
    });
    pick.forEach((k, i) => {
      if (k + 1 < options[i].length) frontier.push(pick.map((x, j) => (j === i ? x + 1 : x)));
    });
  }
  // An ambiguous reading is also asked off its field, at half its weight (unless a field filter already
  // keeps only that field's reading).
  const offField = fieldFilter?.length
    ? []
    : out.filter((w) => w.fields).map((w) => ({ q: w.q, weight: w.weight * OFF_FIELD_FACTOR, fields: null }));
  return [...out, ...offField].slice(0, MAX_WORDINGS + 4);
}
