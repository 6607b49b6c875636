import { Button, Empty, Segmented, Table, Tooltip, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FinancePaymentDto } from '@shared/payment-schemas';
import { useFinancePayments } from '../../api/payments';
import { ErrorResult } from '../../components/query-state';
import { useUrlFilters } from '../../lib/use-url-filters';
import { formatDateTime } from '../../lib/format';
import { yuanText } from './money';
import { PaymentStatusTag } from './payment-tags';
import { RefundModal } from './refund-modal';

const STATUS_KEY = ['status'] as const;
type Filter = 'all' | 'succeeded' | 'refunded';

/** Payments that took money (or gave it back), newest first; finance refunds one in full, admins read. */
export function SettledPaymentsTable({ canDecide }: { canDecide: boolean }) {
  const { t } = useTranslation();
  const url = useUrlFilters(STATUS_KEY);
  const status = ((url.filters.status as Filter | undefined) ?? 'all') as Filter;
  const page = url.page;
  const [refunding, setRefunding] = useState<FinancePaymentDto | null>(null);
  const pageSize = 20;
  const { data, error, isLoading, isFetching, refetch } = useFinancePayments({
    status: status === 'all' ? undefined : status,
    page,
    pageSize,
  });
  if (error) return <ErrorResult error={error} onRetry={() => void refetch()} />;
  return (
    <>
      <Segmented<Filter>
        style={{ marginBottom: 12 }}
        value={status}
        data-testid="settled-filter"
        onChange={(v) => url.set({ status: v === 'all' ? undefined : v })}
        options={(['all', 'succeeded', 'refunded'] as const).map((s) => ({
          value: s,
          label: t(`payments.refund.filter.${s}`),
        }))}
      />
      <Table<FinancePaymentDto>
        rowKey="id"
        size="small"
        data-testid="settled-payments"
        loading={isLoading || isFetching}
        dataSource={data?.items}
        scroll={{ x: 1000 }}
        locale={{ emptyText: <Empty description={t('payments.refund.empty')} /> }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          onChange: (p) => url.set({ page: p }),
          hideOnSinglePage: true,
          showTotal: (n) => t('common.total', { count: n }),
        }}
        onRow={(r) => ({ 'data-testid': `settled-${r.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('payments.refund.at'),
            render: (_: unknown, r) => formatDateTime(r.succeededAt ?? r.createdAt),
            width: 150,
          },
          {
            title: t('payments.finance.payer'),
            render: (_: unknown, r) => <Link to={`/payments/orgs/${r.payable.payerOrgId}`}>{r.payable.payerName}</Link>,
          },
          {
            title: t('payments.refund.item'),
            render: (_: unknown, r) => (
              <span>
                {r.contractId ? (
                  <Link to={`/contracts/${r.contractId}/payments`}>{r.payable.contractNo}</Link>
                ) : (
                  r.payable.title
                )}{' '}
                · {t(`payments.kind.${r.payable.kind}`)}
                {r.payable.kind !== 'deposit' && ` ${r.payable.seq}`}
              </span>
            ),
          },
          {
            title: t('payments.payment.method'),
            dataIndex: 'method',
            render: (m: FinancePaymentDto['method']) => t(`payments.method.${m}`),
          },
          {
            title: t('payments.payment.amount'),
            dataIndex: 'amountFen',
            align: 'right',
            render: (v: number) => <strong>{yuanText(v)}</strong>,
          },
          {
            title: t('payments.payment.status'),
            dataIndex: 'status',
            render: (s: FinancePaymentDto['status'], r) => (
              <PaymentStatusTag status={s} testId={`settled-status-${r.id}`} />
            ),
          },
          { title: t('payments.payment.reason'), render: (_: unknown, r) => r.refund?.reason ?? '—' },
          {
            title: '',
            render: (_: unknown, r) => {
              if (!canDecide || r.status === 'refunded') return null;
              // Asked of Stripe already: the webhook (or reconciliation) moves it to refunded.
              if (r.refund)
                return (
                  <Typography.Text type="secondary" className="small" data-testid={`refund-pending-${r.id}`}>
                    {t('payments.refund.pending')}
                  </Typography.Text>
                );
              const button = (
                <Button
                  size="small"
                  danger
                  disabled={!!r.refundBlockedBy}
                  data-testid={`refund-${r.id}`}
                  onClick={() => setRefunding(r)}
                >
                  {t('payments.refund.action')}
                </Button>
              );
              // A disabled button says why (the API decides: paid out, a deposit, not succeeded).
              return r.refundBlockedBy ? (
                <Tooltip title={t(`payments.refund.blocked.${r.refundBlockedBy}`)}>
                  <span data-testid={`refund-blocked-${r.id}`} data-reason={r.refundBlockedBy}>
                    {button}
                    <Typography.Text type="secondary" className="small" style={{ marginLeft: 8 }}>
                      {t(`payments.refund.blocked.${r.refundBlockedBy}`)}
                    </Typography.Text>
                  </span>
                </Tooltip>
              ) : (
                button
              );
            },
          },
        ]}
      />
      {refunding && <RefundModal payment={refunding} onClose={() => setRefunding(null)} />}
    </>
  );
}
