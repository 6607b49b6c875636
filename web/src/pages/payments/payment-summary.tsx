import { Card, Col, Progress, Row, Space, Statistic, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ContractPaymentsDto } from '@shared/payment-schemas';
import { yuanText } from './money';
import { ContractPaymentTag } from './payment-tags';

/** The parties, the progress bar and the totals (due now in red), and what the ledger has paid out. */
export function PaymentSummary({ data }: { data: ContractPaymentsDto }) {
  const { t, i18n } = useTranslation();
  const colon = i18n.language === 'en' ? ': ' : '：';
  const { totals, contract } = data;
  const percent = totals.amountFen > 0 ? Math.floor((totals.paidFen / totals.amountFen) * 1000) / 10 : 0;
  return (
    <Card size="small" data-testid="payment-summary">
      <Space wrap style={{ marginBottom: 8 }}>
        <ContractPaymentTag status={data.status} />
        <span>
          {t('payments.contract.seller')}
          {colon}
          {contract.sellerName}
        </span>
        <span>
          {t('payments.contract.buyer')}
          {colon}
          {contract.buyerName}
        </span>
        {contract.broker && (
          <span>
            {t('payments.contract.broker')}
            {colon}
            {contract.broker.name}
          </span>
        )}
      </Space>
      <Tooltip
        title={t('payments.contract.progress', { paid: yuanText(totals.paidFen), total: yuanText(totals.amountFen) })}
      >
        <div data-testid="payment-progress" data-percent={percent}>
          <Progress
            aria-label={t('payments.contract.progress', {
              paid: yuanText(totals.paidFen),
              total: yuanText(totals.amountFen),
            })}
            percent={percent}
            status={data.status === 'paid' ? 'success' : 'active'}
          />
        </div>
      </Tooltip>
      <Typography.Text type="secondary" className="small">
        {t('payments.contract.progress', { paid: yuanText(totals.paidFen), total: yuanText(totals.amountFen) })}
      </Typography.Text>
      <Row gutter={16} style={{ marginTop: 12 }}>
        {(['amount', 'paid', 'outstanding', 'dueNow', 'fee', 'commission'] as const).map((k) => (
          <Col xs={12} md={8} lg={4} key={k}>
            <Statistic
              title={t(`payments.contract.totals.${k}`)}
              value={yuanText(totals[`${k}Fen`])}
              styles={k === 'dueNow' && totals.dueNowFen > 0 ? { content: { color: '#cf1322' } } : undefined}
              data-testid={`total-${k}`}
              data-fen={String(totals[`${k}Fen`])}
            />
          </Col>
        ))}
      </Row>
      <Typography.Text
        type="secondary"
        className="small"
        data-testid="ledger-paid-out"
        data-fen={data.ledger.paidOutFen}
      >
        {t('payments.contract.ledgerPaidOut', { amount: yuanText(data.ledger.paidOutFen) })}
      </Typography.Text>
    </Card>
  );
}
