import { Empty, List, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAnnouncements } from '../../api/announcements';
import { formatDate } from '../../lib/format';
import { AnnouncementTags } from '../announcements/announcement-tags';

/** The home page's latest notices and policies (pinned first), with a link to all of them. */
export function LatestAnnouncements() {
  const { t } = useTranslation();
  const list = useAnnouncements({ page: 1, pageSize: 5 });
  const items = list.data?.items ?? [];
  return (
    <section className="home-section" data-testid="home-announcements">
      <div className="home-section__head">
        <Typography.Title level={3}>{t('announcements.home.title')}</Typography.Title>
        <Link to="/announcements">{t('home.viewAll')}</Link>
      </div>
      {list.isPending ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty description={t('announcements.home.empty')} />
      ) : (
        <List
          size="small"
          bordered
          className="home-announcements"
          dataSource={items}
          renderItem={(a) => (
            <List.Item key={a.id}>
              <div className="home-announcements__row">
                <span className="home-announcements__title">
                  <AnnouncementTags a={a} />
                  <Link to={`/announcements/${a.id}`}>{a.title}</Link>
                </span>
                <span className="muted small">{formatDate(a.publishedAt ?? undefined)}</span>
              </div>
            </List.Item>
          )}
        />
      )}
    </section>
  );
}
