import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Progress,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { ContractPaymentsDto, PayableDto, PaymentDto } from '@shared/payment-schemas';
import { attachmentUrl } from '../../api/attachments';
import { useContractPayments, usePaymentsConfig } from '../../api/payments';
import { PageTitle } from '../../components/page-title';
import { ErrorResult, PageSkeleton } from '../../components/query-state';
import { formatDateTime } from '../../lib/format';
import { BankTransferModal } from './bank-transfer-modal';
import { todayIso, yuanText } from './money';
import { payableNote } from './payable-note';
import { ContractPaymentTag, PayableStatusTag, PaymentStatusTag } from './payment-tags';
import { RoyaltyCard } from './royalty-card';
import { StripeModal } from './stripe-modal';
import { LinkButton } from '../../components/link-button';

type Paying = { payable: PayableDto; method: 'bank' | 'stripe' } | null;

/** Due now: the due date has come and the item is still to be paid. */
const isDueNow = (p: PayableDto, today: string) => p.dueOn <= today && (p.status === 'due' || p.status === 'overdue');

function Summary({ data }: { data: ContractPaymentsDto }) {
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

function Schedule({
  data,
  stripeEnabled,
  onPay,
}: {
  data: ContractPaymentsDto;
  stripeEnabled: boolean;
  onPay: (p: Paying) => void;
}) {
  const { t, i18n } = useTranslation();
  const today = todayIso();
  return (
    <Card
      size="small"
      title={t('payments.contract.schedule')}
      extra={
        <Typography.Text type="secondary" className="small">
          {t('payments.contract.dueNowHint')}
        </Typography.Text>
      }
    >
      <Table<PayableDto>
        rowKey="id"
        size="small"
        data-testid="payables"
        dataSource={data.payables}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty description={t('payments.contract.scheduleEmpty')} /> }}
        rowClassName={(p) => (isDueNow(p, today) ? 'payable-row--due-now' : '')}
        onRow={(p) =>
          ({
            'data-testid': `payable-${p.seq}`,
            style: isDueNow(p, today) ? { background: '#fff7e6' } : undefined,
          }) as HTMLAttributes<HTMLElement>
        }
        columns={[
          { title: t('payments.payable.seq'), dataIndex: 'seq', width: 56 },
          {
            title: t('payments.payable.item'),
            render: (_: unknown, p) => (
              <Space orientation="vertical" size={0}>
                <span>
                  {t(`payments.kind.${p.kind}`)} {payableNote(p, i18n.language, t)}
                </span>
                {isDueNow(p, today) && <Tag color="orange">{t('payments.payable.dueNow')}</Tag>}
              </Space>
            ),
          },
          { title: t('payments.payable.dueOn'), dataIndex: 'dueOn', width: 110 },
          {
            title: t('payments.payable.amount'),
            dataIndex: 'amountFen',
            align: 'right',
            render: (v: number) => <strong>{yuanText(v)}</strong>,
          },
          {
            title: t('payments.payable.split'),
            render: (_: unknown, p) => (
              <div className="small" data-testid={`split-${p.seq}`}>
                <div>
                  {t('payments.payable.fee')} {yuanText(p.feeFen)}
                </div>
                <div>
                  {t('payments.payable.commission')} {yuanText(p.commissionFen)}
                </div>
                <div>
                  {t('payments.payable.sellerShare')} {yuanText(p.sellerShareFen)}
                </div>
              </div>
            ),
          },
          {
            title: t('payments.payable.paid'),
            dataIndex: 'paidFen',
            align: 'right',
            render: (v: number) => yuanText(v),
          },
          {
            title: t('payments.payable.status'),
            dataIndex: 'status',
            render: (s: PayableDto['status'], p) => <PayableStatusTag status={s} testId={`payable-status-${p.seq}`} />,
          },
          {
            title: t('payments.payable.actions'),
            render: (_: unknown, p) =>
              p.viewer.canPay ? (
                <Space wrap>
                  <Button
                    size="small"
                    type={isDueNow(p, today) ? 'primary' : 'default'}
                    data-testid={`pay-bank-${p.seq}`}
                    onClick={() => onPay({ payable: p, method: 'bank' })}
                  >
                    {t('payments.payable.payBank')}
                  </Button>
                  {stripeEnabled && p.viewer.canPayByStripe && (
                    <Button
                      size="small"
                      data-testid={`pay-stripe-${p.seq}`}
                      onClick={() => onPay({ payable: p, method: 'stripe' })}
                    >
                      {t('payments.payable.payStripe')}
                    </Button>
                  )}
                </Space>
              ) : p.status === 'pending_confirmation' ? (
                <Typography.Text type="secondary">{t('payments.payable.waiting')}</Typography.Text>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

function History({
  payments,
  payables,
  receipts,
}: {
  payments: PaymentDto[];
  payables: PayableDto[];
  receipts: boolean;
}) {
  const { t } = useTranslation();
  const seqOf = new Map(payables.map((p) => [p.id, p.seq]));
  return (
    <Card size="small" title={t('payments.contract.history')}>
      <Table<PaymentDto>
        rowKey="id"
        size="small"
        data-testid="payment-history"
        dataSource={payments}
        pagination={payments.length > 10 ? { pageSize: 10 } : false}
        scroll={{ x: 800 }}
        locale={{ emptyText: <Empty description={t('payments.contract.historyEmpty')} /> }}
        columns={[
          { title: t('payments.payment.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          { title: t('payments.payable.seq'), render: (_: unknown, p) => seqOf.get(p.payableId) ?? '—' },
          {
            title: t('payments.payment.method'),
            dataIndex: 'method',
            render: (m: PaymentDto['method'], p) =>
              `${t(`payments.method.${m}`)}${p.stripe ? ` · ${t(`payments.methodType.${p.stripe.methodType}`)}` : ''}`,
          },
          {
            title: t('payments.payment.amount'),
            dataIndex: 'amountFen',
            align: 'right',
            render: (v: number) => yuanText(v),
          },
          {
            title: t('payments.payment.status'),
            dataIndex: 'status',
            render: (s: PaymentDto['status']) => <PaymentStatusTag status={s} testId="payment-status" />,
          },
          {
            title: t('payments.payment.reference'),
            render: (_: unknown, p) => p.bank?.bankReference ?? p.stripe?.paymentIntentId ?? '—',
          },
          {
            title: t('payments.payment.receipt'),
            render: (_: unknown, p) =>
              p.bank && receipts ? (
                <a href={attachmentUrl(p.bank.receiptAttachmentId)} target="_blank" rel="noreferrer">
                  {t('payments.finance.openReceipt')}
                </a>
              ) : (
                '—'
              ),
          },
          {
            title: t('payments.payment.reason'),
            render: (_: unknown, p) =>
              [p.bank?.decidedByName, p.bank?.reason ?? p.refund?.reason].filter(Boolean).join(' · ') || '—',
          },
        ]}
      />
    </Card>
  );
}

/** A contract's payments: progress, the schedule as payables (what is due now highlighted), paying, and the history. */
export default function ContractPaymentsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { data, error, isLoading, refetch } = useContractPayments(id);
  const config = usePaymentsConfig();
  const [paying, setPaying] = useState<Paying>(null);
  if (isLoading) return <PageSkeleton />;
  if (error || !data) return <ErrorResult error={error} onRetry={() => void refetch()} />;
  const stripeEnabled = !!config.data?.stripeEnabled;
  return (
    <div className="page" data-testid="contract-payments">
      <PageTitle
        titleKey="payments.contract.title"
        subtitle={`${data.contract.title} · ${data.contract.contractNo}`}
        extra={
          // Finance staff read the payments but not the contract page itself (a party's view).
          data.viewer.side && (
            <LinkButton to={`/contracts/${data.contract.id}`} data-testid="back-to-contract">
              {t('payments.contract.back')}
            </LinkButton>
          )
        }
      />
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        {data.viewer.side === 'seller' && <Alert type="info" showIcon title={t('payments.contract.viewerSeller')} />}
        {data.viewer.staff && !data.viewer.side && (
          <Alert type="info" showIcon title={t('payments.contract.viewerStaff')} />
        )}
        <Summary data={data} />
        <Schedule data={data} stripeEnabled={stripeEnabled} onPay={setPaying} />
        {data.royaltyBp !== null && <RoyaltyCard data={{ ...data, royaltyBp: data.royaltyBp }} />}
        {/* The receipt is the payer's file: the buyer and finance open it, the seller does not. */}
        <History
          payments={data.payments}
          payables={data.payables}
          receipts={data.viewer.side === 'buyer' || data.viewer.staff}
        />
      </Space>
      {paying?.method === 'bank' && <BankTransferModal payable={paying.payable} onClose={() => setPaying(null)} />}
      {paying?.method === 'stripe' && <StripeModal payable={paying.payable} onClose={() => setPaying(null)} />}
    </div>
  );
}
