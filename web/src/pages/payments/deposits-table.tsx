import { Alert, Button, Empty, Space, Table, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PayableDto } from '@shared/payment-schemas';
import { useDeposits } from '../../api/payments';
import { ErrorResult } from '../../components/query-state';
import { DepositDecisionModal, type DepositAction } from './deposit-decision-modal';
import { yuanText } from './money';
import { PayableStatusTag } from './payment-tags';
import { useUrlFilters } from '../../lib/use-url-filters';

const NO_FILTERS = [] as const;

/** Where a deposit's subject is shown on the web (a challenge is a need's page; a negotiation its room). */
export const depositSubjectPath = (d: NonNullable<PayableDto['deposit']>) =>
  d.subjectKind === 'challenge' ? `/needs/${d.subjectId}` : `/negotiations/${d.subjectId}`;

/** Every deposit, newest first; finance releases or forfeits the held ones (reason required), admins read. */
export function DepositsTable({ canDecide }: { canDecide: boolean }) {
  const { t } = useTranslation();
  // The page is kept in the address beside the finance page's tab (a reload or Back shows the same rows).
  const { page, pageSize, set } = useUrlFilters(NO_FILTERS);
  const [deciding, setDeciding] = useState<{ deposit: PayableDto; action: DepositAction } | null>(null);
  const { data, error, isLoading, isFetching, refetch } = useDeposits({ page, pageSize });
  if (error) return <ErrorResult error={error} onRetry={() => void refetch()} />;
  return (
    <>
      {!canDecide && <Alert type="info" showIcon title={t('payments.deposit.readOnly')} style={{ marginBottom: 12 }} />}
      <Table<PayableDto>
        rowKey="id"
        size="small"
        data-testid="deposits"
        loading={isLoading || isFetching}
        dataSource={data?.items}
        scroll={{ x: 1000 }}
        locale={{ emptyText: <Empty description={t('payments.deposit.empty')} /> }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          onChange: (p, s) => set({ page: p, pageSize: s === 20 ? undefined : s }),
          showTotal: (n) => t('common.total', { count: n }),
        }}
        onRow={(r) => ({ 'data-testid': `deposit-${r.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          // A deposit is due the day it is made, so its due date is when it was asked for.
          { title: t('payments.deposit.createdAt'), dataIndex: 'dueOn', width: 110 },
          {
            title: t('payments.deposit.depositor'),
            render: (_: unknown, r) => <Link to={`/payments/orgs/${r.payerOrgId}`}>{r.payerName}</Link>,
          },
          {
            title: t('payments.deposit.subject'),
            render: (_: unknown, r) =>
              r.deposit ? (
                <Space orientation="vertical" size={0}>
                  <Typography.Text type="secondary" className="small">
                    {t(`payments.deposit.subjectKind.${r.deposit.subjectKind}`)}
                  </Typography.Text>
                  <Link to={depositSubjectPath(r.deposit)}>{r.title}</Link>
                </Space>
              ) : (
                r.title
              ),
          },
          {
            title: t('payments.deposit.amount'),
            dataIndex: 'amountFen',
            align: 'right',
            render: (v: number) => <strong>{yuanText(v)}</strong>,
          },
          {
            title: t('payments.deposit.status'),
            dataIndex: 'status',
            render: (s: PayableDto['status'], r) => <PayableStatusTag status={s} testId={`deposit-status-${r.id}`} />,
          },
          {
            title: '',
            render: (_: unknown, r) =>
              canDecide && r.status === 'held' ? (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    data-testid={`release-${r.id}`}
                    onClick={() => setDeciding({ deposit: r, action: 'release' })}
                  >
                    {t('payments.deposit.release')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    data-testid={`forfeit-${r.id}`}
                    onClick={() => setDeciding({ deposit: r, action: 'forfeit' })}
                  >
                    {t('payments.deposit.forfeit')}
                  </Button>
                </Space>
              ) : canDecide && (r.status === 'due' || r.status === 'overdue' || r.status === 'pending_confirmation') ? (
                <Typography.Text type="secondary" className="small">
                  {t('payments.deposit.onlyHeld')}
                </Typography.Text>
              ) : null,
          },
        ]}
      />
      {deciding && (
        <DepositDecisionModal deposit={deciding.deposit} action={deciding.action} onClose={() => setDeciding(null)} />
      )}
    </>
  );
}
