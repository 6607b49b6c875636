import { Alert, Card, Col, Empty, Row, Space, Statistic, Table } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { LedgerLineDto, StatementDto } from '@shared/payment-schemas';
import { useMe } from '../../api/auth';
import { BROKER_LINES_CAP, useBrokerLines, useBrokerStatement } from '../../api/payments';
import { PageTitle } from '../../components/page-title';
import { ErrorResult, PageSkeleton } from '../../components/query-state';
import { Chart } from '../stats/chart';
import { ConnectCard } from './connect-card';
import { DateRangeFilter, type Range } from './date-range';
import { yuanText } from './money';
import { LinesCard } from './statement-parts';
import { useUrlFilters } from '../../lib/use-url-filters';

const RANGE_KEYS = ['from', 'to'] as const;

type ContractRow = StatementDto['byContract'][number];

/** Commission by month in the chosen range: credits less what refunds took back (role broker_commission). */
function byMonth(lines: LedgerLineDto[]) {
  const m = new Map<string, number>();
  for (const l of lines) {
    if (l.role !== 'broker_commission') continue;
    const month = l.at.slice(0, 7);
    m.set(month, (m.get(month) ?? 0) + l.creditFen - l.debitFen);
  }
  const months = [...m.keys()].sort();
  return { months, monthFen: months.map((k) => m.get(k)!) };
}

/** A broker's commission statement: totals, per contract, by month (ECharts), and the ledger lines, in a date range. */
export default function BrokerStatementPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const brokerId = id ?? me.data?.id ?? '';
  // The date range and the ledger's page are kept in the address (a reload or a shared link shows the same lines).
  const url = useUrlFilters(RANGE_KEYS);
  const range: Range = url.filters;
  const paging = { page: url.page, pageSize: url.pageSize };
  const statement = useBrokerStatement(brokerId, { ...range, ...paging });
  const all = useBrokerLines(brokerId, range);
  const sum = useMemo(() => byMonth(all.data?.lines ?? []), [all.data]);
  if (statement.isLoading || me.isLoading) return <PageSkeleton />;
  if (statement.error || !statement.data)
    return <ErrorResult error={statement.error} onRetry={() => void statement.refetch()} />;
  // Totals and per-contract figures come from the API's ledger figures (the workspace shows the same earnedFen).
  const s = statement.data;
  const option: EChartsOption = {
    grid: { left: 64, right: 16, top: 24, bottom: 32 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => yuanText(Math.round(Number(v) * 100)) },
    xAxis: { type: 'category', data: sum.months },
    yAxis: { type: 'value', name: t('payments.unit.yuan') },
    series: [
      {
        type: 'bar',
        name: t('payments.broker.byMonth'),
        data: sum.monthFen.map((f) => f / 100),
        itemStyle: { color: '#1677ff' },
      },
      {
        type: 'line',
        name: t('payments.broker.byMonth'),
        data: sum.monthFen.map((f) => f / 100),
        smooth: true,
        symbolSize: 6,
      },
    ],
  };
  return (
    <div className="page" data-testid="broker-statement">
      <PageTitle
        titleKey="payments.statement.brokerTitle"
        subtitle={s.holder.name}
        extra={
          <DateRangeFilter
            value={range}
            testId="statement-range"
            onChange={(r) => url.set({ from: r.from, to: r.to })}
          />
        }
      />
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t('payments.broker.earned')}
                value={yuanText(s.figures.earnedFen)}
                data-testid="broker-earned"
                data-fen={String(s.figures.earnedFen)}
              />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t('payments.figures.paidOutFen')}
                value={yuanText(s.figures.paidOutFen)}
                data-testid="broker-paid-out"
                data-fen={String(s.figures.paidOutFen)}
              />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t('payments.broker.balance')}
                value={yuanText(s.figures.owedFen)}
                data-testid="broker-balance"
                data-fen={String(s.figures.owedFen)}
              />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic title={t('payments.broker.contracts')} value={s.byContract.length} />
            </Card>
          </Col>
        </Row>
        {all.error && <Alert type="error" showIcon title={String((all.error as Error).message)} />}
        {all.data?.truncated && (
          <Alert type="info" showIcon title={t('payments.broker.truncated', { n: BROKER_LINES_CAP })} />
        )}
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('payments.broker.byMonth')}>
              {sum.months.length ? (
                <Chart option={option} height={260} testId="broker-chart" />
              ) : (
                <Empty description={t('payments.broker.empty')} />
              )}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('payments.broker.byContract')}>
              <Table<ContractRow>
                rowKey={(r) => r.contractNo ?? '—'}
                size="small"
                data-testid="broker-contracts"
                dataSource={s.byContract}
                pagination={s.byContract.length > 8 ? { pageSize: 8 } : false}
                locale={{ emptyText: <Empty description={t('payments.broker.empty')} /> }}
                columns={[
                  {
                    title: t('payments.ledger.contractNo'),
                    dataIndex: 'contractNo',
                    render: (v: string | null) => v ?? '—',
                  },
                  {
                    title: t('payments.broker.earned'),
                    dataIndex: 'earnedFen',
                    align: 'right',
                    render: (v: number) => yuanText(v),
                  },
                  {
                    title: t('payments.journalKind.refund'),
                    dataIndex: 'refundedFen',
                    align: 'right',
                    render: (v: number) => (v ? yuanText(v) : '—'),
                  },
                ]}
              />
            </Card>
          </Col>
        </Row>
        {brokerId === me.data?.id && <ConnectCard as="broker" />}
        <LinesCard
          s={s}
          loading={statement.isFetching}
          onPage={(page, pageSize) => url.set({ page: pageSize === paging.pageSize ? page : 1, pageSize })}
        />
      </Space>
    </div>
  );
}
