import { FilePdfOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, Empty, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PayoutDto } from '@shared/payment-schemas';
import { attachmentUrl } from '../../api/attachments';
import { usePayouts } from '../../api/payments';
import { ErrorResult } from '../../components/query-state';
import { useUrlFilters } from '../../lib/use-url-filters';
import { formatDateTime } from '../../lib/format';
import { BankPayoutModal } from './bank-payout-modal';
import { yuanText } from './money';

const color = { pending: 'gold', paid: 'green', failed: 'red' } as const;
const STATUS_KEY = ['status'] as const;
type Filter = 'all' | PayoutDto['status'];

/** Money moved to sellers' and brokers' Connect accounts, newest first, by status. */
export function PayoutsTable() {
  const { t } = useTranslation();
  const url = useUrlFilters(STATUS_KEY);
  const status = ((url.filters.status as Filter | undefined) ?? 'all') as Filter;
  const [recording, setRecording] = useState<PayoutDto | null>(null);
  const page = url.page;
  const pageSize = 20;
  const { data, error, isLoading, isFetching, refetch } = usePayouts({
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
        onChange={(v) => url.set({ status: v === 'all' ? undefined : v })}
        options={(['all', 'pending', 'paid', 'failed'] as const).map((s) => ({
          value: s,
          label: s === 'all' ? t('payments.payouts.all') : t(`payments.payouts.statusLabel.${s}`),
        }))}
      />
      <Table<PayoutDto>
        rowKey="id"
        size="small"
        data-testid="payouts"
        loading={isLoading || isFetching}
        dataSource={data?.items}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty description={t('payments.payouts.empty')} /> }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          onChange: (p) => url.set({ page: p }),
          hideOnSinglePage: true,
          showTotal: (n) => t('common.total', { count: n }),
        }}
        columns={[
          { title: t('payments.payouts.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          {
            title: t('payments.payouts.beneficiary'),
            render: (_: unknown, o) => (
              <Link
                to={
                  o.beneficiary.kind === 'org'
                    ? `/payments/orgs/${o.beneficiary.id}`
                    : `/payments/brokers/${o.beneficiary.id}`
                }
              >
                {o.beneficiary.name} (
                {o.beneficiary.kind === 'org' ? t('payments.contract.seller') : t('payments.contract.broker')})
              </Link>
            ),
          },
          { title: t('payments.ledger.contractNo'), dataIndex: 'contractNo', render: (v: string | null) => v ?? '—' },
          {
            title: t('payments.payouts.amount'),
            dataIndex: 'amountFen',
            align: 'right',
            render: (v: number) => yuanText(v),
          },
          {
            title: t('payments.payouts.status'),
            dataIndex: 'status',
            render: (s: PayoutDto['status']) => <Tag color={color[s]}>{t(`payments.payouts.statusLabel.${s}`)}</Tag>,
          },
          {
            title: t('payments.payouts.paidAt'),
            dataIndex: 'paidAt',
            render: (v: string | null) => (v ? formatDateTime(v) : '—'),
          },
          {
            title: t('payments.payouts.transfer'),
            render: (_: unknown, o) => (
              <span className="mono" data-testid="payout-bank-reference">
                {o.bank?.reference ?? o.stripeTransferId ?? '—'}
              </span>
            ),
          },
          {
            title: t('payments.payouts.reason'),
            render: (_: unknown, o) =>
              o.bank
                ? `${o.bank.paidOn} · ${t('payments.payouts.recordedBy', { name: o.bank.recordedBy })}`
                : (o.reason ?? '—'),
          },
          {
            title: t('payments.payouts.receipt'),
            render: (_: unknown, o) =>
              o.receiptUrl ? (
                <Space orientation="vertical" size={0}>
                  <a href={o.receiptUrl} target="_blank" rel="noreferrer" data-testid={`payout-receipt-${o.id}`}>
                    <FilePdfOutlined /> {t('payments.payouts.downloadReceipt')}
                  </a>
                  {o.bank?.slipAttachmentId && (
                    <a
                      href={attachmentUrl(o.bank.slipAttachmentId)}
                      target="_blank"
                      rel="noreferrer"
                      data-testid={`payout-slip-${o.id}`}
                    >
                      <PaperClipOutlined /> {t('payments.payouts.openSlip')}
                    </a>
                  )}
                </Space>
              ) : (
                '—'
              ),
          },
          {
            title: '',
            render: (_: unknown, o) =>
              o.status === 'pending' && o.source === 'bank_transfer' ? (
                <Button
                  size="small"
                  type="primary"
                  data-testid={`payout-record-${o.id}`}
                  onClick={() => setRecording(o)}
                >
                  {t('payments.payouts.record')}
                </Button>
              ) : null,
          },
        ]}
      />
      {recording && <BankPayoutModal payout={recording} onClose={() => setRecording(null)} />}
    </>
  );
}
