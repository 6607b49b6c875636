import { Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractPaymentsDto, PayableDto } from '@shared/payment-schemas';
import { todayIso, yuanText } from './money';
import { payableNote } from './payable-note';
import { PayableStatusTag } from './payment-tags';

/** Which payable is being paid, and how. */
export type Paying = { payable: PayableDto; method: 'bank' | 'stripe' } | null;

/** Due now: the due date has come and the item is still to be paid. */
const isDueNow = (p: PayableDto, today: string) => p.dueOn <= today && (p.status === 'due' || p.status === 'overdue');

/** The schedule as payables, what is due now highlighted, with the pay buttons the viewer may use. */
export function PayableSchedule({
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
