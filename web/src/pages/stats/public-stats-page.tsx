import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStatsSummary } from '../../api/stats';
import { ErrorResult, PageSkeleton } from '../../components/query-state';
import { PageTitle } from '../../components/page-title';
import { fenToWan } from '../../lib/money';
import { Chart } from './chart';
import { StatsKpis } from './kpis';

/** The public statistics page: province headline figures only (no contract, party or city detail). */
export default function PublicStatsPage() {
  const { t } = useTranslation();
  const { data, error, isLoading, refetch } = useStatsSummary();
  if (isLoading) return <PageSkeleton />;
  if (error || !data) return <ErrorResult error={error} onRetry={() => void refetch()} />;
  return (
    <div className="page" data-testid="public-stats">
      <PageTitle titleKey="contracts.dash.publicTitle" subtitle={t('contracts.dash.publicNote')} />
      <StatsKpis s={data} official={false} />
      <Card size="small" title={`${data.year} · ${t('contracts.dash.trend')}`}>
        <Chart
          testId="chart-public-trend"
          option={{
            tooltip: { trigger: 'axis' },
            xAxis: { type: 'category', data: data.monthly.map((m) => m.month) },
            yAxis: { type: 'value', name: t('contracts.dash.unit') },
            series: [{ type: 'bar', data: data.monthly.map((m) => Math.round(fenToWan(m.registeredAmountFen))) }],
          }}
        />
      </Card>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('contracts.dash.registeredNLine', { n: data.registered.n })}
      </Typography.Paragraph>
    </div>
  );
}
