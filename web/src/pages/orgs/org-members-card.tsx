import { LogoutOutlined, UserAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { InvitationDto, PublicUserDto } from '@shared/dto';
import { inviteMemberBody } from '@shared/schemas';
import type { OrgRole } from '@shared/taxonomy';
import { useMe } from '../../api/auth';
import { errorText, isApiError } from '../../api/client';
import {
  useInviteMember,
  useLeaveOrg,
  useOrgInvitations,
  useOrgMembers,
  useRemoveMember,
  useRevokeInvitation,
} from '../../api/orgs';
import { ErrorResult } from '../../components/query-state';
import { formatDate } from '../../lib/format';
import { showServerErrors } from '../../lib/server-errors';
import { useLabels } from '../../lib/use-labels';
import { zodItem } from '../../lib/zod-form';

/**
 * Members of an organisation. Its admins invite by e-mail (the person joins by accepting on their account
 * page), see and revoke open invitations, and remove members; any member may leave (not its last admin).
 */
export function OrgMembersCard({ orgId, orgName, canManage }: { orgId: string; orgName: string; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const members = useOrgMembers(orgId);
  const invitations = useOrgInvitations(orgId, canManage);
  const invite = useInviteMember(orgId);
  const revoke = useRevokeInvitation(orgId);
  const remove = useRemoveMember(orgId);
  const leave = useLeaveOrg(orgId);
  const { role } = useLabels();
  const [form] = Form.useForm<{ email: string; orgRole: OrgRole }>();
  const isMember = me?.orgId === orgId;
  const fail = (err: unknown) => void message.error(errorText(err, i18n.language));

  const onFinish = (values: { email: string; orgRole: OrgRole }) => {
    invite.mutate(inviteMemberBody.parse(values), {
      onSuccess: (inv) => {
        void message.success(t('orgs.members.invited', { email: inv.email }));
        form.resetFields();
      },
      onError: (err) => {
        if (!(isApiError(err) && showServerErrors(form, err, t, i18n.language))) fail(err);
      },
    });
  };

  const onLeave = () =>
    leave.mutate(undefined, {
      onSuccess: () => {
        void message.success(t('orgs.members.left', { name: orgName }));
        void navigate('/account');
      },
      onError: fail,
    });

  return (
    <Card
      title={t('orgs.members.title')}
      className="section-card"
      data-testid="org-members"
      extra={
        isMember && (
          <Popconfirm
            title={t('orgs.members.leaveTitle', { name: orgName })}
            description={t('orgs.members.leaveConfirm')}
            okText={t('orgs.members.leave')}
            okButtonProps={{ danger: true, id: 'org-leave-confirm' }}
            cancelText={t('common.cancel')}
            onConfirm={onLeave}
          >
            <Button size="small" icon={<LogoutOutlined />} loading={leave.isPending} data-testid="org-leave">
              {t('orgs.members.leave')}
            </Button>
          </Popconfirm>
        )
      }
    >
      {members.isError ? (
        <ErrorResult error={members.error} onRetry={() => void members.refetch()} />
      ) : (
        <Table<PublicUserDto>
          rowKey="id"
          size="small"
          loading={members.isPending}
          dataSource={members.data}
          pagination={false}
          data-testid="org-members-table"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orgs.members.empty')} /> }}
          columns={[
            {
              title: t('users.col.name'),
              dataIndex: 'name',
              render: (name: string, u) => (u.id === me?.id ? t('orgs.members.you', { name }) : name),
            },
            {
              title: t('orgs.members.orgRole'),
              dataIndex: 'orgRole',
              render: (r: OrgRole | null) =>
                r ? <Tag color={r === 'org_admin' ? 'blue' : 'default'}>{t(`orgs.orgRole.${r}`)}</Tag> : null,
            },
            {
              title: t('users.col.roles'),
              dataIndex: 'roles',
              responsive: ['sm'],
              render: (rs: string[]) => rs.map((r) => <Tag key={r}>{role(r)}</Tag>),
            },
            ...(canManage
              ? [
                  {
                    key: 'actions',
                    width: 80,
                    render: (_: unknown, u: PublicUserDto) =>
                      u.id === me?.id ? null : (
                        <Popconfirm
                          title={t('orgs.members.removeConfirm', { name: u.name })}
                          okText={t('orgs.members.remove')}
                          okButtonProps={{ danger: true }}
                          cancelText={t('common.cancel')}
                          onConfirm={() =>
                            remove.mutate(u.id, {
                              onSuccess: () => void message.success(t('orgs.members.removed', { name: u.name })),
                              onError: fail,
                            })
                          }
                        >
                          <Button size="small" type="link" danger data-testid="member-remove">
                            {t('orgs.members.remove')}
                          </Button>
                        </Popconfirm>
                      ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {canManage && !!invitations.data?.length && (
        <div className="member-invitations" data-testid="org-invitations">
          <Typography.Text strong>{t('orgs.members.pendingInvitations')}</Typography.Text>
          <Table<InvitationDto>
            rowKey="id"
            size="small"
            dataSource={invitations.data}
            pagination={false}
            columns={[
              { title: t('orgs.members.email'), dataIndex: 'email' },
              {
                title: t('orgs.members.orgRole'),
                dataIndex: 'orgRole',
                responsive: ['sm'],
                render: (r: OrgRole) => t(`orgs.orgRole.${r}`),
              },
              {
                title: t('orgs.members.expiresAt'),
                dataIndex: 'expiresAt',
                responsive: ['sm'],
                render: (v: string) => formatDate(v),
              },
              {
                key: 'revoke',
                width: 80,
                render: (_: unknown, inv) => (
                  <Button
                    size="small"
                    type="link"
                    loading={revoke.isPending && revoke.variables === inv.id}
                    onClick={() =>
                      revoke.mutate(inv.id, {
                        onSuccess: () => void message.success(t('orgs.members.revoked')),
                        onError: fail,
                      })
                    }
                  >
                    {t('orgs.members.revoke')}
                  </Button>
                ),
              },
            ]}
          />
        </div>
      )}
      {canManage && (
        <Form
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{ orgRole: 'member' }}
          className="member-form"
        >
          <Form.Item
            label={t('orgs.members.email')}
            extra={t('orgs.members.inviteHint')}
            {...zodItem(inviteMemberBody.shape, 'email', t)}
          >
            <Input inputMode="email" className="member-form__email" />
          </Form.Item>
          <Space align="start" wrap>
            <Form.Item label={t('orgs.members.orgRole')} name="orgRole">
              <Select
                className="member-form__role"
                options={(['member', 'org_admin'] as const).map((r) => ({ value: r, label: t(`orgs.orgRole.${r}`) }))}
              />
            </Form.Item>
            <Form.Item label=" ">
              <Button
                type="primary"
                htmlType="submit"
                icon={<UserAddOutlined />}
                loading={invite.isPending}
                data-testid="member-invite-submit"
              >
                {t('orgs.members.invite')}
              </Button>
            </Form.Item>
          </Space>
        </Form>
      )}
    </Card>
  );
}
