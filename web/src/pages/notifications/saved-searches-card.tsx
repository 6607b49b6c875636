import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, Card, List, Popconfirm, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../api/client';
import { useDeleteSavedSearch, useSavedSearches } from '../../api/notifications';
import { ErrorResult } from '../../components/query-state';
import { formatDate } from '../../lib/format';

/** The user's saved searches: open one (back on /search with its query) or delete it. */
export function SavedSearchesCard() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const saved = useSavedSearches();
  const remove = useDeleteSavedSearch();
  return (
    <Card title={t('search.saved.title')} className="section-card" data-testid="saved-searches">
      {saved.isError ? (
        <ErrorResult error={saved.error} onRetry={() => void saved.refetch()} />
      ) : (
        <List
          loading={saved.isPending}
          dataSource={saved.data ?? []}
          locale={{ emptyText: t('search.saved.empty') }}
          renderItem={(s) => (
            <List.Item
              data-testid="saved-search"
              data-id={s.id}
              actions={[
                <Link
                  key="open"
                  to={`/search?${new URLSearchParams(s.query).toString()}`}
                  data-testid="saved-search-open"
                >
                  {t('search.saved.open')}
                </Link>,
                <Popconfirm
                  key="remove"
                  title={t('search.saved.removeConfirm')}
                  onConfirm={() =>
                    remove.mutate(s.id, {
                      onSuccess: () => void message.success(t('search.saved.removed')),
                      onError: (err) => void message.error(errorText(err, i18n.language)),
                    })
                  }
                >
                  <Button
                    type="text"
                    danger
                    size="small"
                    icon={<DeleteOutlined />}
                    aria-label={t('search.saved.remove')}
                    data-testid="saved-search-remove"
                  />
                </Popconfirm>,
              ]}
            >
              <List.Item.Meta
                title={<span data-testid="saved-search-name">{s.name}</span>}
                description={
                  <>
                    <Tag color={s.notify ? 'blue' : undefined}>
                      {s.notify ? t('search.saved.notifyOn') : t('search.saved.notifyOff')}
                    </Tag>
                    <span className="muted small">
                      {t('search.saved.createdAt', { date: formatDate(s.createdAt) })}
                    </span>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
