import { Card, Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { contractCategoryCodes, contractSubTypes, type ContractCategory } from '@shared/contract-schemas';
import { useLabels } from '../../../lib/use-labels';
import { zodRule } from '../../../lib/zod-form';
import { labels } from '../labels';
import { terms } from './contract-field-rules';

/** What the contract is: title, category and sub-type, technical field, subject. */
export function SubjectCard() {
  const { t, i18n } = useTranslation();
  const { tax, pick } = useLabels();
  const lang = i18n.language;
  const category = Form.useWatch('category') as ContractCategory | undefined;
  return (
    <Card title={t('contracts.entry.section.subject')} className="section-card">
      <Form.Item name="title" label={t('contracts.entry.title')} required rules={[zodRule(terms.title, t)]}>
        <Input maxLength={200} data-testid="entry-title" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            name="category"
            label={t('contracts.detail.category')}
            required
            rules={[zodRule(terms.category, t)]}
          >
            <Select
              data-testid="entry-category"
              options={contractCategoryCodes.map((c) => ({ value: c, label: labels.category(c, lang) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="subType" label={t('contracts.entry.subType')} required rules={[zodRule(terms.subType, t)]}>
            <Select
              data-testid="entry-subtype"
              disabled={!category}
              options={(category ? contractSubTypes[category] : []).map((s) => ({ value: s.code, label: pick(s) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="fieldCode"
            label={t('contracts.detail.field')}
            required
            rules={[zodRule(terms.fieldCode, t)]}
          >
            <Select
              data-testid="entry-field"
              showSearch
              optionFilterProp="label"
              options={tax.fields.map((f) => ({ value: f.code, label: pick(f) }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="subject"
        label={t('contracts.detail.subject')}
        required
        rules={[zodRule(terms.subject, t)]}
        extra={t('contracts.entry.subjectHint')}
      >
        <Input.TextArea rows={4} maxLength={4000} showCount data-testid="entry-subject" />
      </Form.Item>
    </Card>
  );
}
