import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { zodRule } from '../../../lib/zod-form';
import { terms, payment, DAY, yuanRule, yuanInput } from './contract-field-rules';

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

/** The amounts and the payment schedule. */
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
