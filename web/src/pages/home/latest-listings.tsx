import { Col, Empty, Row, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ListingKind, ListingListParams } from '../../api/listing-types';
import { useListings } from '../../api/listings';
import { AchievementCardView, NeedCardView } from '../catalog/browse/listing-cards';
import { useEvaluationBadges } from '../../api/evaluations';
import type { AchievementCard, NeedCard } from '../../api/listing-types';

/** One home-page row of live listings (approved and public), with a link to the full filtered list. */
function Section({
  kind,
  params,
  titleKey,
  more,
  testId,
}: {
  kind: ListingKind;
  params: ListingListParams;
  titleKey: string;
  more: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const list = useListings(kind, { pageSize: 4, ...params });
  const items = list.data?.items ?? [];
  const badges = useEvaluationBadges(kind === 'achievement' ? items.map((i) => i.id) : []);
  return (
    <section className="home-section" data-testid={testId}>
      <div className="home-section__head">
        <Typography.Title level={3}>{t(titleKey)}</Typography.Title>
        <Link to={more}>{t('home.viewAll')}</Link>
      </div>
      {list.isPending ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty description={t('home.noListings')} />
      ) : (
        <Row gutter={[16, 16]}>
          {items.map((item) => (
            <Col key={item.id} xs={24} sm={12} xl={6}>
              {kind === 'achievement' ? (
                <AchievementCardView item={item as AchievementCard} evaluation={badges.data?.[item.id]} />
              ) : (
                <NeedCardView item={item as NeedCard} />
              )}
            </Col>
          ))}
        </Row>
      )}
    </section>
  );
}

/** Latest approved achievements and needs, and the open 揭榜挂帅 challenges closing soonest. */
export function LatestListings() {
  return (
    <>
      <Section
        kind="need"
        params={{ challenge: true, sort: 'closing' }}
        titleKey="home.openChallenges"
        more="/needs?challenge=true&sort=closing"
        testId="home-challenges"
      />
      <Section
        kind="achievement"
        params={{ sort: 'newest' }}
        titleKey="home.latestAchievements"
        more="/achievements?sort=newest"
        testId="home-achievements-latest"
      />
      <Section
        kind="need"
        params={{ sort: 'newest' }}
        titleKey="home.latestNeeds"
        more="/needs?sort=newest"
        testId="home-needs-latest"
      />
    </>
  );
}
