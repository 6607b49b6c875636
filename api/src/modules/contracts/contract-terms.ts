import crypto from 'node:crypto';
import type { ContractCategory, ContractTerms } from '../../shared/contract-schemas';
import { contractSubTypes } from '../../shared/contract-schemas';
import type { PaymentPlan } from '../../shared/negotiation-events';

/** JSON with object keys sorted at every level: the same terms always give the same bytes. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * The document version: SHA-256 of the canonical terms (not of PDF bytes, which embed dates). The signing
 * date is left out: the second signature sets it, and it must not change the version both sides signed.
 */
export const documentHash = (contractNo: string, terms: ContractTerms) =>
  crypto
    .createHash('sha256')
    .update(canonicalJson({ contractNo, terms: { ...terms, signedOn: undefined } }))
    .digest('hex');

export const defaultSubType = (category: ContractCategory) => contractSubTypes[category][0].code;

const addMonths = (day: string, months: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** An offer's payment plan as dated payments adding up to the amount (the last one takes the rounding). */
export function scheduleFromPlan(
  plan: PaymentPlan,
  amountFen: number,
  start: string,
): ContractTerms['paymentSchedule'] {
  const parts: Array<{ percent: number; dueOn: string; note: string }> =
    plan.kind === 'instalments'
      ? plan.instalments.map((p, i) => ({
          percent: p.percent,
          dueOn: addMonths(start, p.dueMonths),
          note: `第${i + 1}期`,
        }))
      : plan.kind === 'milestones'
        ? plan.milestones.map((m, i) => ({ percent: m.percent, dueOn: addMonths(start, i + 1), note: m.name }))
        : plan.kind === 'lump_sum'
          ? [{ percent: 100, dueOn: addDays(start, plan.dueDays), note: '一次性支付' }]
          : plan.kind === 'royalty'
            ? [
                {
                  percent: 100,
                  dueOn: addDays(start, 30),
                  note: `入门费；另按净销售额 ${plan.royaltyBp / 100}% 提成 ${plan.years} 年`,
                },
              ]
            : [
                {
                  percent: 100,
                  dueOn: addMonths(start, plan.trialMonths),
                  note: `先用后付：试用 ${plan.trialMonths} 个月后支付`,
                },
              ];
  let left = amountFen;
  return parts.map((p, i) => {
    const amount = i === parts.length - 1 ? left : Math.floor((amountFen * p.percent) / 100);
    left -= amount;
    return { dueOn: p.dueOn, amountFen: amount, note: p.note };
  });
}

export { addMonths };
