import { EditOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Input, Popconfirm, Select, Space, Table, Tag, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { UserDto } from '@shared/dto';
import type { UserRole } from '@shared/taxonomy';
import { errorText } from '../../api/client';
import { useMe } from '../../api/auth';
import { useSetUserDisabled, useUnlockUser, useUsers, type UserListParams } from '../../api/users';
import { PageTitle } from '../../components/page-title';
import { ErrorResult } from '../../components/query-state';
import { formatDate } from '../../lib/format';
import { useLabels } from '../../lib/use-labels';
import { useUrlFilters } from '../../lib/use-url-filters';
import { RolesModal } from './roles-modal';

const FILTERS = ['q', 'role'] as const;

/**
 * Admin list of users with role filter and search (kept in the address), role changes (never one's own),
 * the sign-in locks failed attempts left (lifted here) and disabling an account (its sessions and sockets
 * end at once).
 */
export default function UsersPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const unlock = useUnlockUser();
  const setDisabled = useSetUserDisabled();
  const { data: me } = useMe();
  const { filters, page, pageSize, set } = useUrlFilters(FILTERS);
  const params: UserListParams = { page, pageSize, q: filters.q, role: filters.role as UserRole | undefined };
  const users = useUsers(params);
  const { tax, pick, role } = useLabels();
  const [editing, setEditing] = useState<UserDto | null>(null);

  const columns: TableProps<UserDto>['columns'] = [
    { title: t('users.col.name'), dataIndex: 'name' },
    { title: t('users.col.email'), dataIndex: 'email' },
    {
      title: t('users.col.roles'),
      dataIndex: 'roles',
      render: (rs: UserRole[], u) => (
        <Space size={4} wrap>
          {rs.map((r) => (
            <Tag key={r} color={r === 'admin' ? 'magenta' : 'blue'}>
              {role(r)}
            </Tag>
          ))}
          {u.id === me?.id ? (
            <span className="muted small">{t('users.rolesSelf')}</span>
          ) : (
            <Button
              size="small"
              type="link"
              icon={<EditOutlined />}
              onClick={() => setEditing(u)}
              data-testid="user-roles"
            >
              {t('users.editRoles')}
            </Button>
          )}
        </Space>
      ),
    },
    {
      title: t('users.col.org'),
      dataIndex: 'orgId',
      responsive: ['md'],
      render: (orgId: string | null, u) =>
        orgId ? (
          <Link to={`/orgs/${orgId}`}>{u.orgRole ? t(`orgs.orgRole.${u.orgRole}`) : t('common.view')}</Link>
        ) : (
          <span className="muted">{t('users.noOrg')}</span>
        ),
    },
    {
      title: t('users.col.locale'),
      dataIndex: 'locale',
      responsive: ['lg'],
      render: (l: string) => (l === 'en' ? 'English' : '中文'),
    },
    {
      title: t('users.col.signIn'),
      key: 'locked',
      render: (_: unknown, u) => (
        <Space size={4} wrap>
          {u.disabled && <Tag color="default">{t('users.disabled')}</Tag>}
          {u.locked && <Tag color="red">{t('users.locked')}</Tag>}
          {!u.disabled && !u.locked && <span className="muted">{t('users.normal')}</span>}
          {u.locked && (
            <Button
              size="small"
              type="link"
              loading={unlock.isPending && unlock.variables === u.id}
              onClick={() =>
                unlock.mutate(u.id, {
                  onSuccess: () => void message.success(t('users.unlocked', { name: u.name })),
                  onError: (err) => void message.error(errorText(err, i18n.language)),
                })
              }
              data-testid="user-unlock"
            >
              {t('users.unlock')}
            </Button>
          )}
          {u.id !== me?.id && (
            <Popconfirm
              title={t(u.disabled ? 'users.enableConfirm' : 'users.disableConfirm', { name: u.name })}
              okText={t(u.disabled ? 'users.enable' : 'users.disable')}
              okButtonProps={{ danger: !u.disabled }}
              cancelText={t('common.cancel')}
              onConfirm={() =>
                setDisabled.mutate(
                  { id: u.id, disabled: !u.disabled },
                  { onError: (err) => void message.error(errorText(err, i18n.language)) },
                )
              }
            >
              <Button size="small" type="link" danger={!u.disabled} data-testid="user-disable">
                {t(u.disabled ? 'users.enable' : 'users.disable')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
    {
      title: t('users.col.createdAt'),
      dataIndex: 'createdAt',
      responsive: ['md'],
      render: (v: string) => formatDate(v),
    },
  ];

  return (
    <div className="page">
      <PageTitle titleKey="users.title" subtitle={t('users.subtitle')} />
      <Card>
        <Space wrap className="filters">
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            defaultValue={filters.q}
            onSearch={(q) => set({ q: q.trim() || undefined })}
            maxLength={60}
            className="filters__search"
          />
          <Select
            allowClear
            aria-label={t('users.filterRole')}
            placeholder={t('users.filterRole')}
            value={params.role}
            onChange={(r?: string) => set({ role: r })}
            options={tax.userRoles.map((r) => ({ value: r.code, label: pick(r) }))}
            className="filters__select"
          />
        </Space>
        {users.isError ? (
          <ErrorResult error={users.error} onRetry={() => void users.refetch()} />
        ) : (
          <Table<UserDto>
            rowKey="id"
            columns={columns}
            dataSource={users.data?.items}
            loading={users.isFetching}
            data-testid="users-table"
            locale={{ emptyText: <Empty /> }}
            pagination={{
              current: page,
              pageSize,
              total: users.data?.total ?? 0,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (page, pageSize) => set({ page, pageSize }),
            }}
            scroll={{ x: 720 }}
          />
        )}
      </Card>
      {editing && <RolesModal user={editing} onClose={() => setEditing(null)} />}
    </div>
  );
}
