import type { PayableDto } from '@shared/payment-schemas';

/**
 * A payable's note in the UI language. The API stores the notes it writes itself in Chinese (一次性支付,
 * 第2期, the deposit rule, the royalty sum); in English those are said in English, and a deposit's note is
 * its rule as the web words it. Notes the parties typed into their payment schedule are shown as typed.
 */
export function payableNote(
  p: Pick<PayableDto, 'kind' | 'note' | 'deposit'>,
  lang: string,
  t: (key: string, o?: Record<string, unknown>) => string,
): string {
  if (p.deposit) return t(`payments.deposit.rule.${p.deposit.subjectKind}`);
  if (!lang.startsWith('en')) return p.note;
  if (p.note === '一次性支付') return t('payments.note.lumpSum');
  const nth = /^第(\d+)期$/.exec(p.note);
  if (nth) return t('payments.note.instalment', { n: nth[1] });
  const royalty = /^收益提成 (\S+)：净销售额 ([\d.]+) 元 × ([\d.]+)%(?:（(.*)）)?$/.exec(p.note);
  if (royalty)
    return t('payments.note.royalty', {
      period: royalty[1],
      sales: Number(royalty[2]).toLocaleString('en-GB', { maximumFractionDigits: 2 }),
      rate: royalty[3],
      note: royalty[4] ? ` (${royalty[4]})` : '',
    });
  return p.note;
}
