import { UserAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PublicUserDto } from '@shared/dto';
import { inviteMemberBody } from '@shared/schemas';
import type { OrgRole } from '@shared/taxonomy';
import { errorText, isApiError } from '../../api/client';
import { useAddMember, useOrgMembers } from '../../api/orgs';
import { ErrorResult } from '../../components/query-state';
import { showServerErrors } from '../../lib/server-errors';
import { useLabels } from '../../lib/use-labels';
import { zodItem } from '../../lib/zod-form';

export function OrgMembersCard({ orgId, canAdd }: { orgId: string; canAdd: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const members = useOrgMembers(orgId);
  const add = useAddMember(orgId);
  const { role } = useLabels();
  const [form] = Form.useForm<{ email: string; orgRole: OrgRole }>();

  const onFinish = (values: { email: string; orgRole: OrgRole }) => {
    add.mutate(inviteMemberBody.parse(values), {
      onSuccess: () => {
        void message.success(t('orgs.members.added'));
        form.resetFields();
      },
      onError: (err) => {
        if (!(isApiError(err) && showServerErrors(form, err, t, i18n.language)))
          void message.error(errorText(err, i18n.language));
      },
    });
  };

  return (
    <Card title={t('orgs.members.title')} className="section-card" data-testid="org-members">
      {members.isError ? (
        <ErrorResult error={members.error} onRetry={() => void members.refetch()} />
      ) : (
        <Table<PublicUserDto>
          rowKey="id"
          size="small"
          loading={members.isPending}
          dataSource={members.data}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orgs.members.empty')} /> }}
          columns={[
            { title: t('users.col.name'), dataIndex: 'name' },
            {
              title: t('orgs.members.orgRole'),
              dataIndex: 'orgRole',
              render: (r: OrgRole | null) =>
                r ? <Tag color={r === 'org_admin' ? 'blue' : 'default'}>{t(`orgs.orgRole.${r}`)}</Tag> : null,
            },
            {
              title: t('users.col.roles'),
              dataIndex: 'roles',
              render: (rs: string[]) => rs.map((r) => <Tag key={r}>{role(r)}</Tag>),
            },
          ]}
        />
      )}
      {canAdd && (
        <Form
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{ orgRole: 'member' }}
          className="member-form"
        >
          <Form.Item
            label={t('orgs.members.email')}
            extra={t('orgs.members.addHint')}
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
                loading={add.isPending}
                data-testid="member-add-submit"
              >
                {t('orgs.members.add')}
              </Button>
            </Form.Item>
          </Space>
        </Form>
      )}
    </Card>
  );
}
