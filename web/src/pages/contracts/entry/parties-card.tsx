import { Card, Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { orgTypeCodes, regions } from '@shared/taxonomy';
import { zodRule } from '../../../lib/zod-form';
import { labels } from '../labels';
import { party } from './contract-field-rules';

/** The seller (the entering organisation, read-only) and the buyer. */
export function PartiesCard({
  seller,
}: {
  seller: { name: string; creditCode: string; regionCode: string; type: string };
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const regionOptions = regions.map((r) => ({ value: r.code, label: `${labels.region(r.code, lang)} ${r.code}` }));
  return (
    <Card title={t('contracts.entry.section.parties')} className="section-card">
      <p data-testid="entry-seller">
        <strong>{t('contracts.detail.seller')}</strong>：{seller.name} · {seller.creditCode} ·{' '}
        {labels.region(seller.regionCode, lang)} · {labels.orgType(seller.type, lang)}
        <span className="muted"> — {t('contracts.entry.sellerIsYou')}</span>
      </p>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name={['buyer', 'name']}
            label={t('contracts.entry.buyerName')}
            required
            rules={[zodRule(party.name, t)]}
          >
            <Input maxLength={100} data-testid="entry-buyer-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name={['buyer', 'creditCode']}
            label={t('contracts.entry.buyerCreditCode')}
            required
            rules={[zodRule(party.creditCode, t)]}
            normalize={(v: string) => v?.toUpperCase()}
            extra={t('contracts.entry.creditCodeHint')}
          >
            <Input maxLength={30} data-testid="entry-buyer-credit" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name={['buyer', 'regionCode']}
            label={t('contracts.entry.buyerRegion')}
            required
            rules={[zodRule(party.regionCode, t)]}
          >
            <Select data-testid="entry-buyer-region" showSearch optionFilterProp="label" options={regionOptions} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name={['buyer', 'orgType']}
            label={t('contracts.entry.buyerType')}
            required
            rules={[zodRule(party.orgType, t)]}
          >
            <Select
              data-testid="entry-buyer-type"
              options={orgTypeCodes.map((c) => ({ value: c, label: labels.orgType(c, lang) }))}
            />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
