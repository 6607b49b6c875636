import type { MatchReasonDto } from '../../shared/search-schemas';
import { liaoningRegionCodes } from '../../shared/taxonomy';
import { WEIGHT, type Lexicon } from './lexicon';
import type { SearchDoc } from './search-engine';
import { keyOf } from './tokenizer';

const inProvince = new Set(liaoningRegionCodes);

/**
 * Points of each reason. Terms dominate: a need and an achievement are a match because they are about the
 * same thing; field, maturity, region and price only order matches that share terms. A shared term found
 * in more than BROAD_SHARE of all listings (and at least BROAD_MIN_COUNT of them: 芯片, 材料) counts half.
 */
export const POINTS = {
  exactTerm: 3,
  subfield: 2,
  field: 1.5,
  maturity: 1,
  sameRegion: 1,
  inProvince: 0.5,
  inBudget: 1,
  overBudget: -1.5,
  // An achievement with a completed evaluation (issue 16) is a little further along the way to a deal: a
  // small boost that orders matches sharing terms, never a match by itself. Listing pages only, not alerts.
  evaluated: 0.5,
  selfAssessed: 0.3,
  maxTerms: 3,
} as const;
export const BROAD_SHARE = 0.03;
/** Below this many listings a term's share says nothing about how common it is. */
export const BROAD_MIN_COUNT = 20;

/**
 * Alerts go out only above all three: the achievement answers at least half of what the need asks (its
 * keywords, weighed by specificity), they share enough meaning, and enough in all.
 */
export const ALERT_THRESHOLD = { coverage: 0.5, terms: 2.4, total: 5 } as const;

export interface SharedTerm {
  /** The source's term and, when the other listing words it differently, that wording (污水处理 ≈ 废水处理). */
  ours: string;
  theirs: string;
  points: number;
}

export interface ScoredMatch {
  doc: SearchDoc;
  score: number;
  termPoints: number;
  /** Share of the need's keywords (weighted by rarity) the achievement answers, 0–1. */
  coverage: number;
  terms: SharedTerm[];
  reasons: MatchReasonDto[];
}

/** Title, keywords and summary as one lookup text: lower-cased runs, space-padded, so Latin words match whole. */
export function lookupText(d: SearchDoc): string {
  return ` ${keyOf(`${d.title} ${d.keywords.join(' ')} ${d.summary}`)} `;
}

/** Whether the text holds the term: Latin as whole words, Chinese anywhere but not only inside a distinct longer term (石墨 in 石墨烯). */
function contains(text: string, key: string, lexicon: Lexicon): boolean {
  if (!/^[\p{Script=Han}]/u.test(key)) return text.includes(` ${key} `);
  if (!text.includes(key)) return false;
  let rest = text;
  for (const l of lexicon.distinctLonger(key)) rest = rest.replaceAll(l, ' ');
  return rest.includes(key);
}

/** The terms a listing is about: its keywords, and the known domain terms of its title (not 处理, 系统). */
export function termsOf(d: SearchDoc, lexicon: Lexicon): string[] {
  const out = new Set(d.keywords.map(keyOf).filter((k) => [...k].length > 1));
  for (const c of lexicon.expand(d.title)) if (c.alternatives.length) out.add(c.text);
  return [...out].filter((t) => !lexicon.isGeneral(t));
}

/** How common each term is among indexed listings (what the engine finds for it). */
export interface TermStats {
  broad(term: string): boolean;
}

/** Characters of a Chinese term, three per word of a Latin one. */
const specificity = (key: string) => (/^[\p{Script=Han}]/u.test(key) ? [...key].length : 3 * key.split(' ').length);

/**
 * Terms of `a` found in `b`: as written (full points), or as one of its alternatives in the lexicon
 * (points × the alternative's weight: a synonym 0.8, a near term 0.5). A term that is only one of `a`'s
 * title words (not a keyword) counts ¾; one found only in `b`'s summary (not its title or keywords) ½;
 * a common term ½.
 */
export function sharedTerms(a: SearchDoc, b: SearchDoc, lexicon: Lexicon, stats: TermStats): SharedTerm[] {
  const text = lookupText(b);
  const about = ` ${keyOf(`${b.title} ${b.keywords.join(' ')}`)} `;
  const keywords = new Set(a.keywords.map(keyOf));
  const out: SharedTerm[] = [];
  // An abbreviation with readings in several fields (ADC: chip or drug) is shared only within one field.
  const sameField = a.fieldCode === b.fieldCode;
  for (const term of termsOf(a, lexicon)) {
    const place = (wording: string) =>
      (keywords.has(term) ? 1 : 0.75) *
      (contains(about, wording, lexicon) ? 1 : 0.5) *
      (stats.broad(wording) ? 0.5 : 1);
    let best: SharedTerm | null =
      contains(text, term, lexicon) && (sameField || !lexicon.isAmbiguous(term))
        ? { ours: term, theirs: term, points: POINTS.exactTerm * place(term) }
        : null;
    for (const alt of lexicon.alternatives(term)) {
      if (alt.weight < WEIGHT.near || lexicon.isGeneral(alt.text) || !contains(text, alt.text, lexicon)) continue;
      if ((alt.fields || lexicon.isAmbiguous(alt.text)) && !sameField) continue;
      const points = POINTS.exactTerm * alt.weight * place(alt.text);
      if (!best || points > best.points) best = { ours: term, theirs: alt.text, points };
    }
    if (best) out.push(best);
  }
  return out;
}

