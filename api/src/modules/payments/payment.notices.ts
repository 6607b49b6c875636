import type { NotifyEvent } from '../notifications/notify';
import type { PayableRecord, PaymentRecord, PayoutRecord } from './payment.model';

const yuan = (fen: number) =>
  (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const payableLink = (p: Pick<PayableRecord, 'contractId'>) =>
  p.contractId ? `/contracts/${p.contractId}/payments` : '/payments/statement';
const what = (p: Pick<PayableRecord, 'contractNo' | 'title' | 'seq'>) => ({
  zh: p.contractNo ? `合同 ${p.contractNo}「${p.title}」第 ${p.seq} 期` : `「${p.title}」`,
  en: p.contractNo ? `contract ${p.contractNo} "${p.title}", instalment ${p.seq}` : `"${p.title}"`,
});

/** To the payer, `days` before the instalment is due (once per payable and due day). */
export function dueNotice(p: PayableRecord, days: number): NotifyEvent {
  const w = what(p);
  return {
    key: `payment:${p._id}:due:${p.dueOn}`,
    category: 'payment',
    type: 'payment_due',
    title: { zh: `付款即将到期：${w.zh}`, en: `Payment due soon: ${w.en}` },
    body: {
      zh: `应付 ${yuan(p.amountFen)} 元，到期日 ${p.dueOn}（${days} 天内）。`,
      en: `${yuan(p.amountFen)} CNY due on ${p.dueOn} (within ${days} days).`,
    },
    link: payableLink(p),
  };
}

/** Past due and unpaid: the payer is asked to pay, the payee is told it is late. */
export function overdueNotice(p: PayableRecord, forPayer: boolean): NotifyEvent {
  const w = what(p);
  return {
    key: `payment:${p._id}:overdue:${p.dueOn}:${forPayer ? 'payer' : 'payee'}`,
    category: 'payment',
    type: 'payment_overdue',
    title: { zh: `付款已逾期：${w.zh}`, en: `Payment overdue: ${w.en}` },
    body: forPayer
      ? {
          zh: `应于 ${p.dueOn} 支付的 ${yuan(p.amountFen)} 元尚未到账，请尽快付款。`,
          en: `${yuan(p.amountFen)} CNY was due on ${p.dueOn} and has not arrived; please pay now.`,
        }
      : {
          zh: `${p.payerName} 应于 ${p.dueOn} 支付的 ${yuan(p.amountFen)} 元尚未到账。`,
          en: `${p.payerName} has not paid the ${yuan(p.amountFen)} CNY due on ${p.dueOn}.`,
        },
    link: payableLink(p),
  };
}

/** Money arrived (bank transfer confirmed by finance, or Stripe settled): payer and payee. */
export function confirmedNotice(p: PaymentRecord, payable: PayableRecord): NotifyEvent {
  const w = what(payable);
  return {
    key: `payment:${p._id}:confirmed`,
    category: 'payment',
    type: 'transfer_confirmed',
    title: { zh: `款项已到账：${w.zh}`, en: `Payment received: ${w.en}` },
    body: { zh: `${yuan(p.amountFen)} 元已确认到账。`, en: `${yuan(p.amountFen)} CNY was confirmed.` },
    link: payableLink(payable),
  };
}

/** Finance did not find the declared transfer: only the payer hears why. */
export function rejectedNotice(p: PaymentRecord, payable: PayableRecord, reason: string): NotifyEvent {
  const w = what(payable);
  return {
    key: `payment:${p._id}:rejected`,
    category: 'payment',
    type: 'transfer_rejected',
    title: { zh: `转账未被确认：${w.zh}`, en: `Transfer not confirmed: ${w.en}` },
    body: {
      zh: `原因：${reason}。请核对后重新提交转账凭证。`,
      en: `Reason: ${reason}. Check it and submit the transfer again.`,
    },
    link: payableLink(payable),
  };
}

export function payoutNotice(o: PayoutRecord, reference: string | null): NotifyEvent {
  return {
    key: `payout:${o._id}:sent`,
    category: 'payment',
    type: 'payout_sent',
    title: {
      zh: `平台已付款 ${yuan(o.amountFen)} 元${o.contractNo ? `（合同 ${o.contractNo}）` : ''}`,
      en: `Payout of ${yuan(o.amountFen)} CNY sent${o.contractNo ? ` (contract ${o.contractNo})` : ''}`,
    },
    body: reference
      ? {
          zh: `银行流水号 ${reference}，回单可在对账单中下载。`,
          en: `Bank reference ${reference}; the receipt is on your statement.`,
        }
      : { zh: '已通过 Stripe 转账。', en: 'Sent by Stripe transfer.' },
    link: o.beneficiary.kind === 'org' ? '/payments/statement' : '/payments/commissions',
  };
}

type DepositEvent = 'held' | 'released' | 'forfeited';
const depositWords: Record<DepositEvent, { zh: string; en: string }> = {
  held: { zh: '保证金已到账并冻结', en: 'Deposit received and held' },
  released: { zh: '保证金已退还', en: 'Deposit released' },
  forfeited: { zh: '保证金已被没收', en: 'Deposit forfeited' },
};

/** To the depositor's organisation: held on payment, then released or forfeited (with the reason). */
export function depositNotice(p: PayableRecord, event: DepositEvent, reason: string | null): NotifyEvent {
  const w = depositWords[event];
  return {
    key: `deposit:${p._id}:${event}`,
    category: 'deposit',
    type: `deposit_${event}`,
    title: { zh: `${w.zh}：「${p.title}」`, en: `${w.en}: "${p.title}"` },
    body: {
      zh: `金额 ${yuan(p.amountFen)} 元。${reason ? `原因：${reason}` : ''}`,
      en: `${yuan(p.amountFen)} CNY.${reason ? ` Reason: ${reason}` : ''}`,
    },
    link: '/payments/statement',
  };
}
