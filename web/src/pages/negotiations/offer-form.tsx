import { Button, Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  contractCategoryCodes,
  exclusivityCodes,
  offerTermsSchema,
  paymentPlanKinds,
  type OfferTerms,
  type PaymentPlan,
} from '@shared/negotiation-events';
import { wanToFen } from '../../lib/money';

interface Values {
  amountWan: number;
  category: OfferTerms['category'];
  planKind: PaymentPlan['kind'];
  firstPercent?: number;
  secondMonths?: number;
  dueDays?: number;
  royaltyPercent?: number;
  years?: number;
  trialMonths?: number;
  milestones?: string;
  termMonths: number;
  exclusivity: OfferTerms['exclusivity'];
  validDays: number;
  text?: string;
}

function planOf(v: Values): PaymentPlan {
  switch (v.planKind) {
    case 'lump_sum':
      return { kind: 'lump_sum', dueDays: v.dueDays ?? 30 };
    case 'instalments': {
      const first = v.firstPercent ?? 30;
      return {
        kind: 'instalments',
        instalments: [
          { percent: first, dueMonths: 0 },
          { percent: 100 - first, dueMonths: v.secondMonths ?? 6 },
        ],
      };
    }
    case 'milestones': {
      const names = (v.milestones ?? '')
        .split(/[,，]/)
        .map((s) => s.trim())
        .filter(Boolean);
      const list = names.length ? names : ['验收'];
      const share = Math.floor(100 / list.length);
      return {
        kind: 'milestones',
        milestones: list.map((name, i) => ({
          name,
          percent: i === list.length - 1 ? 100 - share * (list.length - 1) : share,
        })),
      };
    }
    case 'royalty':
      return { kind: 'royalty', royaltyBp: Math.round((v.royaltyPercent ?? 3) * 100), years: v.years ?? 5 };
    case 'use_first_pay_later':
      return { kind: 'use_first_pay_later', trialMonths: v.trialMonths ?? 6 };
  }
}

/** The structured offer; validated with the API's own zod schema before it is sent. */
export function OfferForm({
  initial,
  onSubmit,
  submitting,
}: {
  initial?: OfferTerms;
  onSubmit: (terms: OfferTerms) => void;
  submitting?: boolean;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const planKind = Form.useWatch('planKind', form);
  const finish = (v: Values) => {
    const terms = {
      amountFen: wanToFen(v.amountWan),
      category: v.category,
      paymentPlan: planOf(v),
      termMonths: v.termMonths,
      exclusivity: v.exclusivity,
      validUntil: new Date(Date.now() + v.validDays * 86_400_000).toISOString(),
      text: v.text ?? '',
    };
    const parsed = offerTermsSchema.safeParse(terms);
    if (!parsed.success) {
      form.setFields([
        { name: 'amountWan', errors: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) },
      ]);
      return;
    }
    onSubmit(parsed.data);
  };
  const num = (name: keyof Values, label: string, min: number, max: number) => (
    <Form.Item name={name} label={t(label)} rules={[{ required: true }]}>
      <InputNumber id={`offer-${name}`} min={min} max={max} style={{ width: '100%' }} />
    </Form.Item>
  );
  return (
    <Form
      form={form}
      layout="vertical"
      data-testid="offer-form"
      onFinish={finish}
      initialValues={{
        amountWan: initial ? initial.amountFen / 1_000_000 : undefined,
        category: initial?.category ?? 'license',
        planKind: initial?.paymentPlan.kind ?? 'lump_sum',
        termMonths: initial?.termMonths ?? 36,
        exclusivity: initial?.exclusivity ?? 'ordinary',
        validDays: 14,
        dueDays: 30,
        firstPercent: 30,
        secondMonths: 6,
        royaltyPercent: 3,
        years: 5,
        trialMonths: 6,
      }}
    >
      <Form.Item name="amountWan" label={t('negotiation.offer.amount')} rules={[{ required: true }]}>
        <InputNumber id="offer-amount" min={0.01} max={1_000_000} step={1} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="category" label={t('negotiation.offer.category')}>
        <Select
          options={contractCategoryCodes.map((c) => ({ value: c, label: t(`negotiation.offer.categories.${c}`) }))}
        />
      </Form.Item>
      <Form.Item name="planKind" label={t('negotiation.offer.plan')}>
        <Select options={paymentPlanKinds.map((k) => ({ value: k, label: t(`negotiation.offer.plans.${k}`) }))} />
      </Form.Item>
      {planKind === 'lump_sum' && num('dueDays', 'negotiation.offer.dueDays', 0, 365)}
      {planKind === 'instalments' && (
        <>
          {num('firstPercent', 'negotiation.offer.firstPercent', 1, 99)}
          {num('secondMonths', 'negotiation.offer.secondMonths', 0, 120)}
        </>
      )}
      {planKind === 'milestones' && (
        <Form.Item name="milestones" label={t('negotiation.offer.milestones')}>
          <Input placeholder={t('negotiation.offer.milestonesExample')} />
        </Form.Item>
      )}
      {planKind === 'royalty' && (
        <>
          {num('royaltyPercent', 'negotiation.offer.royaltyPercent', 0.01, 50)}
          {num('years', 'negotiation.offer.years', 1, 20)}
        </>
      )}
      {planKind === 'use_first_pay_later' && num('trialMonths', 'negotiation.offer.trialMonths', 1, 36)}
      {num('termMonths', 'negotiation.offer.termMonths', 1, 240)}
      <Form.Item name="exclusivity" label={t('negotiation.offer.exclusivity')}>
        <Select
          options={exclusivityCodes.map((c) => ({ value: c, label: t(`negotiation.offer.exclusivities.${c}`) }))}
        />
      </Form.Item>
      {num('validDays', 'negotiation.offer.validDays', 1, 90)}
      <Form.Item name="text" label={t('negotiation.offer.text')}>
        <Input.TextArea rows={2} maxLength={4000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={submitting} data-testid="offer-submit">
        {t('negotiation.offer.submit')}
      </Button>
    </Form>
  );
}