/** Scores `c` as a counterpart of `source`, every point a reason shown to the user. */
export function scoreMatch(source: SearchDoc, c: SearchDoc, lexicon: Lexicon, stats: TermStats): ScoredMatch {
  const reasons: MatchReasonDto[] = [];
  // Both directions (the source's terms in the candidate, and back), best first; a wording counts once on
  // each side, so 在线监测 and 在线监测≈状态监测 are not two reasons.
  const used = new Set<string>();
  const terms: SharedTerm[] = [];
  for (const t of [
    ...sharedTerms(source, c, lexicon, stats),
    ...sharedTerms(c, source, lexicon, stats).map((t) => ({ ...t, ours: t.theirs, theirs: t.ours })),
  ].sort((x, y) => y.points - x.points)) {
    if (used.has(`s:${t.ours}`) || used.has(`c:${t.theirs}`) || terms.length >= POINTS.maxTerms) continue;
    used.add(`s:${t.ours}`).add(`c:${t.theirs}`);
    terms.push(t);
  }
  const termPoints = terms.reduce((s, t) => s + t.points, 0);
  let s = termPoints;
  if (terms.length) {
    const words = terms.map((t) => (t.ours === t.theirs ? t.ours : `${t.ours}≈${t.theirs}`));
    reasons.push({
      code: 'shared_terms',
      zh: `共同关键词：${words.join('、')}`,
      en: `Shared terms: ${words.join(', ')}`,
      terms: terms.map((t) => t.ours),
    });
  }
  if (source.subfieldCode && source.subfieldCode === c.subfieldCode) {
    s += POINTS.subfield;
    reasons.push({ code: 'same_subfield', zh: '同一细分领域', en: 'Same sub-field' });
  } else if (source.fieldCode === c.fieldCode) {
    s += POINTS.field;
    reasons.push({ code: 'same_field', zh: '同一技术领域', en: 'Same technical field' });
  }
  if (source.regionCode === c.regionCode) {
    s += POINTS.sameRegion;
    reasons.push({ code: 'same_region', zh: '同一地区，便于就近转化', en: 'Same region: easy local transfer' });
  } else if (inProvince.has(source.regionCode) && inProvince.has(c.regionCode)) {
    s += POINTS.inProvince;
    reasons.push({ code: 'in_province', zh: '省内转化', en: 'Both in Liaoning' });
  }
  const achievement = source.kind === 'achievement' ? source : c;
  const need = source.kind === 'need' ? source : c;
  // How much of what the need asks for (its keywords) the achievement answers. A longer technical term is
  // the more specific one (模数转换器 over 芯片, 负极材料 over 石墨), so keywords weigh by their length.
  const asked = need.keywords.map(keyOf).filter((k) => [...k].length > 1 && !lexicon.isGeneral(k));
  const answered = new Set(sharedTerms(need, achievement, lexicon, stats).map((t) => t.ours));
  const total = asked.reduce((x, k) => x + specificity(k), 0);
  const coverage = total ? asked.filter((k) => answered.has(k)).reduce((x, k) => x + specificity(k), 0) / total : 0;
  if ((achievement.trl ?? 0) >= 6 || achievement.stage === 'pilot' || achievement.stage === 'industrialized') {
    s += POINTS.maturity;
    reasons.push({
      code: 'maturity_fit',
      zh: '成果已到中试或产业化阶段，适合企业直接应用',
      en: 'Pilot-scale or industrialised: ready for an enterprise',
    });
  }
  if (achievement.priceFen !== null && need.priceFen !== null) {
    if (achievement.priceFen <= need.priceFen) {
      s += POINTS.inBudget;
      reasons.push({ code: 'price_in_budget', zh: '报价在需求预算之内', en: 'Price within the budget' });
    } else s += POINTS.overBudget;
  }
  return { doc: c, score: Math.round(s * 10) / 10, termPoints, coverage, terms, reasons };
}

/** The achievement counterpart's evaluation as a reason and a small boost (a new object; pure). */
export function withEvaluation(m: ScoredMatch, kind: 'agency' | 'self' | undefined): ScoredMatch {
  if (!kind) return m;
  const reason: MatchReasonDto =
    kind === 'agency'
      ? { code: 'evaluated', zh: '成果已经评估机构评估', en: 'Evaluated by an accredited agency' }
      : { code: 'self_assessed', zh: '成果已完成自评估', en: 'Self-assessed by its owner' };
  const points = kind === 'agency' ? POINTS.evaluated : POINTS.selfAssessed;
  return { ...m, score: Math.round((m.score + points) * 10) / 10, reasons: [...m.reasons, reason] };
}

/** Whether a scored match is worth telling someone about (alerts), not only listing on the page. */
export function worthAlerting(m: ScoredMatch): boolean {
  return (
    m.coverage >= ALERT_THRESHOLD.coverage && m.termPoints >= ALERT_THRESHOLD.terms && m.score >= ALERT_THRESHOLD.total
  );
}
