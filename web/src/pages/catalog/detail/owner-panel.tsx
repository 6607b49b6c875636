import { EditOutlined, InboxOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/client';
import { listingPlural, type ListingDetail, type ListingKind } from '../../../api/listing-types';
import { useListingAction, type ListingAction } from '../../../api/listings';
import { formatDateTime } from '../../../lib/format';
import { ListingRejectModal, type RejectTarget } from '../manage/listing-reject-modal';
import { ReviewButtons } from '../manage/review-buttons';
import { ListingStatusTag, RevisionTag } from '../listing-status-tag';
import { LinkButton } from '../../../components/link-button';

/** Which owner actions the state table (api listing.state.ts) allows now. */
export function ownerActions(l: Pick<ListingDetail, 'status' | 'revision'>) {
  const rev = l.revision?.status ?? null;
  const published = l.status === 'published';
  return {
    edit: ['draft', 'rejected', 'published'].includes(l.status) && rev !== 'pending_review',
    submit: ['draft', 'rejected'].includes(l.status) || (published && (rev === 'draft' || rev === 'rejected')),
    withdraw: l.status === 'pending_review' || (published && rev === 'pending_review'),
    archive: ['draft', 'rejected', 'published'].includes(l.status),
  };
}

const inReview = (l: ListingDetail) => l.status === 'pending_review' || l.revision?.status === 'pending_review';

/** Owner and staff view: status, revision banner, review comment and the actions the state allows. */
export function OwnerPanel({ kind, listing }: { kind: ListingKind; listing: ListingDetail }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const action = useListingAction(kind);
  const [rejecting, setRejecting] = useState<RejectTarget | null>(null);
  const owner = listing.view === 'owner';
  const can = ownerActions(listing);
  const rev = listing.revision?.status ?? null;
  const rejectedNow = listing.status === 'rejected' || rev === 'rejected';

  const run = (a: ListingAction, done: string) =>
    action.mutate(
      { id: listing.id, action: a },
      {
        onSuccess: () => void message.success(t(done)),
        onError: (err) => void message.error(errorText(err, i18n.language)),
      },
    );
  const archive = () =>
    modal.confirm({
      title: t('catalog.detail.archive'),
      content: t('catalog.detail.archiveConfirm'),
      okButtonProps: { danger: true },
      onOk: () => run('archive', 'catalog.detail.archived'),
    });
  const busy = (a: ListingAction) => action.isPending && action.variables?.action === a;

  return (
    <Card className="section-card" data-testid="owner-panel">
      <Alert
        type="info"
        showIcon
        className="page-alert"
        title={t(owner ? 'catalog.detail.ownerView' : 'catalog.detail.staffView')}
      />
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'status',
            label: t('catalog.detail.statusLabel'),
            children: (
              <Space size={4}>
                <ListingStatusTag status={listing.status} />
                {rev && <RevisionTag status={rev} />}
              </Space>
            ),
          },
          { key: 'updatedAt', label: t('catalog.field.updatedAt'), children: formatDateTime(listing.updatedAt) },
          ...(listing.publishedAt
            ? [
                {
                  key: 'publishedAt',
                  label: t('catalog.field.publishedAt'),
                  children: formatDateTime(listing.publishedAt),
                },
              ]
            : []),
          ...(listing.live && rev
            ? [{ key: 'live', label: ' ', children: t('catalog.detail.liveVersion', { title: listing.live.title }) }]
            : []),
        ]}
      />
      {rev ? (
        <Alert
          type={rev === 'rejected' ? 'error' : 'warning'}
          showIcon
          className="page-alert"
          title={t(`catalog.detail.revisionBanner.${rev}`)}
          data-testid="revision-banner"
        />
      ) : (
        <Alert
          type={listing.status === 'rejected' ? 'error' : listing.status === 'published' ? 'success' : 'info'}
          showIcon
          className="page-alert"
          title={t(`catalog.detail.statusHint.${listing.status}`)}
        />
      )}
      {rejectedNow && listing.review?.reason && (
        <Alert
          type="error"
          className="page-alert"
          title={t('catalog.detail.reviewReason')}
          description={
            <>
              <div data-testid="review-reason">{listing.review.reason}</div>
              {listing.review.decidedBy && (
                <div className="muted small">
                  {t('catalog.detail.reviewedBy', {
                    name: listing.review.decidedBy,
                    at: formatDateTime(listing.review.decidedAt),
                  })}
                </div>
              )}
            </>
          }
        />
      )}
      <Space wrap>
        {owner && can.edit && (
          <LinkButton
            to={`/${listingPlural[kind]}/${listing.id}/edit`}
            icon={<EditOutlined />}
            data-testid="listing-edit"
          >
            {t('catalog.detail.edit')}
          </LinkButton>
        )}
        {owner && can.submit && (
          <Button
            type="primary"
            icon={<SendOutlined />}
            loading={busy('submit')}
            onClick={() => run('submit', 'catalog.detail.submitted')}
            data-testid="listing-submit"
          >
            {t('catalog.detail.submit')}
          </Button>
        )}
        {owner && can.withdraw && (
          <Button
            icon={<RollbackOutlined />}
            loading={busy('withdraw')}
            onClick={() => run('withdraw', 'catalog.detail.withdrawn')}
            data-testid="listing-withdraw"
          >
            {t('catalog.detail.withdraw')}
          </Button>
        )}
        {!owner && inReview(listing) && (
          <ReviewButtons
            kind={kind}
            target={{ id: listing.id, title: listing.title }}
            onReject={setRejecting}
            size="middle"
          />
        )}
        {can.archive && (
          <Button
            danger
            icon={<InboxOutlined />}
            loading={busy('archive')}
            onClick={archive}
            data-testid="listing-archive"
          >
            {t('catalog.detail.archive')}
          </Button>
        )}
      </Space>
      <ListingRejectModal kind={kind} target={rejecting} onClose={() => setRejecting(null)} />
    </Card>
  );
}
