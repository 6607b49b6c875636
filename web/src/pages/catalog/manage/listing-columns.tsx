import { Space, type TableProps } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { AchievementCard, ListingCard, ListingKind, NeedCard } from '../../../api/listing-types';
import { listingPlural } from '../../../api/listing-types';
import { formatDateTime } from '../../../lib/format';
import type { useLabels } from '../../../lib/use-labels';
import { ListingStatusTag, RevisionTag } from '../listing-status-tag';
import { BudgetText, PriceText } from '../money-text';

/** Columns both management tables share: title, status, field, price or budget, last change. */
export function listingColumns(
  kind: ListingKind,
  t: TFunction,
  labels: ReturnType<typeof useLabels>,
): NonNullable<TableProps<ListingCard>['columns']> {
  return [
    {
      title: t('catalog.col.title'),
      dataIndex: 'title',
      render: (title: string, l) => (
        <Link to={`/${listingPlural[kind]}/${l.id}`} data-testid="listing-link" data-id={l.id}>
          {title}
        </Link>
      ),
    },
    {
      title: t('catalog.col.status'),
      dataIndex: 'status',
      width: 190,
      render: (_: unknown, l) => (
        <Space size={4} wrap>
          {l.status && <ListingStatusTag status={l.status} />}
          {l.revision && <RevisionTag status={l.revision} />}
        </Space>
      ),
    },
    {
      title: t('catalog.col.field'),
      dataIndex: 'fieldCode',
      width: 150,
      responsive: ['md'],
      render: (v: string) => labels.field(v),
    },
    {
      title: t('catalog.col.price'),
      key: 'price',
      width: 150,
      responsive: ['lg'],
      render: (_: unknown, l) =>
        kind === 'achievement' ? (
          <PriceText price={(l as AchievementCard).price} />
        ) : (
          <BudgetText budget={(l as NeedCard).budget} />
        ),
    },
    {
      title: t('catalog.col.updatedAt'),
      dataIndex: 'updatedAt',
      width: 150,
      responsive: ['md'],
      render: (v: string) => formatDateTime(v),
    },
  ];
}
