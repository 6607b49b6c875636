import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { exclusivityCodes, ipTypeCodes } from '@shared/contract-schemas';
import { zodRule } from '../../../lib/zod-form';
import { labels } from '../labels';
import { ip } from './contract-field-rules';

/** The intellectual property the contract covers. */
export function IpCard() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const category = Form.useWatch('category') as string | undefined;
  return (
    <Card title={t('contracts.entry.section.ip')} className="section-card">
      <Form.List name="ip">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Row key={f.key} gutter={8} align="top" data-testid="ip-row">
                <Col xs={24} md={6}>
                  <Form.Item
                    name={[f.name, 'type']}
                    label={t('catalog.field.ipType')}
                    required
                    rules={[zodRule(ip.type, t)]}
                  >
                    <Select
                      data-testid={`ip-type-${f.name}`}
                      options={ipTypeCodes.map((c) => ({ value: c, label: labels.ip(c, lang) }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={6}>
                  <Form.Item
                    name={[f.name, 'number']}
                    label={t('catalog.field.ipNumber')}
                    rules={[zodRule(ip.number, t)]}
                  >
                    <Input maxLength={50} data-testid={`ip-number-${f.name}`} />
                  </Form.Item>
                </Col>
                <Col xs={20} md={10}>
                  <Form.Item
                    name={[f.name, 'title']}
                    label={t('contracts.entry.ipTitle')}
                    required
                    rules={[zodRule(ip.title, t)]}
                  >
                    <Input maxLength={200} data-testid={`ip-title-${f.name}`} />
                  </Form.Item>
                </Col>
                <Col xs={4} md={2}>
                  <Form.Item label=" ">
                    <Button
                      type="text"
                      danger
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(f.name)}
                      aria-label={t('catalog.form.remove')}
                    />
                  </Form.Item>
                </Col>
              </Row>
            ))}
            {fields.length < 20 && (
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ number: '' })} data-testid="add-ip">
                {t('contracts.entry.addIp')}
              </Button>
            )}
          </>
        )}
      </Form.List>
      {category === 'license' && (
        <Form.Item name="exclusivity" label={t('contracts.entry.exclusivity')} style={{ marginTop: 16 }}>
          <Select
            allowClear
            data-testid="entry-exclusivity"
            options={exclusivityCodes.map((c) => ({ value: c, label: t(`contracts.entry.exclusivityOption.${c}`) }))}
          />
        </Form.Item>
      )}
    </Card>
  );
}
