import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  contractCategoryCodes,
  contractSubTypes,
  contractTermsSchema,
  exclusivityCodes,
  ipTypeCodes,
  partySchema,
  type ContractCategory,
} from '@shared/contract-schemas';
import { orgTypeCodes, regions } from '@shared/taxonomy';
import { useLabels } from '../../../lib/use-labels';
import { blankToUndefined, issueMessage, zodRule } from '../../../lib/zod-form';
import { labels } from '../labels';
import { yuanToFen } from './paper-contract-values';

const terms = contractTermsSchema.shape;
const party = partySchema.shape;
const payment = terms.paymentSchedule.unwrap().element.shape;
const ip = terms.ip.unwrap().element.shape;
const broker = terms.broker.unwrap().unwrap().shape;
const DAY = 'YYYY-MM-DD';

/** An amount typed in 元, checked as the 分 the API stores (the same zod schema as the server). */
function yuanRule(schema: z.ZodType, t: TFunction, required: boolean): Rule {
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

const yuanInput = (testId: string) => (
  <InputNumber<number>
    min={0}
    precision={2}
    step={1000}
    suffix={i18next.t('common.yuan')}
    style={{ width: '100%' }}
    data-testid={testId}
  />
);

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

function PartiesCard({ seller }: { seller: { name: string; creditCode: string; regionCode: string; type: string } }) {
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

function PaymentRows() {
  const { t } = useTranslation();
  return (
    <Form.List name="paymentSchedule">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f) => (
            <Row key={f.key} gutter={8} align="top" data-testid="payment-row">
              <Col xs={24} md={6}>
                <Form.Item
                  name={[f.name, 'dueOn']}
                  label={t('contracts.entry.dueOn')}
                  required
                  rules={[zodRule(payment.dueOn, t)]}
                >
                  <Input placeholder={DAY} maxLength={10} data-testid={`payment-due-${f.name}`} />
                </Form.Item>
              </Col>
              <Col xs={24} md={7}>
                <Form.Item
                  name={[f.name, 'amountYuan']}
                  label={t('contracts.entry.paymentAmount')}
                  required
                  rules={[yuanRule(payment.amountFen, t, true)]}
                >
                  {yuanInput(`payment-amount-${f.name}`)}
                </Form.Item>
              </Col>
              <Col xs={20} md={9}>
                <Form.Item
                  name={[f.name, 'note']}
                  label={t('contracts.entry.paymentNote')}
                  rules={[zodRule(payment.note, t)]}
                >
                  <Input maxLength={200} placeholder={t('contracts.entry.paymentNotePlaceholder')} />
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
          {fields.length < 24 && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ note: '' })} data-testid="add-payment">
              {t('contracts.entry.addPayment')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}

export function MoneyCard() {
  const { t } = useTranslation();
  return (
    <Card title={t('contracts.entry.section.money')} className="section-card">
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="amountYuan"
            label={t('contracts.entry.amount')}
            required
            rules={[yuanRule(terms.amountFen, t, true)]}
          >
            {yuanInput('entry-amount')}
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="techAmountYuan"
            label={t('contracts.entry.techAmount')}
            rules={[yuanRule(terms.techAmountFen, t, false)]}
            extra={t('contracts.entry.techAmountHint')}
          >
            {yuanInput('entry-tech-amount')}
          </Form.Item>
        </Col>
      </Row>
      <PaymentRows />
    </Card>
  );
}

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
