import { Card, Col, Empty, Row, Select, Statistic, Table, type TableProps } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { followupStatuses, type FollowupPlanDto } from '@shared/followup';
import { LIAONING } from '@shared/taxonomy';
import { useMe } from '../../api/auth';
import { useFollowupBoard } from '../../api/followup';
import { PageTitle } from '../../components/page-title';
import { ErrorResult, PageSkeleton } from '../../components/query-state';
import { formatDate } from '../../lib/format';
import { useMoney } from '../../lib/money';
import { useLabels } from '../../lib/use-labels';
import { useUrlFilters } from '../../lib/use-url-filters';
import { FollowupStatusTag } from './followup-status-tag';
import { FunnelCard } from './funnel-card';

const FILTERS = ['region', 'field', 'status'] as const;

/**
 * Officials and operators: registered contracts' industrialisation follow-up in their scope, by region, field
 * and status, with the conversion funnel and the rates; filters and page kept in the address.
 */
export default function FollowupBoardPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const money = useMoney();
  const labels = useLabels();
  const { filters, page, pageSize, set } = useUrlFilters(FILTERS);
  const board = useFollowupBoard({ page, pageSize, ...filters });
  // A provincial reader picks any city; a city official or operator sees its own (the API decides either way).
  const province =
    me?.roles.includes('admin') ||
    me?.officialRegion === LIAONING ||
    (me?.roles.includes('operator') && me.operatorSubmarkets?.includes('HUB'));
  if (board.isLoading) return <PageSkeleton />;
  if (board.isError) return <ErrorResult error={board.error} onRetry={() => void board.refetch()} />;
  const b = board.data!;
  const columns: TableProps<FollowupPlanDto>['columns'] = [
    {
      title: t('followup.board.contract'),
      key: 'title',
      render: (_: unknown, p) => (
        <div>
          <Link to={`/contracts/${p.contractId}`}>{p.title}</Link>
          <div className="muted small">
            {p.contractNo} · {labels.field(p.fieldCode)} · {money.wan(p.amountFen)}
          </div>
        </div>
      ),
    },
    {
      title: t('followup.board.parties'),
      key: 'parties',
      render: (_: unknown, p) => (
        <div className="small">
          {p.sellerName}（{labels.region(p.sellerRegion)}）→ {p.buyerName}（{labels.region(p.buyerRegion)}）
        </div>
      ),
    },
    { title: t('followup.board.registeredAt'), dataIndex: 'registeredAt', width: 110, render: formatDate },
    {
      title: t('followup.board.progress'),
      key: 'progress',
      width: 200,
      render: (_: unknown, p) => (
        <div className="small">
          {t(`followup.stage.${p.stage}`)} · {p.reports.length}/6
          {p.nextDueAt && (
            <div className="muted">
              {t('followup.card.nextDue')} {formatDate(p.nextDueAt)}
            </div>
          )}
        </div>
      ),
    },
    {
      title: t('followup.board.status'),
      dataIndex: 'status',
      width: 110,
      render: (s: FollowupPlanDto['status']) => <FollowupStatusTag status={s} />,
    },
  ];
  return (
    <div className={`page${board.isPlaceholderData ? ' is-refreshing' : ''}`} data-testid="followup-board">
      <PageTitle titleKey="followup.board.title" subtitle={t('followup.board.subtitle')} />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {province && (
          <Col xs={24} md={8}>
            <Select
              allowClear
              id="board-region"
              data-testid="board-region"
              aria-label={t('followup.board.region')}
              style={{ width: '100%' }}
              placeholder={t('followup.board.region')}
              value={filters.region}
              onChange={(v?: string) => set({ region: v })}
              options={labels.tax.regions
                .filter((r) => r.parent === LIAONING)
                .map((r) => ({ value: r.code, label: labels.pick(r) }))}
            />
          </Col>
        )}
        <Col xs={24} md={8}>
          <Select
            allowClear
            id="board-field"
            data-testid="board-field"
            aria-label={t('followup.board.field')}
            style={{ width: '100%' }}
            placeholder={t('followup.board.field')}
            value={filters.field}
            onChange={(v?: string) => set({ field: v })}
            options={labels.tax.fields.map((f) => ({ value: f.code, label: labels.pick(f) }))}
          />
        </Col>
        <Col xs={24} md={8}>
          <Select
            allowClear
            id="board-status"
            data-testid="board-status"
            aria-label={t('followup.board.status')}
            style={{ width: '100%' }}
            placeholder={t('followup.board.status')}
            value={filters.status}
            onChange={(v?: string) => set({ status: v })}
            options={followupStatuses.map((s) => ({ value: s, label: t(`followup.status.${s}`) }))}
          />
        </Col>
      </Row>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={8}>
          <Card size="small">
            <div data-testid="board-plans">
              <Statistic title={t('followup.board.plans')} value={b.counts.plans} />
            </div>
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small">
            <div data-testid="board-overdue">
              <Statistic title={t('followup.board.overdue')} value={b.counts.overdue} />
            </div>
          </Card>
        </Col>
        <Col xs={8}>
          <Card size="small">
            <div data-testid="board-industrialised">
              <Statistic title={t('followup.board.industrialised')} value={b.counts.industrialised} />
            </div>
          </Card>
        </Col>
      </Row>
      <div style={{ marginBottom: 12 }}>
        <FunnelCard params={{ region: filters.region, field: filters.field }} />
      </div>
      <Table<FollowupPlanDto>
        rowKey="contractId"
        size="small"
        data-testid="board-table"
        columns={columns}
        dataSource={b.items}
        scroll={{ x: 860 }}
        locale={{ emptyText: <Empty description={t('followup.board.empty')} /> }}
        pagination={{
          current: page,
          pageSize,
          total: b.total,
          showSizeChanger: true,
          showTotal: (total) => t('followup.board.total', { total }),
          onChange: (p, s) => set({ page: p, pageSize: s }),
        }}
      />
    </div>
  );
}
