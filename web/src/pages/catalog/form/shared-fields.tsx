import { Col, Form, Input, Row, Select, Typography, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { contactSchema } from '@shared/catalog-schemas';
import type { z } from 'zod';
import { useLabels } from '../../../lib/use-labels';
import { issueMessage, zodItem, zodRule } from '../../../lib/zod-form';
import { useRegionOptions } from '../../orgs/region-options';
import { uploadItemProps, UploadField } from './upload-field';

type Shape = Record<string, z.ZodType>;

/** Label + name + required mark + zod rule for a field of a listing schema. */
export function useItem(shape: Shape) {
  const { t } = useTranslation();
  return (name: string, labelKey = name) => ({ label: t(`catalog.field.${labelKey}`), ...zodItem(shape, name, t) });
}

/** Title, keywords, field/sub-field and region: the same first step for both kinds. */
export function IdentityFields({ shape, form }: { shape: Shape; form: FormInstance }) {
  const { t } = useTranslation();
  const { tax, pick } = useLabels();
  const regionOptions = useRegionOptions();
  const item = useItem(shape);
  const fieldCode = Form.useWatch('fieldCode', form) as string | undefined;
  const subfields = tax.fields.find((f) => f.code === fieldCode)?.children ?? [];
  return (
    <Row gutter={16}>
      <Col xs={24}>
        <Form.Item {...item('title')}>
          <Input maxLength={100} showCount />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item {...item('keywords')} extra={t('catalog.form.keywordsHelp')}>
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} maxCount={10} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item {...item('fieldCode')}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={tax.fields.map((f) => ({ value: f.code, label: pick(f) }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item {...item('subfieldCode')}>
          <Select
            allowClear
            disabled={!subfields.length}
            options={subfields.map((f) => ({ value: f.code, label: pick(f) }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item {...item('regionCode')}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={regionOptions} />
        </Form.Item>
      </Col>
    </Row>
  );
}

const contactShape = contactSchema.shape;

/** Confidential details, contact and files: shown only after an NDA (same last step for both kinds). */
export function ConfidentialFields() {
  const { t } = useTranslation();
  const anyContact = (form: { getFieldValue: (n: string) => unknown }) =>
    ['contactPhone', 'contactEmail'].some((n) => String(form.getFieldValue(n) ?? '').trim() !== '');
  return (
    <>
      <Typography.Paragraph type="secondary">{t('catalog.form.confidentialHelp')}</Typography.Paragraph>
      <Form.Item label={t('catalog.field.details')} name="details">
        <Input.TextArea rows={6} maxLength={20_000} showCount />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            label={t('catalog.field.contactName')}
            name="contactName"
            dependencies={['contactPhone', 'contactEmail']}
            rules={[
              (form) => ({
                validator: async (_r, v?: string) => {
                  if (!v?.trim() && !anyContact(form)) return;
                  const parsed = contactShape.name.safeParse(v ?? '');
                  if (!parsed.success) throw new Error(issueMessage(parsed.error.issues[0], t));
                },
              }),
            ]}
          >
            <Input maxLength={60} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            label={t('catalog.field.contactPhone')}
            name="contactPhone"
            rules={[zodRule(contactShape.phone, t, 'phone')]}
          >
            <Input inputMode="tel" maxLength={20} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            label={t('catalog.field.contactEmail')}
            name="contactEmail"
            rules={[zodRule(contactShape.email, t, 'email')]}
          >
            <Input inputMode="email" maxLength={254} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        label={t('catalog.field.attachments')}
        name="attachments"
        extra={t('catalog.form.uploadHint')}
        {...uploadItemProps}
      >
        <UploadField max={20} testId="upload-attachments" />
      </Form.Item>
    </>
  );
}
