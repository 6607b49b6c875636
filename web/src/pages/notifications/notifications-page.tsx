import { CheckOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Col, List, Row, Space, Switch, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { errorText } from '../../api/client';
import { useMarkAllRead, useMarkRead, useNotifications, type NotificationDto } from '../../api/notifications';
import { PageTitle } from '../../components/page-title';
import { ErrorResult } from '../../components/query-state';
import { formatDateTime } from '../../lib/format';
import '../search/search.css';
import { NotificationPrefsCard } from './notification-prefs-card';
import { SavedSearchesCard } from './saved-searches-card';

const PAGE_SIZE = 20;
const tagColor: Record<string, string> = {
  listing_match: 'blue',
  saved_search: 'gold',
  org_invitation: 'green',
  account_locked: 'red',
};

/** /notifications: newest first, click to read and open, mark all read; saved searches beside. */
export default function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const page = Math.max(1, Number.parseInt(sp.get('page') ?? '', 10) || 1);
  const unreadOnly = sp.get('unread') === 'true';
  const list = useNotifications({ page, pageSize: PAGE_SIZE, unread: unreadOnly });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const zh = i18n.language !== 'en';
  const text = (m: { zh: string; en: string }) => (zh ? m.zh : m.en);

  const setQuery = (next: { page?: number; unread?: boolean }) => {
    const q = new URLSearchParams();
    if ((next.page ?? 1) > 1) q.set('page', String(next.page));
    if (next.unread) q.set('unread', 'true');
    setSp(q);
  };
  const open = (n: NotificationDto) => {
    if (!n.readAt) markRead.mutate(n.id);
    void navigate(n.link);
  };
  const readAll = () =>
    markAll.mutate(undefined, {
      onSuccess: (count) => void message.success(t('search.notifications.markedAllRead', { count })),
      onError: (err) => void message.error(errorText(err, i18n.language)),
    });

  return (
    <div className="page" data-testid="notifications-page">
      <PageTitle
        titleKey="search.notifications.title"
        subtitle={t('search.notifications.subtitle')}
        extra={
          <Space>
            <Switch
              checked={unreadOnly}
              onChange={(v) => setQuery({ unread: v })}
              data-testid="unread-only"
              aria-label={t('search.notifications.unreadOnly')}
            />
            <span>{t('search.notifications.unreadOnly')}</span>
            <Button
              icon={<CheckOutlined />}
              onClick={readAll}
              loading={markAll.isPending}
              disabled={!list.data?.unread}
              data-testid="mark-all-read"
            >
              {t('search.notifications.markAllRead')}
            </Button>
          </Space>
        }
      />
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card className="section-card">
            {list.isError ? (
              <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
            ) : (
              <List
                loading={list.isPending || (list.isFetching && list.isPlaceholderData)}
                dataSource={list.data?.items ?? []}
                locale={{ emptyText: t('search.notifications.empty') }}
                pagination={
                  (list.data?.total ?? 0) > PAGE_SIZE
                    ? {
                        current: page,
                        pageSize: PAGE_SIZE,
                        total: list.data!.total,
                        onChange: (p) => setQuery({ page: p, unread: unreadOnly }),
                      }
                    : false
                }
                renderItem={(n) => (
                  <List.Item
                    className={`notification-item${n.readAt ? '' : ' notification-item--unread'}`}
                    data-testid="notification"
                    data-id={n.id}
                    data-read={n.readAt ? 'true' : 'false'}
                    onClick={() => open(n)}
                  >
                    <List.Item.Meta
                      avatar={<Badge dot={!n.readAt} />}
                      title={
                        <Space wrap>
                          <Tag
                            color={
                              tagColor[n.type] ??
                              (n.category === 'registration' || n.category === 'contract' ? 'purple' : 'cyan')
                            }
                            data-testid="notification-tag"
                          >
                            {n.category
                              ? t(`search.notifications.category.${n.category}`)
                              : t(`search.notifications.type.${n.type}`)}
                          </Tag>
                          <span className="notification-item__title" data-testid="notification-title">
                            {text(n.title)}
                          </span>
                        </Space>
                      }
                      description={
                        <>
                          <div>{text(n.body)}</div>
                          <div className="muted small">{formatDateTime(n.createdAt)}</div>
                        </>
                      }
                    />
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <NotificationPrefsCard />
          <SavedSearchesCard />
        </Col>
      </Row>
    </div>
  );
}
