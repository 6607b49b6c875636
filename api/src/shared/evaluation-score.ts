/**
 * The self-assessment's score (科技成果自评估): pure, so the API, its tests and the web form read the same
 * figure. Three parts out of 100 — technology readiness 40, IP strength 35, market evidence 25 — and a value
 * range read off comparable registered contracts of the same field, scaled by the score.
 */
import type { IpStrength } from './evaluation';

export interface SelfScoreInput {
  trl: number;
  ip: IpStrength;
  /** Contract amounts (分) of registered contracts in the same field, any order. */
  comparableAmountsFen: number[];
}

export interface SelfScore {
  score: number;
  parts: { trl: number; ip: number; market: number };
  /** Null when there is no comparable contract to read a value off. */
  valueMinFen: number | null;
  valueMaxFen: number | null;
}

/** Legal status weighs the patent part: a lapsed patent protects nothing, a pending one may not be granted. */
const LEGAL_FACTOR = { granted: 1, pending: 0.6, lapsed: 0, none: 0 } as const;

/** 20 years is a patent's full term; 10 claims and a family of 5 are where more adds little. */
function ipPoints(ip: IpStrength): number {
  const factor = LEGAL_FACTOR[ip.legalStatus];
  if (factor === 0) return 0;
  const claims = Math.min(ip.claims, 10) / 10;
  const term = Math.min(ip.remainingYears, 20) / 20;
  const family = Math.min(ip.familySize, 5) / 5;
  return 35 * factor * (0.4 * claims + 0.4 * term + 0.2 * family);
}

/** Evidence from the market: 10 comparable contracts or more in the field give the full 25. */
const marketPoints = (n: number) => 25 * (Math.min(n, 10) / 10);

/** The value at quantile q (0…1) of sorted amounts, interpolated. */
export function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Rounds 分 down to whole 万元 (the unit values are shown in), never below 1万元. */
const toWan = (fen: number) => Math.max(1_000_000, Math.round(fen / 1_000_000) * 1_000_000);

export function selfAssessmentScore(input: SelfScoreInput): SelfScore {
  const trl = (40 * (input.trl - 1)) / 8;
  const ip = ipPoints(input.ip);
  const market = marketPoints(input.comparableAmountsFen.length);
  const round1 = (x: number) => Math.round(x * 10) / 10;
  const parts = { trl: round1(trl), ip: round1(ip), market: round1(market) };
  const score = Math.round(trl + ip + market);
  const sorted = input.comparableAmountsFen.filter((a) => a > 0).sort((a, b) => a - b);
  if (!sorted.length) return { score, parts, valueMinFen: null, valueMaxFen: null };
  // The comparables' interquartile range, scaled from half (score 0) to one and a half (score 100).
  const scale = 0.5 + score / 100;
  const lo = toWan(quantile(sorted, 0.25) * scale);
  const hi = Math.max(lo, toWan(quantile(sorted, 0.75) * scale));
  return { score, parts, valueMinFen: lo, valueMaxFen: hi };
}
