import type { ButtonProps } from 'antd';
import { App, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { productBody, type Instrument, type ProductDto } from '@shared/financing';
import { LIAONING } from '@shared/taxonomy';
import { errorText, isApiError } from '../../api/client';
import { useSaveProduct } from '../../api/financing';
import { fenToWan, wanToFen } from '../../lib/money';
import { showServerErrors } from '../../lib/server-errors';
import { useLabels } from '../../lib/use-labels';
import { showZodIssues } from '../../lib/zod-form';

/** Form values: the body's names, amounts in 万元 and rates/shares in % (converted on submit). */
interface Values {
  name: string;
  instrument: Instrument;
  amountMinFen: number;
  amountMaxFen: number;
  termMonthsMin: number;
  termMonthsMax: number;
  rateMinBp?: number;
  rateMaxBp?: number;
  equityMinBp?: number;
  equityMaxBp?: number;
  fields: string[];
  stages: string[];
  regions: string[];
  materials: string[];
  description?: string;
}

const toForm = (p: ProductDto): Values => ({
  ...p,
  amountMinFen: fenToWan(p.amountMinFen),
  amountMaxFen: fenToWan(p.amountMaxFen),
  rateMinBp: p.rateMinBp === null ? undefined : p.rateMinBp / 100,
  rateMaxBp: p.rateMaxBp === null ? undefined : p.rateMaxBp / 100,
  equityMinBp: p.equityMinBp === null ? undefined : p.equityMinBp / 100,
  equityMaxBp: p.equityMaxBp === null ? undefined : p.equityMaxBp / 100,
});
const bp = (pct: number | undefined | null) => (pct === undefined || pct === null ? null : Math.round(pct * 100));

/** Writes a product (new or edit) with the API's own schema; the instruments offered are the institution's. */
export function ProductForm(props: {
  open: boolean;
  product: ProductDto | null;
  allowed: Instrument[];
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const labels = useLabels();
  const [form] = Form.useForm<Values>();
  const save = useSaveProduct();
  const instrument = Form.useWatch('instrument', form);
  const equity = instrument === 'equity';

  useEffect(() => {
    if (!props.open) return;
    if (props.product) form.setFieldsValue(toForm(props.product));
    else form.setFieldsValue({ instrument: props.allowed[0], fields: [], stages: [], regions: [], materials: [] });
  }, [props.open, props.product, props.allowed, form]);

  const submit = () => {
    const v = form.getFieldsValue(true) as Values;
    const parsed = productBody.safeParse({
      name: v.name ?? '',
      instrument: v.instrument,
      amountMinFen: wanToFen(v.amountMinFen ?? 0),
      amountMaxFen: wanToFen(v.amountMaxFen ?? 0),
      termMonthsMin: v.termMonthsMin,
      termMonthsMax: v.termMonthsMax,
      rateMinBp: equity ? null : bp(v.rateMinBp),
      rateMaxBp: equity ? null : bp(v.rateMaxBp),
      equityMinBp: equity ? bp(v.equityMinBp) : null,
      equityMaxBp: equity ? bp(v.equityMaxBp) : null,
      fields: v.fields ?? [],
      stages: v.stages ?? [],
      regions: v.regions ?? [],
      materials: v.materials ?? [],
      description: v.description ?? '',
    });
    if (!parsed.success) return showZodIssues(form, parsed.error, t);
    save.mutate(
      { id: props.product?.id, body: parsed.data },
      {
        onSuccess: () => {
          void message.success(t('financing.product.saved'));
          props.onClose();
        },
        onError: (err) => {
          if (!isApiError(err) || !showServerErrors(form, err, t, i18n.language))
            void message.error(errorText(err, i18n.language));
        },
      },
    );
  };

  const num = (name: keyof Values, label: string, max: number, step = 1) => (
    <Col xs={24} sm={12}>
      <Form.Item name={name} label={t(`financing.product.form.${label}`)} required>
        <InputNumber className="fin-full" min={0} max={max} step={step} />
      </Form.Item>
    </Col>
  );

  return (
    <Modal
      open={props.open}
      title={props.product ? t('financing.product.edit') : t('financing.product.new')}
      onCancel={props.onClose}
      onOk={submit}
      okText={t('financing.product.form.save')}
      cancelText={t('financing.product.form.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'product-save' } as ButtonProps}
      width={720}
      destroyOnHidden
      afterClose={() => form.resetFields()}
    >
      <Form form={form} layout="vertical" data-testid="product-form">
        <Form.Item name="name" label={t('financing.product.form.name')} required>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="instrument" label={t('financing.product.form.instrument')} required>
          <Select options={props.allowed.map((c) => ({ value: c, label: t(`financing.instrument.${c}`) }))} />
        </Form.Item>
        <Row gutter={12}>
          {num('amountMinFen', 'amountMin', 100_000)}
          {num('amountMaxFen', 'amountMax', 100_000)}
          {num('termMonthsMin', 'termMin', 360)}
          {num('termMonthsMax', 'termMax', 360)}
          {equity ? num('equityMinBp', 'equityMin', 100, 0.5) : num('rateMinBp', 'rateMin', 36, 0.05)}
          {equity ? num('equityMaxBp', 'equityMax', 100, 0.5) : num('rateMaxBp', 'rateMax', 36, 0.05)}
        </Row>
        <Form.Item name="fields" label={t('financing.product.form.fields')}>
          <Select mode="multiple" options={labels.tax.fields.map((f) => ({ value: f.code, label: labels.pick(f) }))} />
        </Form.Item>
        <Form.Item name="stages" label={t('financing.product.form.stages')}>
          <Select
            mode="multiple"
            options={labels.tax.maturityStages.map((s) => ({ value: s.code, label: labels.pick(s) }))}
          />
        </Form.Item>
        <Form.Item name="regions" label={t('financing.product.form.regions')}>
          <Select
            mode="multiple"
            options={labels.tax.regions
              .filter((r) => r.parent === LIAONING)
              .map((r) => ({ value: r.code, label: labels.pick(r) }))}
          />
        </Form.Item>
        <Form.Item name="materials" label={t('financing.product.form.materials')}>
          <Select mode="tags" open={false} />
        </Form.Item>
        <Form.Item name="description" label={t('financing.product.form.description')}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
