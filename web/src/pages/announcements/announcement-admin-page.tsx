import { App, Button, Col, Empty, Row, Select, Space, Table, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { announcementKinds, announcementStatuses, type AnnouncementDto } from '@shared/announcements';
import { useMe } from '../../api/auth';
import { useChangeAnnouncement, useManagedAnnouncements } from '../../api/announcements';
import { errorText } from '../../api/client';
import { PageTitle } from '../../components/page-title';
import { ErrorResult, PageSkeleton } from '../../components/query-state';
import { formatDateTime } from '../../lib/format';
import { useLabels } from '../../lib/use-labels';
import { useUrlFilters } from '../../lib/use-url-filters';
import { AnnouncementFormModal } from './announcement-form-modal';
import { AnnouncementTags } from './announcement-tags';

const FILTERS = ['kind', 'submarket', 'status'] as const;

/**
 * Operators (their sub-markets) and admins (all): write, publish, pin and take down announcements, each
 * irreversible-looking step confirmed; filters and page in the address.
 */
export default function AnnouncementAdminPage() {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const labels = useLabels();
  const { data: me } = useMe();
  const { filters, page, pageSize, set } = useUrlFilters(FILTERS);
  const list = useManagedAnnouncements({ page, pageSize, ...filters });
  const change = useChangeAnnouncement();
  const [editing, setEditing] = useState<AnnouncementDto | 'new' | null>(null);
  const all = me?.roles.includes('admin') || me?.operatorSubmarkets?.includes('HUB');
  const scopes = all ? labels.tax.submarkets.map((s) => s.code) : (me?.operatorSubmarkets ?? []);
  if (list.isLoading) return <PageSkeleton />;
  if (list.isError) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  const data = list.data!;
  const onError = (err: unknown) => void message.error(errorText(err, i18n.language));
  const m = (k: string, o?: Record<string, string>) => t(`announcements.manage.${k}`, o);
  const confirmThen = (a: AnnouncementDto, action: 'publish' | 'unpublish') =>
    modal.confirm({
      title: m(action === 'publish' ? 'confirmPublish' : 'confirmUnpublish', { title: a.title }),
      okText: m(action),
      cancelText: t('common.cancel'),
      onOk: () =>
        change
          .mutateAsync({ id: a.id, action })
          .then(() => void message.success(m(action === 'publish' ? 'published' : 'unpublished')))
          .catch(onError),
    });
  const columns: TableProps<AnnouncementDto>['columns'] = [
    {
      title: t('announcements.manage.form.title'),
      key: 'title',
      render: (_: unknown, a) => (
        <div>
          <Link to={`/announcements/${a.id}`}>{a.title}</Link>
          <div>
            <AnnouncementTags a={a} withStatus />
          </div>
        </div>
      ),
    },
    {
      title: t('announcements.list.submarket'),
      dataIndex: 'submarketCode',
      width: 170,
      render: (c: string) => labels.submarket(c),
    },
    { title: m('author'), dataIndex: 'authorName', width: 120 },
    { title: m('updatedAt'), dataIndex: 'updatedAt', width: 150, render: formatDateTime },
    {
      title: m('actions'),
      key: 'actions',
      width: 240,
      render: (_: unknown, a) => (
        <Space wrap size={4}>
          <Button size="small" onClick={() => setEditing(a)}>
            {m('edit')}
          </Button>
          {a.status === 'published' ? (
            <>
              <Button
                size="small"
                onClick={() => change.mutate({ id: a.id, action: 'pin', pinned: !a.pinned }, { onError })}
              >
                {m(a.pinned ? 'unpin' : 'pin')}
              </Button>
              <Button size="small" danger onClick={() => confirmThen(a, 'unpublish')}>
                {m('unpublish')}
              </Button>
            </>
          ) : (
            <Button
              size="small"
              type="primary"
              data-testid="announcement-publish"
              onClick={() => confirmThen(a, 'publish')}
            >
              {m('publish')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  const select = (key: (typeof FILTERS)[number], options: Array<{ value: string; label: string }>, label: string) => (
    <Col xs={24} md={8}>
      <Select
        allowClear
        id={`manage-${key}`}
        data-testid={`manage-${key}`}
        aria-label={label}
        style={{ width: '100%' }}
        placeholder={label}
        value={filters[key]}
        onChange={(v?: string) => set({ [key]: v })}
        options={options}
      />
    </Col>
  );
  return (
    <div className={`page${list.isPlaceholderData ? ' is-refreshing' : ''}`} data-testid="announcement-admin">
      <PageTitle
        titleKey="announcements.manage.title"
        subtitle={m('subtitle')}
        extra={
          <Button type="primary" data-testid="announcement-new" onClick={() => setEditing('new')}>
            {m('create')}
          </Button>
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {select(
          'kind',
          announcementKinds.map((k) => ({ value: k, label: t(`announcements.kind.${k}`) })),
          t('announcements.list.kind'),
        )}
        {select(
          'submarket',
          scopes.map((c) => ({ value: c, label: labels.submarket(c) })),
          t('announcements.list.submarket'),
        )}
        {select(
          'status',
          announcementStatuses.map((s) => ({ value: s, label: t(`announcements.status.${s}`) })),
          m('status'),
        )}
      </Row>
      <Table<AnnouncementDto>
        rowKey="id"
        size="small"
        data-testid="announcement-table"
        columns={columns}
        dataSource={data.items}
        scroll={{ x: 860 }}
        locale={{ emptyText: <Empty description={m('empty')} /> }}
        pagination={{
          current: page,
          pageSize,
          total: data.total,
          showSizeChanger: true,
          showTotal: (total) => m('total', { total: String(total) }),
          onChange: (p, s) => set({ page: p, pageSize: s }),
        }}
      />
      {editing && (
        <AnnouncementFormModal
          editing={editing === 'new' ? null : editing}
          scopes={scopes}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}
