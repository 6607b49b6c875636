import { Col, Empty, Row, Select, Table, type TableProps } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { followupStatuses, type FollowupPlanDto } from '@shared/followup';
import { useMyFollowups } from '../../api/followup';
import { LinkButton } from '../../components/link-button';
import { PageTitle } from '../../components/page-title';
import { ErrorResult, PageSkeleton } from '../../components/query-state';
import { formatDate } from '../../lib/format';
import { useUrlFilters } from '../../lib/use-url-filters';
import { FollowupStatusTag } from './followup-status-tag';

const FILTERS = ['side', 'status'] as const;

/**
 * An organisation's registered contracts under follow-up, as buyer (who reports) or seller (who reads), the
 * next period due first; each row leads to the contract page, where the buyer reports.
 */
export default function MyFollowupsPage() {
  const { t } = useTranslation();
  const { filters, page, pageSize, set } = useUrlFilters(FILTERS);
  const list = useMyFollowups({ page, pageSize, ...filters });
  if (list.isLoading) return <PageSkeleton />;
  if (list.isError) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  const data = list.data!;
  const columns: TableProps<FollowupPlanDto>['columns'] = [
    {
      title: t('followup.board.contract'),
      key: 'title',
      render: (_: unknown, p) => (
        <div>
          <Link to={`/contracts/${p.contractId}`}>{p.title}</Link>
          <div className="muted small">
            {p.contractNo} · {p.side === 'buyer' ? p.sellerName : p.buyerName}
          </div>
        </div>
      ),
    },
    {
      title: t('followup.mine.side'),
      dataIndex: 'side',
      width: 90,
      render: (s: string) => t(`followup.mine.${s}`),
    },
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
    {
      key: 'act',
      width: 130,
      render: (_: unknown, p) =>
        p.canReport && (
          <LinkButton size="small" type="primary" to={`/contracts/${p.contractId}`} data-testid="mine-report">
            {t('followup.card.report', { n: p.nextPeriod })}
          </LinkButton>
        ),
    },
  ];
  return (
    <div className={`page${list.isPlaceholderData ? ' is-refreshing' : ''}`} data-testid="my-followups">
      <PageTitle titleKey="followup.mine.title" subtitle={t('followup.card.schedule')} />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} md={8}>
          <Select
            allowClear
            id="mine-side"
            aria-label={t('followup.mine.side')}
            style={{ width: '100%' }}
            placeholder={t('followup.mine.side')}
            value={filters.side}
            onChange={(v?: string) => set({ side: v })}
            options={['buyer', 'seller'].map((s) => ({ value: s, label: t(`followup.mine.${s}`) }))}
          />
        </Col>
        <Col xs={24} md={8}>
          <Select
            allowClear
            id="mine-status"
            aria-label={t('followup.board.status')}
            style={{ width: '100%' }}
            placeholder={t('followup.board.status')}
            value={filters.status}
            onChange={(v?: string) => set({ status: v })}
            options={followupStatuses.map((s) => ({ value: s, label: t(`followup.status.${s}`) }))}
          />
        </Col>
      </Row>
      <Table<FollowupPlanDto>
        rowKey="contractId"
        size="small"
        data-testid="mine-table"
        columns={columns}
        dataSource={data.items}
        scroll={{ x: 760 }}
        locale={{ emptyText: <Empty description={t('followup.board.empty')} /> }}
        pagination={{
          current: page,
          pageSize,
          total: data.total,
          showSizeChanger: true,
          showTotal: (total) => t('followup.board.total', { total }),
          onChange: (p, s) => set({ page: p, pageSize: s }),
        }}
      />
    </div>
  );
}
