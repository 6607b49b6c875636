import { Card, Empty, Space, Table, Tag, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { ListingCard } from '../../../api/listing-types';
import { useListings } from '../../../api/listings';
import { PageTitle } from '../../../components/page-title';
import { ErrorResult } from '../../../components/query-state';
import { useLabels } from '../../../lib/use-labels';
import '../catalog.css';
import { PAGE_SIZES, readListParams } from '../browse/list-params';
import { KindSwitch, readKind } from './kind-switch';
import { listingColumns } from './listing-columns';
import { ListingRejectModal, type RejectTarget } from './listing-reject-modal';
import { ReviewButtons } from './review-buttons';

/** Operators' queue ("scope=review"): new listings and revisions waiting in their sub-markets. */
export default function ReviewQueuePage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const [sp, setSp] = useSearchParams();
  const kind = readKind(sp);
  const { page, pageSize } = readListParams(sp, kind);
  const [rejecting, setRejecting] = useState<RejectTarget | null>(null);
  const queue = useListings(kind, { scope: 'review', page, pageSize, sort: 'updated' });
  const set = (next: { kind: string; page: number; pageSize?: number }) => {
    const out = new URLSearchParams();
    if (next.kind === 'need') out.set('kind', 'need');
    if (next.page > 1) out.set('page', String(next.page));
    if (next.pageSize && next.pageSize !== 12) out.set('pageSize', String(next.pageSize));
    setSp(out);
  };

  const base = listingColumns(kind, t, labels);
  const columns: TableProps<ListingCard>['columns'] = [
    base[0],
    {
      title: t('catalog.review.type'),
      key: 'type',
      width: 90,
      render: (_: unknown, l) =>
        l.status === 'published' ? (
          <Tag color="gold">{t('catalog.review.revisionItem')}</Tag>
        ) : (
          <Tag color="blue">{t('catalog.review.newListing')}</Tag>
        ),
    },
    { title: t('catalog.col.org'), key: 'org', width: 200, render: (_: unknown, l) => l.ownerOrg?.name },
    {
      title: t('catalog.col.submarket'),
      dataIndex: 'submarketCode',
      width: 150,
      responsive: ['lg'],
      render: (v: string) => labels.submarket(v),
    },
    ...base.slice(2),
    {
      title: t('catalog.col.actions'),
      key: 'actions',
      width: 190,
      render: (_: unknown, l) => (
        <Space>
          <ReviewButtons kind={kind} target={{ id: l.id, title: l.title }} onReject={setRejecting} />
        </Space>
      ),
    },
  ];

  return (
    <div className="page">
      <PageTitle titleKey="catalog.review.title" subtitle={t('catalog.review.subtitle')} />
      <Card>
        <Space wrap className="filters">
          <KindSwitch value={kind} onChange={(k) => set({ kind: k, page: 1, pageSize })} />
        </Space>
        {queue.isError ? (
          <ErrorResult error={queue.error} onRetry={() => void queue.refetch()} />
        ) : (
          <Table<ListingCard>
            rowKey="id"
            columns={columns}
            dataSource={queue.data?.items}
            loading={queue.isFetching}
            data-testid="review-table"
            locale={{ emptyText: <Empty description={t('catalog.review.empty')} /> }}
            pagination={{
              current: page,
              pageSize,
              total: queue.data?.total ?? 0,
              pageSizeOptions: PAGE_SIZES,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (p, size) => set({ kind, page: size === pageSize ? p : 1, pageSize: size }),
            }}
            scroll={{ x: 900 }}
          />
        )}
      </Card>
      <ListingRejectModal kind={kind} target={rejecting} onClose={() => setRejecting(null)} />
    </div>
  );
}
