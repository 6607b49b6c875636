import { Button, Card, Col, InputNumber, Row, Select, Space, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { LIAONING, liaoningRegionCodes } from '@shared/taxonomy';
import type { StatGroupBy } from '@shared/contract-schemas';
import { useMe } from '../../api/auth';
import { errorText } from '../../api/client';
import { statsExportUrl, useSetTarget, useStats, useStatsSummary } from '../../api/stats';
import { ErrorResult, PageSkeleton } from '../../components/query-state';
import { PageTitle } from '../../components/page-title';
import { fenToWan, wanToFen } from '../../lib/money';
import { groupLabel, labels } from '../contracts/labels';
import { Chart } from './chart';
import { StatsKpis } from './kpis';

const wan = (fen: number) => Math.round(fenToWan(fen) * 100) / 100;

/** Officials' dashboard: KPIs, monthly trend, by city / field / category, flows, drill-down and exports. */
export default function DashboardPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const { data: me } = useMe();
  const own = me?.roles.includes('admin') ? LIAONING : (me?.officialRegion ?? LIAONING);
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [region, setRegion] = useState(own);
  const range = { from: `${year}-01`, to: `${year}-12`, region };
  const summary = useStatsSummary({ year, region });
  const q = (groupBy: StatGroupBy) => ({ groupBy, ...range });
  const byCity = useStats(q('sellerRegion'));
  const byField = useStats(q('field'));
  const byCategory = useStats(q('category'));
  const flows = useStats(q('route'));
  const monthly = useStats(q('month'));
  const setTarget = useSetTarget();
  const [target, setTargetWan] = useState<number | null>(null);
  if (summary.isLoading) return <PageSkeleton />;
  if (summary.error || !summary.data)
    return <ErrorResult error={summary.error} onRetry={() => void summary.refetch()} />;
  const drill = (extra: Record<string, string>) =>
    navigate(
      `/contracts?${new URLSearchParams({ from: range.from, to: range.to, status: 'registered', ...(region !== LIAONING ? { sellerRegion: region } : {}), ...extra })}`,
    );
  const bar = (rows: Array<{ key: string; registered: { amountFen: number } }> | undefined, groupBy: string) => ({
    tooltip: {},
    grid: { left: 110, right: 20, top: 10, bottom: 30 },
    xAxis: { type: 'value' as const, name: '万元' },
    yAxis: {
      type: 'category' as const,
      inverse: true,
      data: (rows ?? []).map((r) => groupLabel(groupBy, r.key, lang)),
    },
    series: [{ type: 'bar' as const, data: (rows ?? []).map((r) => wan(r.registered.amountFen)) }],
  });
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const monthRow = new Map((monthly.data?.rows ?? []).map((r) => [r.key, r]));
  const flowRows = (flows.data?.rows ?? []).slice(0, 30);
  const exportQ = { groupBy: 'sellerRegion' as StatGroupBy, ...range };
  return (
    <div className="page" data-testid="stats-dashboard">
      <PageTitle
        titleKey="contracts.dash.title"
        extra={
          <Space wrap>
            <Select
              value={year}
              onChange={setYear}
              options={[thisYear - 2, thisYear - 1, thisYear].map((y) => ({ value: y, label: String(y) }))}
            />
            {own === LIAONING && (
              <Select
                data-testid="region-select"
                style={{ width: 140 }}
                value={region}
                onChange={setRegion}
                options={liaoningRegionCodes.map((c) => ({ value: c, label: labels.region(c, lang) }))}
              />
            )}
            <Link to="/officials/registrations">
              <Button data-testid="to-queue">{t('contracts.dash.queue')}</Button>
            </Link>
            <Link
              to={`/officials/financing${region !== LIAONING ? `?region=${region}` : ''}`}
              data-testid="to-financing"
            >
              <Button>{t('financing.nav.figures')}</Button>
            </Link>
            <Link
              to={`/contracts?${new URLSearchParams({ from: range.from, to: range.to, ...(region !== LIAONING ? { sellerRegion: region } : {}) })}`}
              data-testid="to-contracts"
            >
              <Button>{t('contracts.dash.drill')}</Button>
            </Link>
            <a href={statsExportUrl(exportQ, 'xlsx')} data-testid="export-xlsx">
              <Button>{t('contracts.dash.exportXlsx')}</Button>
            </a>
            <a href={statsExportUrl(exportQ, 'csv')}>
              <Button>{t('contracts.dash.exportCsv')}</Button>
            </a>
          </Space>
        }
      />
      <StatsKpis s={summary.data} official />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('contracts.dash.trend')}>
            <Chart
              testId="chart-trend"
              onPick={(name) => drill({ from: name, to: name })}
              option={{
                tooltip: { trigger: 'axis' },
                legend: {},
                xAxis: { type: 'category', data: months },
                yAxis: { type: 'value', name: '万元' },
                series: [
                  {
                    name: String(year),
                    type: 'bar',
                    data: months.map((m) => wan(monthRow.get(m)?.registered.amountFen ?? 0)),
                  },
                  {
                    name: String(year - 1),
                    type: 'line',
                    data: months.map((m) => wan(monthRow.get(m)?.prevRegisteredAmountFen ?? 0)),
                  },
                ],
              }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('contracts.dash.byCategory')}>
            <Chart
              testId="chart-category"
              onPick={(_n, i) => drill({ category: byCategory.data!.rows[i].key })}
              option={{
                tooltip: {},
                series: [
                  {
                    type: 'pie',
                    radius: ['35%', '70%'],
                    data: (byCategory.data?.rows ?? []).map((r) => ({
                      name: labels.category(r.key, lang),
                      value: wan(r.registered.amountFen),
                    })),
                  },
                ],
              }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('contracts.dash.byCity')}>
            <Chart
              testId="chart-city"
              height={420}
              onPick={(_n, i) => drill({ sellerRegion: byCity.data!.rows[i].key })}
              option={bar(byCity.data?.rows, 'sellerRegion')}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('contracts.dash.byField')}>
            <Chart
              testId="chart-field"
              height={420}
              onPick={(_n, i) => drill({ fieldCode: byField.data!.rows[i].key })}
              option={bar(byField.data?.rows, 'field')}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={t('contracts.dash.flows')}>
            <Chart
              testId="chart-flows"
              height={420}
              option={{
                tooltip: {},
                series: [
                  {
                    type: 'sankey',
                    data: [
                      ...new Set(
                        flowRows.flatMap((r) => {
                          const [s, b] = r.key.split('>');
                          return [`卖·${labels.region(s, lang)}`, `买·${labels.region(b, lang)}`];
                        }),
                      ),
                    ].map((name) => ({ name })),
                    links: flowRows.map((r) => {
                      const [s, b] = r.key.split('>');
                      return {
                        source: `卖·${labels.region(s, lang)}`,
                        target: `买·${labels.region(b, lang)}`,
                        value: wan(r.registered.amountFen),
                      };
                    }),
                  },
                ],
              }}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={t('contracts.dash.target')}>
            <Space>
              <span>
                {labels.region(region, lang)} · {year}
              </span>
              <InputNumber
                data-testid="target-input"
                min={1}
                placeholder={t('contracts.dash.targetAmount')}
                // The target already set for this region and year is shown; typing replaces it.
                value={target ?? (summary.data.target ? fenToWan(summary.data.target.amountFen) : null)}
                onChange={setTargetWan}
                style={{ width: 200 }}
              />
              <Button
                data-testid="target-save"
                disabled={!target || (!!summary.data.target && wanToFen(target) === summary.data.target.amountFen)}
                loading={setTarget.isPending}
                onClick={() =>
                  setTarget.mutate(
                    { year, regionCode: region, amountFen: wanToFen(target ?? 0) },
                    { onError: (e) => void message.error(errorText(e, lang)) },
                  )
                }
              >
                {t('contracts.dash.save')}
              </Button>
            </Space>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
