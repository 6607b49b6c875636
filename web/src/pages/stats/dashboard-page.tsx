import { Button, Card, Col, InputNumber, Row, Select, Space, message } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
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
import { LinkButton } from '../../components/link-button';
import { FunnelCard } from '../followup/funnel-card';

const wan = (fen: number) => Math.round(fenToWan(fen) * 100) / 100;
/** Height per sankey node: a 12 px label with room above and below. */
const FLOW_ROW = 24;

/** Officials' dashboard: KPIs, monthly trend, by city / field / category, flows, drill-down and exports. */
export default function DashboardPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const { data: me } = useMe();
  const own = me?.roles.includes('admin') ? LIAONING : (me?.officialRegion ?? LIAONING);
  const thisYear = new Date().getFullYear();
  // Year and region are kept in the address: a reload, Back from a drill-down or a shared link shows the same view.
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || thisYear;
  const region = own === LIAONING ? (params.get('region') ?? own) : own;
  const setView = (patch: { year?: number; region?: string }) =>
    setParams(
      (p) => {
        for (const [k, v] of Object.entries(patch)) p.set(k, String(v));
        return p;
      },
      { replace: true },
    );
  const range = { from: `${year}-01`, to: `${year}-12`, region };
  const summary = useStatsSummary({ year, region });
  const q = (groupBy: StatGroupBy) => ({ groupBy, ...range });
  const byCity = useStats(q('sellerRegion'));
  const byField = useStats(q('field'));
  const byCategory = useStats(q('category'));
  const flows = useStats(q('route'));
  const monthly = useStats(q('month'));
  const setTarget = useSetTarget();
  // What was typed for this region and year (a change of either shows that one's stored target again).
  const [typed, setTyped] = useState<{ key: string; value: number | null } | null>(null);
  const targetKey = `${year}:${region}`;
  const target = typed?.key === targetKey ? typed.value : null;
  const setTargetWan = (value: number | null) => setTyped({ key: targetKey, value });
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
    xAxis: { type: 'value' as const, name: t('contracts.dash.unit') },
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
  const sellerNode = (code?: string) => t('contracts.dash.flowSeller', { region: labels.region(code, lang) });
  const buyerNode = (code?: string) => t('contracts.dash.flowBuyer', { region: labels.region(code, lang) });
  const sellers = [...new Set(flowRows.map((r) => sellerNode(r.key.split('>')[0])))];
  const buyers = [...new Set(flowRows.map((r) => buyerNode(r.key.split('>')[1])))];
  const flowNodes = [...sellers, ...buyers];
  // Tall enough for every node of the longer side with a label's height each (the right labels overlapped).
  const flowHeight = Math.max(420, Math.max(sellers.length, buyers.length) * FLOW_ROW + 16);
  const exportQ = { groupBy: 'sellerRegion' as StatGroupBy, ...range };
  return (
    <div
      className={`page${summary.isPlaceholderData ? ' is-refreshing' : ''}`}
      data-testid="stats-dashboard"
      data-state={summary.isFetching ? 'loading' : 'ready'}
    >
      <PageTitle
        titleKey="contracts.dash.title"
        extra={
          <Space wrap>
            <Select
              aria-label={t('contracts.dash.year')}
              value={year}
              onChange={(y) => setView({ year: y })}
              options={[thisYear - 2, thisYear - 1, thisYear].map((y) => ({ value: y, label: String(y) }))}
            />
            {own === LIAONING && (
              <Select
                data-testid="region-select"
                aria-label={t('contracts.dash.region')}
                style={{ width: 140 }}
                value={region}
                onChange={(r) => setView({ region: r })}
                options={liaoningRegionCodes.map((c) => ({ value: c, label: labels.region(c, lang) }))}
              />
            )}
            <LinkButton to="/officials/registrations" data-testid="to-queue">
              {t('contracts.dash.queue')}
            </LinkButton>
            <LinkButton
              to={`/officials/financing?${new URLSearchParams({ from: `${year}-01-01`, to: `${year}-12-31`, ...(region !== LIAONING ? { region } : {}) })}`}
              data-testid="to-financing"
            >
              {t('financing.nav.figures')}
            </LinkButton>
            <LinkButton
              to={`/contracts?${new URLSearchParams({ from: range.from, to: range.to, ...(region !== LIAONING ? { sellerRegion: region } : {}) })}`}
              data-testid="to-contracts"
            >
              {t('contracts.dash.drill')}
            </LinkButton>
            <Button href={statsExportUrl(exportQ, 'xlsx')} data-testid="export-xlsx">
              {t('contracts.dash.exportXlsx')}
            </Button>
            <Button href={statsExportUrl(exportQ, 'csv')}>{t('contracts.dash.exportCsv')}</Button>
          </Space>
        }
      />
      <StatsKpis s={summary.data} official />
      {/* 产业化贯通 (issue 16): the conversion funnel, 本地转化率 by count and the industrialisation rate. */}
      <div style={{ marginBottom: 16 }}>
        <FunnelCard params={{ year, region }} boardLink />
      </div>
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
                yAxis: { type: 'value', name: t('contracts.dash.unit') },
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
              renderer="svg"
              height={flowHeight}
              option={{
                tooltip: {},
                series: [
                  {
                    type: 'sankey',
                    left: 8,
                    right: 150,
                    top: 8,
                    bottom: 8,
                    // A gap at least one label high between nodes, so small flows' labels do not stack.
                    nodeGap: FLOW_ROW - 6,
                    nodeWidth: 14,
                    layoutIterations: 64,
                    label: { fontSize: 12, overflow: 'truncate', width: 140 },
                    labelLayout: { hideOverlap: true },
                    data: flowNodes.map((name) => ({ name })),
                    links: flowRows.map((r) => {
                      const [s, b] = r.key.split('>');
                      return { source: sellerNode(s), target: buyerNode(b), value: wan(r.registered.amountFen) };
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
                aria-label={t('contracts.dash.targetAmount')}
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
