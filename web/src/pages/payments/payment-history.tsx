import { Card, Empty, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PayableDto, PaymentDto } from '@shared/payment-schemas';
import { attachmentUrl } from '../../api/attachments';
import { formatDateTime } from '../../lib/format';
import { yuanText } from './money';
import { PaymentStatusTag } from './payment-tags';

/** The payments made (bank transfers, Stripe, refunds), with the receipt where the viewer may open it. */
export function PaymentHistory({
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
