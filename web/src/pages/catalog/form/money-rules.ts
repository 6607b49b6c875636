import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import { fenSchema } from '@shared/catalog-schemas';
import { wanToFen } from '../../../lib/money';

const blank = (v: unknown) => v === undefined || v === null || v === '';

/**
 * An amount typed in 万元, checked as the 分 the API will receive (fenSchema). `required` may depend on
 * another field (面议 makes a price optional).
 */
export function wanRule(t: TFunction, opts: { required: () => boolean; positive?: boolean }): Rule {
  return {
    validator: async (_rule, value: number | null | undefined) => {
      if (blank(value)) {
        if (opts.required()) throw new Error(t('catalog.form.amountRequired'));
        return;
      }
      const fen = wanToFen(Number(value));
      if (opts.positive && fen < 1) throw new Error(t('catalog.form.amountPositive'));
      if (!fenSchema.safeParse(fen).success) throw new Error(t('validation.invalid'));
    },
  };
}

export const optionalWan = (v: number | null | undefined) => (blank(v) ? undefined : wanToFen(Number(v)));
