import { ArrowLeftOutlined } from '@ant-design/icons';
import { Col, Descriptions, Row, Space, Tag, Typography, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AchievementDetail, ListingKind, NeedDetail } from '../../../api/listing-types';
import { listingPlural } from '../../../api/listing-types';
import { useListing } from '../../../api/listings';
import { useDocumentTitle } from '../../../components/page-title';
import { ErrorResult, PageSkeleton } from '../../../components/query-state';
import { formatDate } from '../../../lib/format';
import { useLabels } from '../../../lib/use-labels';
import { StartNegotiationButton } from '../../negotiations/start-negotiation-button';
import { DepositCard } from '../../payments/deposit-card';
import { MatchesPanel } from '../../search/matches-panel';
import '../catalog.css';
import { ChallengeBox, isChallengeOpen } from '../challenge/challenge-box';
import { ProposalSection } from '../challenge/proposal-section';
import { ProposalsCard } from '../challenge/proposals-card';
import { ListingStatusTag } from '../listing-status-tag';
import { AchievementContent } from './achievement-content';
import { ConfidentialCard } from './confidential-card';
import { ListingHistoryCard } from './listing-history-card';
import { NeedContent } from './need-content';
import { OwnerPanel } from './owner-panel';
import { EvaluationCard } from '../../evaluations/evaluation-card';
import { LinkButton } from '../../../components/link-button';

/** One detail page for both kinds, rendering whichever view the API chose (public, nda, owner, staff). */
export function ListingDetailPage({ kind }: { kind: ListingKind }) {
  const { t } = useTranslation();
  const { id } = useParams();
  const labels = useLabels();
  const query = useListing(kind, id);
  useDocumentTitle(query.data?.title);

  if (query.isPending) return <PageSkeleton />;
  if (query.isError) return <ErrorResult error={query.error} onRetry={() => void query.refetch()} />;
  const listing = query.data;
  const manage = listing.view === 'owner' || listing.view === 'staff';
  const need = listing.kind === 'need' ? (listing as NeedDetail) : null;
  const challenge = need?.challenge ?? null;

  return (
    <div className="page" data-testid="listing-detail" data-view={listing.view}>
      <LinkButton to={`/${listingPlural[kind]}`} type="link" icon={<ArrowLeftOutlined />} className="back-link">
        {t('catalog.detail.backToList')}
      </LinkButton>
      <div className="listing-head">
        <Typography.Title level={2} className="listing-head__title" data-testid="listing-title">
          {listing.title}
        </Typography.Title>
        {challenge && <Tag color="volcano">{t('catalog.challenge.badge')}</Tag>}
        {need?.award && <Tag color="gold">{t('catalog.challenge.awarded')}</Tag>}
        {manage && <ListingStatusTag status={listing.status} />}
        {!manage && listing.status === 'published' && (
          <span className="listing-head__action">
            <StartNegotiationButton subject={{ kind, id: listing.id }} />
          </span>
        )}
      </div>
      <Space wrap className="muted small">
        {listing.ownerOrg && (
          <Link to={`/orgs/${listing.ownerOrg.id}`} data-testid="listing-org">
            {listing.ownerOrg.name}
          </Link>
        )}
        <span>{labels.submarket(listing.submarketCode)}</span>
        {listing.publishedAt && (
          <span>
            {t('catalog.field.publishedAt')} {formatDate(listing.publishedAt)}
          </span>
        )}
      </Space>
      <Row gutter={16} className="listing-grid">
        <Col xs={24} lg={manage ? 16 : 24}>
          {manage && <OwnerPanel kind={kind} listing={listing} />}
          {challenge && <ChallengeBox challenge={challenge} award={need?.award} />}
          {kind === 'achievement' ? (
            <>
              <AchievementContent listing={listing as AchievementDetail} />
              <EvaluationCard achievementId={listing.id} title={listing.title} />
            </>
          ) : (
            <NeedContent listing={listing as NeedDetail} />
          )}
          <ConfidentialCard kind={kind} listing={listing} />
          {need && challenge && manage && listing.status === 'published' && (
            <ProposalsCard needId={listing.id} canDecide={listing.view === 'owner'} />
          )}
          {need && challenge && !manage && <ProposalSection needId={listing.id} challenge={challenge} />}
          {/* A solver's 保证金 (deposit.rules.ts: challenges ask one of every organisation answering). */}
          {need && challenge && !manage && (
            <DepositCard
              subjectKind="challenge"
              subjectId={listing.id}
              open={isChallengeOpen(challenge) && !need.award}
            />
          )}
          {listing.status === 'published' && <MatchesPanel kind={kind} id={listing.id} />}
        </Col>
        {manage && (
          <Col xs={24} lg={8}>
            {listing.ownerOrg && (
              <Card className="section-card">
                <Descriptions
                  size="small"
                  column={1}
                  items={[
                    { key: 'org', label: t('catalog.field.org'), children: listing.ownerOrg.name },
                    {
                      key: 'sm',
                      label: t('catalog.field.submarket'),
                      children: labels.submarket(listing.submarketCode),
                    },
                  ]}
                />
              </Card>
            )}
            <ListingHistoryCard history={listing.history ?? []} />
          </Col>
        )}
      </Row>
    </div>
  );
}
