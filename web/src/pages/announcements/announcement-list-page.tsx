import { Col, Empty, List, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { announcementKinds, type AnnouncementDto } from '@shared/announcements';
import { useAnnouncements } from '../../api/announcements';
import { PageTitle } from '../../components/page-title';
import { ErrorResult, PageSkeleton } from '../../components/query-state';
import { formatDate } from '../../lib/format';
import { useLabels } from '../../lib/use-labels';
import { useUrlFilters } from '../../lib/use-url-filters';
import { AnnouncementTags } from './announcement-tags';

const FILTERS = ['kind', 'submarket'] as const;

/** Everyone: published notices and policies, pinned first, by kind and scope; filters and page in the address. */
export default function AnnouncementListPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { filters, page, pageSize, set } = useUrlFilters(FILTERS, 10);
  const list = useAnnouncements({ page, pageSize, ...filters });
  if (list.isLoading) return <PageSkeleton />;
  if (list.isError) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  const data = list.data!;
  return (
    <div className={`page${list.isPlaceholderData ? ' is-refreshing' : ''}`} data-testid="announcement-list">
      <PageTitle titleKey="announcements.list.title" subtitle={t('announcements.list.subtitle')} />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} md={8}>
          <Select
            allowClear
            id="announcement-kind"
            data-testid="announcement-kind"
            aria-label={t('announcements.list.kind')}
            style={{ width: '100%' }}
            placeholder={t('announcements.list.kind')}
            value={filters.kind}
            onChange={(v?: string) => set({ kind: v })}
            options={announcementKinds.map((k) => ({ value: k, label: t(`announcements.kind.${k}`) }))}
          />
        </Col>
        <Col xs={24} md={8}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            id="announcement-submarket"
            data-testid="announcement-submarket"
            aria-label={t('announcements.list.submarket')}
            style={{ width: '100%' }}
            placeholder={t('announcements.list.submarket')}
            value={filters.submarket}
            onChange={(v?: string) => set({ submarket: v })}
            options={labels.tax.submarkets.map((s) => ({ value: s.code, label: labels.pick(s) }))}
          />
        </Col>
      </Row>
      <List<AnnouncementDto>
        className="announcement-list"
        itemLayout="vertical"
        dataSource={data.items}
        locale={{ emptyText: <Empty description={t('announcements.list.empty')} /> }}
        pagination={{
          current: page,
          pageSize,
          total: data.total,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50],
          showTotal: (total) => (
            <span data-testid="announcement-total">{t('announcements.list.total', { total })}</span>
          ),
          onChange: (p, s) => set({ page: p, pageSize: s }),
        }}
        renderItem={(a) => (
          <List.Item key={a.id} data-testid="announcement-item">
            <div className="announcement-list__title">
              <AnnouncementTags a={a} />
              <Link to={`/announcements/${a.id}`}>{a.title}</Link>
            </div>
            <div className="muted small">
              {labels.submarket(a.submarketCode)} ·{' '}
              {t('announcements.list.published', { date: formatDate(a.publishedAt ?? undefined) })}
            </div>
            <div className="announcement-list__excerpt">{a.body.slice(0, 120)}</div>
          </List.Item>
        )}
      />
    </div>
  );
}
