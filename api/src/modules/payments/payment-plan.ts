import type { ContractTerms } from '../../shared/contract-schemas';
import type { PayableKind } from '../../shared/payment-schemas';
import type { PaymentPlan } from '../../shared/negotiation-events';

/** The platform's fee on an amount: round half up of amount × rate, in whole 分 (rate kept as basis points). */
export const feeRateBp = (rate: number) => Math.round(rate * 10_000);
export const feeOn = (amountFen: number, bp: number) => Math.floor((amountFen * bp + 5_000) / 10_000);

export interface PlanItem {
  seq: number;
  kind: PayableKind;
  dueOn: string;
  note: string;
  amountFen: number;
  feeFen: number;
  commissionFen: number;
}

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const kindOf = (plan: PaymentPlan['kind'] | null, items: number): PayableKind =>
  plan === 'milestones'
    ? 'milestone'
    : plan === 'royalty'
      ? 'royalty_fee'
      : plan === 'use_first_pay_later'
        ? 'use_first_pay_later'
        : plan === 'instalments' || items > 1
          ? 'instalment'
          : 'lump_sum';

/**
 * A contract's payment schedule as payables, from the stored terms only. Each item keeps its amount; the
 * broker's commission is spread over the items in proportion to their amounts (the last takes the
 * rounding, so the parts add up to the commission exactly); the fee is computed per item. A contract with
 * no schedule owes its whole amount in one payment 30 days after signing. The split never leaves the
 * seller with less than nothing: fee + commission are capped at the item's amount.
 */
export function planFromTerms(terms: ContractTerms, planKind: PaymentPlan['kind'] | null, bp: number): PlanItem[] {
  const start = terms.signedOn ?? terms.startOn;
  const schedule = terms.paymentSchedule.length
    ? terms.paymentSchedule
    : [{ dueOn: addDays(start, 30), amountFen: terms.amountFen, note: '一次性支付' }];
  const total = schedule.reduce((s, i) => s + i.amountFen, 0);
  const commission = Math.min(terms.broker?.commissionFen ?? 0, total);
  let commissionLeft = commission;
  return schedule.map((item, i) => {
    const last = i === schedule.length - 1;
    const share = last ? commissionLeft : Math.floor((commission * item.amountFen) / Math.max(total, 1));
    commissionLeft -= share;
    const feeFen = Math.min(feeOn(item.amountFen, bp), item.amountFen);
    const commissionFen = Math.min(share, item.amountFen - feeFen);
    return {
      seq: i + 1,
      kind: kindOf(planKind, schedule.length),
      dueOn: item.dueOn,
      note: item.note || `第${i + 1}期`,
      amountFen: item.amountFen,
      feeFen,
      commissionFen,
    };
  });
}

/** A royalty (收益提成) due on a reported period: net sales × the stored rate in basis points, rounded half up. */
export const royaltyOn = (netSalesFen: number, royaltyBp: number) =>
  Math.floor((netSalesFen * royaltyBp + 5_000) / 10_000);
