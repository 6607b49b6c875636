import { InputNumber } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import i18next from 'i18next';
import type { z } from 'zod';
import { contractTermsSchema, partySchema } from '@shared/contract-schemas';
import { blankToUndefined, issueMessage } from '../../../lib/zod-form';
import { yuanToFen } from './paper-contract-values';

/** The zod shapes the paper-contract fields are checked with (the server's own), and the amount input in 元. */
export const terms = contractTermsSchema.shape;
export const party = partySchema.shape;
export const payment = terms.paymentSchedule.unwrap().element.shape;
export const ip = terms.ip.unwrap().element.shape;
export const broker = terms.broker.unwrap().unwrap().shape;
export const DAY = 'YYYY-MM-DD';

/** An amount typed in 元, checked as the 分 the API stores (the same zod schema as the server). */
export function yuanRule(schema: z.ZodType, t: TFunction, required: boolean): Rule {
  return {
    validator: async (_rule, value: number | null | undefined) => {
      if (blankToUndefined(value) === undefined) {
        if (required) throw new Error(t('validation.required'));
        return;
      }
      const parsed = schema.safeParse(yuanToFen(Number(value)));
      if (!parsed.success) throw new Error(issueMessage(parsed.error.issues[0], t));
    },
  };
}

export const yuanInput = (testId: string) => (
  <InputNumber<number>
    min={0}
    precision={2}
    step={1000}
    suffix={i18next.t('common.yuan')}
    style={{ width: '100%' }}
    data-testid={testId}
  />
);
