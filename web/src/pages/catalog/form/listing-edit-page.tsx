import { Alert, Card, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useMe } from '../../../api/auth';
import type { AchievementDetail, ListingKind, NeedDetail } from '../../../api/listing-types';
import { listingPlural } from '../../../api/listing-types';
import { useListing } from '../../../api/listings';
import { PageTitle } from '../../../components/page-title';
import { VerificationBanner } from '../../../components/verification-banner';
import { ErrorResult, PageSkeleton } from '../../../components/query-state';
import '../catalog.css';
import { ownerActions } from '../detail/owner-panel';
import { achievementValues } from './achievement-values';
import { AchievementEditor, NeedEditor } from './listing-editors';
import { needValues } from './need-values';
import { LinkButton } from '../../../components/link-button';

/** Create (no :id) or edit (owner's working copy) a listing of one kind through the step form. */
export function ListingEditPage({ kind }: { kind: ListingKind }) {
  const { t } = useTranslation();
  const { id } = useParams();
  const { data: me } = useMe();
  const existing = useListing(kind, id);
  const achievement = kind === 'achievement';
  const label = (n: number) => t('catalog.detail.attachment', { n });
  const titleKey = id
    ? achievement
      ? 'catalog.form.editAchievement'
      : 'catalog.form.editNeed'
    : achievement
      ? 'catalog.form.createAchievement'
      : 'catalog.form.createNeed';

  if (!me?.orgId) {
    return (
      <div className="page">
        <Result
          status="info"
          title={t('catalog.mine.noOrg')}
          extra={
            <LinkButton to="/orgs/new" type="primary">
              {t('catalog.mine.createOrg')}
            </LinkButton>
          }
        />
      </div>
    );
  }
  if (id && existing.isPending) return <PageSkeleton />;
  if (id && existing.isError) return <ErrorResult error={existing.error} onRetry={() => void existing.refetch()} />;
  const listing = id ? existing.data : undefined;
  if (listing && (listing.view !== 'owner' || !ownerActions(listing).edit)) {
    return (
      <div className="page">
        <Result
          status="warning"
          title={t('catalog.form.notEditable')}
          extra={<LinkButton to={`/${listingPlural[kind]}/${listing.id}`}>{t('common.back')}</LinkButton>}
        />
      </div>
    );
  }
  // A draft or a rejected listing (or a revision) may be submitted straight from the form.
  const canSubmit = !listing || listing.status !== 'published' || listing.revision?.status !== 'pending_review';

  return (
    <div className="page">
      <PageTitle
        titleKey={titleKey}
        subtitle={achievement ? t('catalog.form.createAchievementSub') : t('catalog.form.createNeedSub')}
      />
      <VerificationBanner draftsAllowed />
      {listing?.status === 'published' && (
        <Alert type="warning" showIcon className="page-alert" title={t('catalog.form.editPublishedHint')} />
      )}
      <Card>
        {achievement ? (
          <AchievementEditor
            key={listing?.id ?? 'new'}
            id={listing?.id}
            initialValues={listing ? achievementValues(listing as AchievementDetail, label) : undefined}
            canSubmit={canSubmit}
          />
        ) : (
          <NeedEditor
            key={listing?.id ?? 'new'}
            id={listing?.id}
            initialValues={listing ? needValues(listing as NeedDetail, label) : undefined}
            canSubmit={canSubmit}
          />
        )}
      </Card>
    </div>
  );
}
