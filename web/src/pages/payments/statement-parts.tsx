import { FilePdfOutlined } from '@ant-design/icons';
import { Card, Empty, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AccountBalanceDto, LedgerLineDto, PayableDto, StatementDto } from '@shared/payment-schemas';
import { formatDateTime } from '../../lib/format';
import { accountLabel } from './account-label';
import { payableNote } from './payable-note';
import { yuanText } from './money';
import { PayableStatusTag } from './payment-tags';

export function BalancesCard({ s }: { s: StatementDto }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('payments.statement.balances')}>
      <Table<AccountBalanceDto>
        rowKey="account"
        size="small"
        data-testid="statement-balances"
        dataSource={s.balances}
        pagination={false}
        locale={{ emptyText: <Empty description={t('payments.statement.balancesEmpty')} /> }}
        columns={[
          {
            title: t('payments.ledger.account'),
            dataIndex: 'account',
            render: (a: string) => accountLabel(a, t, s.holder.name),
          },
          {
            title: t('payments.ledger.debit'),
            dataIndex: 'debitFen',
            align: 'right',
            render: (v: number) => yuanText(v),
          },
          {
            title: t('payments.ledger.credit'),
            dataIndex: 'creditFen',
            align: 'right',
            render: (v: number) => yuanText(v),
          },
          {
            title: t('payments.ledger.balance'),
            dataIndex: 'balanceFen',
            align: 'right',
            render: (v: number) => <strong>{yuanText(v)}</strong>,
          },
        ]}
      />
    </Card>
  );
}

export function PayablesCard({ payables }: { payables: PayableDto[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Card size="small" title={t('payments.statement.payables')}>
      <Table<PayableDto>
        rowKey="id"
        size="small"
        data-testid="statement-payables"
        dataSource={payables}
        pagination={payables.length > 10 ? { pageSize: 10 } : false}
        scroll={{ x: 800 }}
        locale={{ emptyText: <Empty description={t('payments.statement.payablesEmpty')} /> }}
        columns={[
          {
            title: t('payments.ledger.contractNo'),
            render: (_: unknown, p) =>
              p.contractId ? <Link to={`/contracts/${p.contractId}/payments`}>{p.contractNo}</Link> : '—',
          },
          {
            title: t('payments.payable.item'),
            render: (_: unknown, p) => `${t(`payments.kind.${p.kind}`)} ${p.seq} ${payableNote(p, i18n.language, t)}`,
          },
          { title: t('payments.payable.dueOn'), dataIndex: 'dueOn' },
          {
            title: t('payments.payable.amount'),
            dataIndex: 'amountFen',
            align: 'right',
            render: (v: number) => yuanText(v),
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
            render: (v: PayableDto['status']) => <PayableStatusTag status={v} />,
          },
        ]}
      />
    </Card>
  );
}

/** Ledger lines of a statement, newest first, paged by the API. */
export function LinesCard({
  s,
  onPage,
  loading,
  extra,
}: {
  s: StatementDto;
  onPage: (page: number, pageSize: number) => void;
  loading: boolean;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('payments.statement.lines')} extra={extra}>
      <Table<LedgerLineDto>
        rowKey={(l) => `${l.journalId}:${l.account}:${l.role}`}
        size="small"
        data-testid="statement-lines"
        loading={loading}
        dataSource={s.lines}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty description={t('payments.statement.linesEmpty')} /> }}
        pagination={{
          current: s.page,
          pageSize: s.pageSize,
          total: s.total,
          onChange: onPage,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (n) => t('common.total', { count: n }),
        }}
        columns={[
          { title: t('payments.ledger.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v), width: 150 },
          {
            title: t('payments.ledger.kind'),
            dataIndex: 'kind',
            render: (k: LedgerLineDto['kind']) => <Tag>{t(`payments.journalKind.${k}`)}</Tag>,
          },
          {
            title: t('payments.ledger.role'),
            dataIndex: 'role',
            render: (r: LedgerLineDto['role']) => t(`payments.lineRole.${r}`),
          },
          {
            title: t('payments.ledger.account'),
            dataIndex: 'account',
            render: (a: string) => accountLabel(a, t, s.holder.name),
          },
          { title: t('payments.ledger.contractNo'), dataIndex: 'contractNo', render: (v: string | null) => v ?? '—' },
          {
            title: t('payments.ledger.debit'),
            dataIndex: 'debitFen',
            align: 'right',
            render: (v: number) => (v ? yuanText(v) : ''),
          },
          {
            title: t('payments.ledger.credit'),
            dataIndex: 'creditFen',
            align: 'right',
            render: (v: number) => (v ? yuanText(v) : ''),
          },
          {
            title: t('payments.ledger.memo'),
            dataIndex: 'memo',
            render: (v: string, l) =>
              // A payout's journal is keyed by the payout's id: its receipt is one link away.
              l.kind === 'payout' ? (
                <a
                  href={`/api/payments/payouts/${encodeURIComponent(l.journalId)}/receipt.pdf`}
                  target="_blank"
                  rel="noreferrer"
                  data-testid="line-payout-receipt"
                >
                  <FilePdfOutlined /> {t('payments.payouts.downloadReceipt')}
                </a>
              ) : (
                <Typography.Text type="secondary">{v}</Typography.Text>
              ),
          },
        ]}
      />
    </Card>
  );
}
