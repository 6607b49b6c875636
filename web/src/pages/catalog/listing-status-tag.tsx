import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ListingStatus, RevisionStatus } from '../../api/listing-types';

const statusColor: Record<ListingStatus, string> = {
  draft: 'default',
  pending_review: 'processing',
  published: 'success',
  rejected: 'error',
  archived: 'default',
};

const revisionColor: Record<RevisionStatus, string> = {
  draft: 'gold',
  pending_review: 'processing',
  rejected: 'error',
};

export function ListingStatusTag({ status }: { status: ListingStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColor[status]} data-testid="listing-status" data-status={status}>
      {t(`catalog.status.${status}`)}
    </Tag>
  );
}

export function RevisionTag({ status }: { status: RevisionStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={revisionColor[status]} data-testid="listing-revision" data-status={status}>
      {t(`catalog.revision.${status}`)}
    </Tag>
  );
}
