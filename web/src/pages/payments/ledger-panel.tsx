import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountBalanceDto } from '@shared/payment-schemas';
import { ledgerExportUrl, useTrialBalance } from '../../api/payments';
import { ErrorResult } from '../../components/query-state';
import { accountLabel } from './account-label';
import { DateRangeFilter, type Range } from './date-range';
import { ExportButtons } from './export-buttons';
import { FiguresCard, platformFigureKeys } from './figures-card';
import { yuanText } from './money';

/** The trial balance (every account, Σ debit = Σ credit shown as 平衡 / not) and the ledger export. */
export function LedgerPanel() {
  const { t } = useTranslation();
  const { data, error, isLoading, refetch } = useTrialBalance();
  const [range, setRange] = useState<Range>({});
  if (error) return <ErrorResult error={error} onRetry={() => void refetch()} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      {data && <FiguresCard figures={data.figures} keys={platformFigureKeys} testId="platform-figures" />}
      <Card
        size="small"
        title={t('payments.ledger.trialBalance')}
        extra={
          data && (
            <Space>
              <Typography.Text type="secondary">{t('payments.ledger.journals', { n: data.journals })}</Typography.Text>
              <Tag
                data-testid="trial-balanced"
                data-balanced={String(data.balanced)}
                color={data.balanced ? 'success' : 'error'}
                icon={data.balanced ? <CheckCircleFilled /> : <CloseCircleFilled />}
              >
                {data.balanced ? t('payments.ledger.balanced') : t('payments.ledger.unbalanced')}
              </Tag>
            </Space>
          )
        }
      >
        <Table<AccountBalanceDto>
          rowKey="account"
          size="small"
          data-testid="trial-balance"
          scroll={{ x: 560 }}
          loading={isLoading}
          dataSource={data?.accounts}
          pagination={false}
          locale={{ emptyText: <Empty description={t('payments.ledger.empty')} /> }}
          columns={[
            {
              title: t('payments.ledger.account'),
              dataIndex: 'account',
              render: (a: string, row) => (
                <Space orientation="vertical" size={0}>
                  <span data-testid="account-name">{accountLabel(a, t, row.holderName ?? undefined)}</span>
                  <Typography.Text type="secondary" className="small mono">
                    {a}
                  </Typography.Text>
                </Space>
              ),
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
              render: (v: number) => yuanText(v),
            },
          ]}
          summary={() =>
            data ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <strong>{t('payments.ledger.totals')}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  <strong data-testid="trial-debit">{yuanText(data.debitFen)}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  <strong data-testid="trial-credit">{yuanText(data.creditFen)}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {yuanText(data.creditFen - data.debitFen)}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
      <Card size="small" title={t('payments.ledger.export')}>
        <Space wrap>
          <DateRangeFilter value={range} onChange={setRange} testId="ledger-range" />
          <ExportButtons
            url={(f) => ledgerExportUrl(f, range)}
            label={t('payments.ledger.export')}
            testId="ledger-export"
          />
        </Space>
      </Card>
    </Space>
  );
}
