import type { Instrument, MatchReason } from '../../shared/financing';
import { LIAONING } from '../../shared/taxonomy';

export interface MatchableProduct {
  instrument: Instrument;
  amountMinFen: number;
  amountMaxFen: number;
  /** Empty: every field (stage, region) is eligible. */
  fields: string[];
  stages: string[];
  regions: string[];
}

export interface MatchableRequest {
  amountFen: number;
  fieldCode: string;
  stage: string;
  regionCode: string;
  /** Empty: the requester takes any instrument. */
  instruments: Instrument[];
  /** The tied achievement's evaluation, if any (an agency's, or the owner's self-assessment). */
  evaluation?: 'agency' | 'self' | null;
}

export interface ProductFit {
  fits: boolean;
  score: number;
  reasons: MatchReason[];
}

/**
 * Points per reason. A product that names the request's field, stage or city outranks one open to all
 * (3 vs 1, 2 vs 0.5): an institution that chose a field has a programme for it. The amount must fall in
 * the product's range and the instrument must be one the requester takes; otherwise it is no match.
 */
export const MATCH_POINTS = {
  amount: 2,
  field: 3,
  field_any: 1,
  stage: 2,
  stage_any: 0.5,
  region: 2,
  region_any: 0.5,
  instrument: 1,
  // An evaluated achievement gives the institution a value to lend or invest against (issue 16: evaluation
  // feeds financing); an agency's report counts more than the owner's own assessment. Never a fit by itself.
  evaluated: 1,
  self_assessed: 0.5,
} as const;

const reason = (code: keyof typeof MATCH_POINTS): MatchReason => ({ code, points: MATCH_POINTS[code] });

/** Whether one product fits one request, and why: pure, so matching reads the same everywhere. */
export function scoreProduct(p: MatchableProduct, r: MatchableRequest): ProductFit {
  const none: ProductFit = { fits: false, score: 0, reasons: [] };
  if (r.amountFen < p.amountMinFen || r.amountFen > p.amountMaxFen) return none;
  if (r.instruments.length > 0 && !r.instruments.includes(p.instrument)) return none;
  const reasons: MatchReason[] = [reason('amount')];
  if (r.instruments.length > 0) reasons.push(reason('instrument'));

  if (p.fields.length === 0) reasons.push(reason('field_any'));
  else if (p.fields.includes(r.fieldCode)) reasons.push(reason('field'));
  else return none;

  if (p.stages.length === 0) reasons.push(reason('stage_any'));
  else if (p.stages.includes(r.stage)) reasons.push(reason('stage'));
  else return none;

  const provinceWide = p.regions.length === 0 || p.regions.includes(LIAONING);
  if (p.regions.includes(r.regionCode)) reasons.push(reason('region'));
  else if (provinceWide) reasons.push(reason('region_any'));
  else return none;

  if (r.evaluation === 'agency') reasons.push(reason('evaluated'));
  else if (r.evaluation === 'self') reasons.push(reason('self_assessed'));

  const score = reasons.reduce((s, x) => s + x.points, 0);
  return { fits: true, score, reasons: reasons.sort((a, b) => b.points - a.points) };
}

/** How far the requested amount sits from the middle of a range, on a log scale (0 = right in the middle). */
function amountDistance(p: MatchableProduct, amountFen: number): number {
  const mid = Math.sqrt(p.amountMinFen * p.amountMaxFen);
  return Math.abs(Math.log(amountFen / mid));
}

/**
 * The products that fit a request, best first: by score, then the range whose middle is nearest the
 * amount asked (a 500万 request suits a 100万–2000万 loan better than a 1万–600万 one), then name.
 */
export function rankProducts<T extends MatchableProduct & { name: string }>(
  products: T[],
  r: MatchableRequest,
  limit = 20,
): Array<{ product: T; score: number; reasons: MatchReason[] }> {
  return products
    .map((product) => ({ product, ...scoreProduct(product, r) }))
    .filter((m) => m.fits)
    .sort(
      (a, b) =>
        b.score - a.score ||
        amountDistance(a.product, r.amountFen) - amountDistance(b.product, r.amountFen) ||
        a.product.name.localeCompare(b.product.name, 'zh-CN'),
    )
    .slice(0, limit)
    .map(({ product, score, reasons }) => ({ product, score, reasons }));
}
