import { Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select, Typography, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { cooperationModes, createNeedBody } from '@shared/catalog-schemas';
import { wanRule } from './money-rules';
import { ConfidentialFields, IdentityFields, useItem } from './shared-fields';
import type { StepDef } from './step-form';

const shape = createNeedBody.shape;

/** The four steps of the need form; the third turns it into a 揭榜挂帅 challenge. */
export function useNeedSteps(form: FormInstance): StepDef[] {
  const { t } = useTranslation();
  const item = useItem(shape);
  const negotiable = Form.useWatch('negotiable', form) as boolean | undefined;
  const isChallenge = Form.useWatch('isChallenge', form) as boolean | undefined;
  const moneyInput = (
    <InputNumber min={0} max={1_000_000} precision={2} className="full-width" suffix={t('catalog.money.unit')} />
  );

  return [
    {
      key: 'basic',
      title: t('catalog.form.steps.basic'),
      fields: ['title', 'keywords', 'fieldCode', 'subfieldCode', 'regionCode', 'problem'],
      content: (
        <>
          <IdentityFields shape={shape} form={form} />
          <Form.Item {...item('problem')} extra={t('catalog.form.problemHelp')}>
            <Input.TextArea rows={8} maxLength={2000} showCount />
          </Form.Item>
        </>
      ),
    },
    {
      key: 'requirement',
      title: t('catalog.form.steps.requirement'),
      fields: ['indicators', 'cooperationModes', 'deadline', 'negotiable', 'budgetMinWan', 'budgetMaxWan'],
      content: (
        <Row gutter={16}>
          <Col xs={24}>
            <Form.Item {...item('indicators')}>
              <Input.TextArea rows={4} maxLength={1000} showCount />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item {...item('cooperationModes')}>
              <Select
                mode="multiple"
                options={cooperationModes.map((m) => ({ value: m, label: t(`catalog.cooperation.${m}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('catalog.field.deadline')} name="deadline">
              <DatePicker className="full-width" disabledDate={(d: Dayjs) => d.isBefore(new Date(), 'day')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              label={t('catalog.field.budgetMinWan')}
              name="budgetMinWan"
              rules={[wanRule(t, { required: () => false })]}
            >
              {moneyInput}
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              label={t('catalog.field.budgetMaxWan')}
              name="budgetMaxWan"
              required={!negotiable}
              dependencies={['negotiable', 'budgetMinWan']}
              rules={[
                wanRule(t, { required: () => !form.getFieldValue('negotiable') }),
                {
                  validator: async (_r, max?: number | null) => {
                    const min = form.getFieldValue('budgetMinWan') as number | null | undefined;
                    if (max != null && min != null && min > max) throw new Error(t('catalog.form.rangeOrder'));
                  },
                },
              ]}
            >
              {moneyInput}
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label=" " name="negotiable" valuePropName="checked">
              <Checkbox data-testid="budget-negotiable">{t('catalog.field.negotiable')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
      ),
    },
    {
      key: 'challenge',
      title: t('catalog.form.steps.challenge'),
      fields: ['isChallenge', 'rewardWan', 'closesAt'],
      content: (
        <>
          <Typography.Paragraph type="secondary">{t('catalog.form.challengeHelp')}</Typography.Paragraph>
          <Form.Item name="isChallenge" valuePropName="checked">
            <Checkbox data-testid="is-challenge">{t('catalog.field.isChallenge')}</Checkbox>
          </Form.Item>
          {isChallenge && (
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item
                  label={t('catalog.field.rewardWan')}
                  name="rewardWan"
                  required
                  rules={[wanRule(t, { required: () => true, positive: true })]}
                >
                  {moneyInput}
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  label={t('catalog.field.closesAt')}
                  name="closesAt"
                  required
                  rules={[
                    {
                      validator: async (_r, v?: Dayjs | null) => {
                        if (!v) throw new Error(t('validation.required'));
                        if (!v.isAfter(new Date())) throw new Error(t('catalog.form.closesInFuture'));
                      },
                    },
                  ]}
                >
                  <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" className="full-width" />
                </Form.Item>
              </Col>
            </Row>
          )}
        </>
      ),
    },
    {
      key: 'confidential',
      title: t('catalog.form.steps.confidential'),
      fields: ['details', 'contactName', 'contactPhone', 'contactEmail', 'attachments'],
      content: <ConfidentialFields />,
    },
  ];
}
