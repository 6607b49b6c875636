import { Alert, App, Button, Descriptions, Drawer, Empty, Input, InputNumber, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { confirmBankBody, rejectBankBody } from '@shared/payment-schemas';
import { attachmentUrl } from '../../api/attachments';
import { useConfirmBank, useFinanceQueue, useRejectBank, type QueueItemDto } from '../../api/payments';
import { ErrorResult } from '../../components/query-state';
import { formatDateTime } from '../../lib/format';
import { FailureAlert, useFailure } from './api-error-alert';
import { fenToYuan, yuanText, yuanToFen } from './money';
import { useUrlFilters } from '../../lib/use-url-filters';

const NO_FILTERS = [] as const;

/** Confirm (the amount that arrived, which must be the amount due) or reject (with a reason) one transfer. */
function Decide({ item, onDone }: { item: QueueItemDto; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const confirm = useConfirmBank();
  const reject = useRejectBank();
  const [received, setReceived] = useState<number | null>(item.bank ? fenToYuan(item.bank.declaredFen) : null);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  // The API's zh/en message stays on screen next to the input (a mismatch is something to read, not a toast).
  const { failure, fail, clear } = useFailure();
  const bank = item.bank!;
  const confirmBody = confirmBankBody.safeParse({ receivedFen: yuanToFen(received ?? 0), note });
  const rejectBody = rejectBankBody.safeParse({ reason });
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="decide">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('payments.finance.payer')}>{item.payable.payerName}</Descriptions.Item>
        <Descriptions.Item label={t('payments.finance.contract')}>
          {item.contractId ? <Link to={`/contracts/${item.contractId}/payments`}>{item.payable.contractNo}</Link> : '—'}{' '}
          · {item.payable.title}
        </Descriptions.Item>
        <Descriptions.Item label={t('payments.finance.due')}>
          <strong data-testid="decide-due">{yuanText(item.amountFen)}</strong> (
          {t(`payments.kind.${item.payable.kind}`)} {item.payable.seq} · {item.payable.dueOn})
        </Descriptions.Item>
        <Descriptions.Item label={t('payments.finance.declared')}>{yuanText(bank.declaredFen)}</Descriptions.Item>
        <Descriptions.Item label={t('payments.bank.payerAccountName')}>{bank.payerAccountName}</Descriptions.Item>
        <Descriptions.Item label={t('payments.finance.reference')}>
          <span className="mono">{bank.bankReference}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('payments.finance.transferredOn')}>{bank.transferredOn}</Descriptions.Item>
        <Descriptions.Item label={t('payments.finance.receipt')}>
          <a
            href={attachmentUrl(bank.receiptAttachmentId)}
            target="_blank"
            rel="noreferrer"
            data-testid="decide-receipt"
          >
            {t('payments.finance.openReceipt')}
          </a>
        </Descriptions.Item>
      </Descriptions>
      <FailureAlert failure={failure} onClose={clear} testId="decide-error" />
      <Space wrap>
        <span>{t('payments.finance.received')}</span>
        <InputNumber
          data-testid="received"
          min={0.01}
          precision={2}
          style={{ width: 200 }}
          value={received}
          onChange={(v) => setReceived(v)}
        />
        <Input
          placeholder={t('payments.finance.confirmNote')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={500}
          style={{ width: 220 }}
        />
        <Button
          type="primary"
          data-testid="confirm"
          loading={confirm.isPending}
          disabled={!confirmBody.success}
          onClick={() =>
            confirmBody.success &&
            confirm.mutate(
              { id: item.id, ...confirmBody.data },
              {
                onSuccess: () => {
                  void message.success(t('payments.finance.confirmed'));
                  onDone();
                },
                onError: fail,
              },
            )
          }
        >
          {t('payments.finance.confirm')}
        </Button>
      </Space>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          data-testid="reject-reason"
          placeholder={t('payments.finance.rejectReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
        />
        <Button
          danger
          data-testid="reject"
          loading={reject.isPending}
          disabled={!rejectBody.success}
          onClick={() =>
            rejectBody.success &&
            reject.mutate(
              { id: item.id, reason: rejectBody.data.reason },
              {
                onSuccess: () => {
                  void message.success(t('payments.finance.rejected'));
                  onDone();
                },
                onError: fail,
              },
            )
          }
        >
          {t('payments.finance.reject')}
        </Button>
      </Space.Compact>
    </Space>
  );
}

/** Bank transfers waiting for finance, oldest first, paged; finance staff decide, admins only look. */
export function FinanceQueue({ canDecide }: { canDecide: boolean }) {
  const { t } = useTranslation();
  // The page is kept in the address beside the finance page's tab (a reload or Back shows the same rows).
  const { page, pageSize, set } = useUrlFilters(NO_FILTERS);
  const [open, setOpen] = useState<QueueItemDto | null>(null);
  const { data, error, isLoading, isFetching, refetch } = useFinanceQueue({ page, pageSize });
  if (error) return <ErrorResult error={error} onRetry={() => void refetch()} />;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('payments.finance.oldestFirst')}</Typography.Paragraph>
      {!canDecide && <Alert type="info" showIcon title={t('payments.finance.readOnly')} style={{ marginBottom: 12 }} />}
      <Table<QueueItemDto>
        rowKey="id"
        size="small"
        data-testid="finance-queue"
        loading={isLoading || isFetching}
        dataSource={data?.items}
        scroll={{ x: 1000 }}
        locale={{ emptyText: <Empty description={t('payments.finance.queueEmpty')} /> }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          onChange: (p, s) => set({ page: p, pageSize: s === 20 ? undefined : s }),
          showTotal: (n) => t('common.total', { count: n }),
        }}
        onRow={(r) => ({ 'data-testid': `queue-${r.payable.contractNo ?? r.id}-${r.payable.seq}` }) as object}
        columns={[
          {
            title: t('payments.finance.submittedAt'),
            dataIndex: 'createdAt',
            render: (v: string) => formatDateTime(v),
            width: 150,
          },
          {
            title: t('payments.finance.payer'),
            render: (_: unknown, r) => <Link to={`/payments/orgs/${r.payable.payerOrgId}`}>{r.payable.payerName}</Link>,
          },
          {
            title: t('payments.finance.contract'),
            render: (_: unknown, r) =>
              r.contractId ? <Link to={`/contracts/${r.contractId}/payments`}>{r.payable.contractNo}</Link> : '—',
          },
          {
            title: t('payments.finance.due'),
            dataIndex: 'amountFen',
            align: 'right',
            render: (v: number) => <strong>{yuanText(v)}</strong>,
          },
          {
            title: t('payments.finance.declared'),
            align: 'right',
            render: (_: unknown, r) => (r.bank ? yuanText(r.bank.declaredFen) : '—'),
          },
          {
            title: t('payments.finance.reference'),
            render: (_: unknown, r) => <span className="mono">{r.bank?.bankReference}</span>,
          },
          {
            title: t('payments.finance.receipt'),
            render: (_: unknown, r) =>
              r.bank ? (
                <a href={attachmentUrl(r.bank.receiptAttachmentId)} target="_blank" rel="noreferrer">
                  {t('payments.finance.openReceipt')}
                </a>
              ) : null,
          },
          {
            title: '',
            render: (_: unknown, r) =>
              canDecide ? (
                <Button size="small" type="primary" data-testid={`decide-${r.id}`} onClick={() => setOpen(r)}>
                  {t('payments.finance.confirm')} / {t('payments.finance.reject')}
                </Button>
              ) : null,
          },
        ]}
      />
      <Drawer
        width={640}
        open={!!open}
        onClose={() => setOpen(null)}
        title={`${t('payments.finance.confirm')} / ${t('payments.finance.reject')}`}
        destroyOnHidden
      >
        {open && <Decide item={open} onDone={() => setOpen(null)} />}
      </Drawer>
    </>
  );
}
