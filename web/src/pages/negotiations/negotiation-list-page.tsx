import { Badge, Card, List, Space, Tag } from 'antd';
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { negotiationKeys, useNegotiations } from '../../api/negotiations';
import { PageTitle } from '../../components/page-title';
import { ErrorResult, PageSkeleton } from '../../components/query-state';
import { formatDateTime } from '../../lib/format';
import { statusColor } from './negotiation-room-page';
import { roomSocket } from './room-socket';

/**
 * "My negotiations" with unread counts, refreshed live when anything happens in one of the rooms: the rooms of
 * the user's organisation and those the user takes part in as a broker (issue 13: a broker's list was empty).
 */
export default function NegotiationListPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useNegotiations({});
  useEffect(() => {
    const socket = roomSocket();
    const refresh = () => void qc.invalidateQueries({ queryKey: [...negotiationKeys.all, 'list'] });
    socket.on('negotiation:events', refresh);
    socket.on('negotiation:joined', refresh);
    return () => {
      socket.off('negotiation:events', refresh);
      socket.off('negotiation:joined', refresh);
    };
  }, [qc]);
  if (list.isLoading) return <PageSkeleton />;
  if (list.error) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <div className="page">
      <PageTitle titleKey="negotiation.list.title" />
      <Card>
        <List
          data-testid="negotiation-list"
          locale={{ emptyText: t('negotiation.list.empty') }}
          dataSource={list.data?.items ?? []}
          footer={
            <span className="muted" data-testid="negotiation-total">
              {t('common.total', { count: list.data?.total ?? list.data?.items.length ?? 0 })}
            </span>
          }
          renderItem={(n) => (
            <List.Item
              data-testid="negotiation-item"
              data-id={n.id}
              extra={
                <Badge
                  count={n.unread}
                  data-testid="unread"
                  title={t('negotiation.list.unread', { count: n.unread })}
                />
              }
            >
              <List.Item.Meta
                title={<Link to={`/negotiations/${n.id}`}>{n.title}</Link>}
                description={
                  <Space wrap>
                    <Tag color={statusColor[n.status]}>{t(`negotiation.status.${n.status}`)}</Tag>
                    <span>{t(`negotiation.side.${n.mySide}`)}</span>
                    <span>
                      {n.buyer.name} ⇄ {n.seller.name}
                    </span>
                    <small>
                      {t('negotiation.list.updated')} {formatDateTime(n.lastEventAt)}
                    </small>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}
