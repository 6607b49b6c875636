import { Button, Card, Col, DatePicker, Empty, Row, Select, Space, Statistic, Table, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { FiguresRow } from '@shared/financing';
import { LIAONING } from '@shared/taxonomy';
import { useMe } from '../../api/auth';
import { useFigures } from '../../api/financing';
import { PageTitle } from '../../components/page-title';
import { ErrorResult, PageSkeleton } from '../../components/query-state';
import { useMoney } from '../../lib/money';
import { useLabels } from '../../lib/use-labels';
import { useUrlFilters } from '../../lib/use-url-filters';
import './financing.css';

const FILTERS = ['region', 'from', 'to'] as const;
const day = (v?: string) => (v ? dayjs(v) : null);

/** Officials: financing matched and signed in their region, as the seeds' reports count them, with a CSV export. */
export default function FinancingFiguresPage() {
  const { t } = useTranslation();
  const { data: user } = useMe();
  const money = useMoney();
  const labels = useLabels();
  const { filters, set } = useUrlFilters(FILTERS);
  const figures = useFigures({ region: filters.region, from: filters.from, to: filters.to });
  const province = !user?.officialRegion || user.officialRegion === LIAONING;
  if (figures.isLoading) return <PageSkeleton />;
  if (figures.isError) return <ErrorResult error={figures.error} onRetry={() => void figures.refetch()} />;
  const f = figures.data!;

  const table = (title: string, rows: FiguresRow[], name: (k: string) => string) => {
    const columns: TableProps<FiguresRow>['columns'] = [
      { title: t('financing.figures.key'), dataIndex: 'key', render: (k: string) => name(k) },
      { title: t('financing.figures.count'), dataIndex: 'count', width: 80 },
      { title: t('financing.figures.amount'), dataIndex: 'amountFen', width: 140, render: (v: number) => money.wan(v) },
    ];
    return (
      <Col xs={24} lg={8}>
        <Card size="small" title={title}>
          <Table<FiguresRow>
            rowKey="key"
            size="small"
            columns={columns}
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: <Empty description={t('financing.figures.empty')} /> }}
          />
        </Card>
      </Col>
    );
  };
  const query = new URLSearchParams(
    Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
  ).toString();
  const exportUrl = `/api/financing/figures/export${query ? `?${query}` : ''}`;
  const period = f.from || f.to ? `${f.from ?? '…'} ~ ${f.to ?? '…'}` : t('financing.figures.allTime');

  return (
    <div className="page" data-testid="financing-figures">
      <PageTitle
        titleKey="financing.figures.title"
        subtitle={`${labels.region(f.region)} · ${period} · ${t('financing.figures.subtitle')}`}
        extra={
          <a href={exportUrl} download>
            <Button>{t('financing.figures.export')}</Button>
          </a>
        }
      />
      <Space wrap className="fin-filters">
        {province && (
          <Select
            allowClear
            style={{ minWidth: 200 }}
            placeholder={labels.region(LIAONING)}
            value={filters.region}
            onChange={(v?: string) => set({ region: v })}
            options={labels.tax.regions
              .filter((r) => r.parent === LIAONING)
              .map((r) => ({ value: r.code, label: labels.pick(r) }))}
          />
        )}
        <span data-testid="figures-period">
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            aria-label={t('financing.figures.period')}
            placeholder={[t('financing.figures.from'), t('financing.figures.to')]}
            value={[day(filters.from), day(filters.to)]}
            onChange={(v) => set({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
          />
        </span>
      </Space>
      <Row gutter={[12, 12]} className="fin-kpis">
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('financing.figures.matchedOrgs')} value={f.matchedOrgs} />
            <div className="muted small">
              {t('financing.figures.matchedRequests')} {f.matchedRequests}
            </div>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('financing.figures.signed')} value={f.signed.count} />
            <div className="muted small">
              {t('financing.figures.signedOrgs')} {f.signed.orgs}
            </div>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('financing.figures.signedAmount')}
              value={money.wan(f.signed.amountFen)}
              data-testid="figures-amount"
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('financing.figures.termSheets')} value={f.termSheets} />
          </Card>
        </Col>
      </Row>
      <Row gutter={[12, 12]}>
        {table(t('financing.figures.byInstrument'), f.byInstrument, (k) => t(`financing.instrument.${k}`))}
        {table(t('financing.figures.byRegion'), f.byRegion, (k) => labels.region(k))}
        {table(t('financing.figures.byField'), f.byField, (k) => labels.field(k))}
      </Row>
    </div>
  );
}
