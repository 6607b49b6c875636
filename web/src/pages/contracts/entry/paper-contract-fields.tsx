import { Card, Col, Form, Input, Row, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { zodRule } from '../../../lib/zod-form';
import { terms, broker, DAY, yuanRule, yuanInput } from './contract-field-rules';
import { IpCard } from './ip-card';
import { MoneyCard } from './money-card';
import { PartiesCard } from './parties-card';
import { SubjectCard } from './subject-card';

// The contract edit page reuses these sections.
export { IpCard, MoneyCard, SubjectCard };

/** The term; a platform contract's signing date is set by its second signature, so only paper asks for it. */
export function TermCard({ paper = true }: { paper?: boolean }) {
  const { t } = useTranslation();
  const day = (name: string, label: string, testId: string) => (
    <Col xs={24} md={8}>
      <Form.Item name={name} label={label} required rules={[zodRule(terms.startOn, t)]}>
        <Input placeholder={DAY} maxLength={10} data-testid={testId} />
      </Form.Item>
    </Col>
  );
  return (
    <Card title={t('contracts.entry.section.term')} className="section-card">
      <Row gutter={16}>
        {paper && day('signedOn', t('contracts.list.signedOn'), 'entry-signed-on')}
        {day('startOn', t('contracts.entry.startOn'), 'entry-start-on')}
        {day('endOn', t('contracts.entry.endOn'), 'entry-end-on')}
      </Row>
    </Card>
  );
}

function BrokerCard() {
  const { t } = useTranslation();
  const hasBroker = Form.useWatch('hasBroker') as boolean | undefined;
  return (
    <Card
      title={t('contracts.detail.broker')}
      className="section-card"
      extra={
        <Form.Item name="hasBroker" valuePropName="checked" noStyle>
          <Switch
            data-testid="entry-has-broker"
            checkedChildren={t('contracts.entry.withBroker')}
            unCheckedChildren={t('contracts.entry.noBroker')}
          />
        </Form.Item>
      }
    >
      {hasBroker ? (
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name={['broker', 'name']}
              label={t('contracts.entry.brokerName')}
              required
              rules={[zodRule(broker.name, t)]}
            >
              <Input maxLength={60} data-testid="entry-broker-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name={['broker', 'certNo']}
              label={t('contracts.entry.brokerCertNo')}
              rules={[zodRule(broker.certNo, t)]}
            >
              <Input maxLength={40} data-testid="entry-broker-cert" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name={['broker', 'commissionYuan']}
              label={t('contracts.entry.commission')}
              rules={[yuanRule(broker.commissionFen, t, false)]}
            >
              {yuanInput('entry-commission')}
            </Form.Item>
          </Col>
        </Row>
      ) : (
        <p className="muted">{t('contracts.entry.brokerHint')}</p>
      )}
    </Card>
  );
}

/** The sections of the paper-contract form (one antd Form, validated field by field with the shared zod schemas). */
export function PaperContractFields({
  seller,
}: {
  seller: { name: string; creditCode: string; regionCode: string; type: string };
}) {
  return (
    <>
      <SubjectCard />
      <PartiesCard seller={seller} />
      <MoneyCard />
      <TermCard />
      <IpCard />
      <BrokerCard />
    </>
  );
}
