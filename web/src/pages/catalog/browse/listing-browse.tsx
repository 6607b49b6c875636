import { PlusOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Pagination, Row, Skeleton, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMe } from '../../../api/auth';
import type { AchievementCard, ListingKind, ListingListParams, NeedCard } from '../../../api/listing-types';
import { useListings } from '../../../api/listings';
import { PageTitle } from '../../../components/page-title';
import { ErrorResult } from '../../../components/query-state';
import '../catalog.css';
import { AchievementCardView, NeedCardView } from './listing-cards';
import { useEvaluationBadges } from '../../../api/evaluations';
import { ListingFilters } from './listing-filters';
import { PAGE_SIZES, readListParams, writeListParams } from './list-params';
import { LinkButton } from '../../../components/link-button';

/** Public list of one kind: filters in the URL, a card grid, pagination; free to anonymous visitors. */
export function ListingBrowse({ kind }: { kind: ListingKind }) {
  const { t } = useTranslation();
  const [sp, setSp] = useSearchParams();
  const { data: me } = useMe();
  const params: ListingListParams = { ...readListParams(sp, kind), status: undefined, scope: 'public' };
  const list = useListings(kind, params);
  const setParams = (next: ListingListParams) => setSp(writeListParams({ ...next, scope: undefined }));
  const achievement = kind === 'achievement';
  const badges = useEvaluationBadges(achievement ? (list.data?.items ?? []).map((i) => i.id) : []);

  const body = () => {
    if (list.isError) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
    if (list.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
    if (list.data.items.length === 0) {
      return (
        <Empty
          className="listing-grid"
          description={t(achievement ? 'catalog.list.emptyAchievements' : 'catalog.list.emptyNeeds')}
          data-testid="listing-empty"
        />
      );
    }
    // After a filter change the previous cards stay, dimmed under a spinner, until the new page arrives.
    return (
      <Spin spinning={list.isPlaceholderData} data-testid="listing-loading" description={t('common.loading')}>
        <Row gutter={[16, 16]} className="listing-grid" data-testid="listing-grid" aria-busy={list.isFetching}>
          {list.data.items.map((item) => (
            <Col key={item.id} xs={24} sm={12} lg={8}>
              {achievement ? (
                <AchievementCardView item={item as AchievementCard} evaluation={badges.data?.[item.id]} />
              ) : (
                <NeedCardView item={item as NeedCard} />
              )}
            </Col>
          ))}
        </Row>
        <Pagination
          className="listing-pagination"
          current={params.page}
          pageSize={params.pageSize}
          total={list.data.total}
          pageSizeOptions={PAGE_SIZES}
          showSizeChanger
          showTotal={(total) => t('common.total', { count: total })}
          onChange={(page, pageSize) =>
            setParams({ ...params, page: pageSize === params.pageSize ? page : 1, pageSize })
          }
        />
      </Spin>
    );
  };

  return (
    <div className="page">
      <PageTitle
        titleKey={achievement ? 'catalog.list.achievementsTitle' : 'catalog.list.needsTitle'}
        subtitle={t(achievement ? 'catalog.list.achievementsSubtitle' : 'catalog.list.needsSubtitle')}
        extra={
          me?.orgId && (
            <LinkButton
              to={achievement ? '/achievements/new' : '/needs/new'}
              type="primary"
              icon={<PlusOutlined />}
              data-testid="listing-new"
            >
              {t(achievement ? 'catalog.list.newAchievement' : 'catalog.list.newNeed')}
            </LinkButton>
          )
        }
      />
      <Card>
        <ListingFilters kind={kind} value={params} onChange={setParams} />
        {body()}
      </Card>
    </div>
  );
}
