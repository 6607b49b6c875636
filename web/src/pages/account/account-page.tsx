import { App, Button, Card, Descriptions, Form, Input, Radio, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { updateMeBody } from '@shared/schemas';
import { useMe } from '../../api/auth';
import { errorText } from '../../api/client';
import { useUpdateMe, type UpdateMeInput } from '../../api/users';
import { LinkButton } from '../../components/link-button';
import { PageTitle } from '../../components/page-title';
import { isStaff } from '../../lib/roles';
import { PageSkeleton } from '../../components/query-state';
import { setLanguage } from '../../i18n';
import { formatDate } from '../../lib/format';
import { useLabels } from '../../lib/use-labels';
import { InvitationsCard } from './invitations-card';
import { ChangePasswordCard } from './change-password-card';
import { compactValues, showZodIssues, zodItem } from '../../lib/zod-form';

export default function AccountPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const update = useUpdateMe();
  const { role } = useLabels();
  const [form] = Form.useForm<UpdateMeInput>();
  if (!me) return <PageSkeleton />;

  const onFinish = (values: UpdateMeInput) => {
    const parsed = updateMeBody.safeParse(compactValues({ ...values }));
    if (!parsed.success) return showZodIssues(form, parsed.error, t);
    update.mutate(parsed.data, {
      onSuccess: ({ user }) => {
        if (user.locale !== i18n.language) void setLanguage(user.locale);
        void message.success(t('common.saved'));
      },
      onError: (err) => void message.error(errorText(err, i18n.language)),
    });
  };

  return (
    <div className="page page--narrow">
      <PageTitle titleKey="account.title" subtitle={t('account.subtitle')} />
      <InvitationsCard inOrg={!!me.orgId} />
      {!me.orgId && !isStaff(me) && (
        <Card className="section-card" title={t('makers.nav.become')} data-testid="account-no-org">
          <p className="muted">{t('makers.register.subtitle')}</p>
          <Space wrap>
            <LinkButton to="/makers/new" type="primary" data-testid="account-become-maker">
              {t('makers.nav.become')}
            </LinkButton>
            <LinkButton to="/orgs/new">{t('nav.createOrg')}</LinkButton>
          </Space>
        </Card>
      )}
      <Card className="section-card">
        <Descriptions
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'email', label: t('auth.email'), children: me.email },
            { key: 'createdAt', label: t('users.col.createdAt'), children: formatDate(me.createdAt) },
            {
              key: 'roles',
              label: t('account.roles'),
              children: me.roles.length ? me.roles.map((r) => <Tag key={r}>{role(r)}</Tag>) : t('common.none'),
            },
            {
              key: 'orgRole',
              label: t('users.col.orgRole'),
              children: me.orgRole ? t(`orgs.orgRole.${me.orgRole}`) : t('users.noOrg'),
            },
          ]}
        />
      </Card>
      <Card>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ name: me.name, phone: me.phone, locale: me.locale }}
          onFinish={onFinish}
        >
          <Form.Item label={t('auth.name')} {...zodItem(updateMeBody.shape, 'name', t)}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item label={t('auth.phone')} {...zodItem(updateMeBody.shape, 'phone', t)}>
            <Input inputMode="tel" />
          </Form.Item>
          <Form.Item label={t('account.locale')} name="locale">
            <Radio.Group
              options={[
                { value: 'zh-CN', label: t('lang.zh') },
                { value: 'en', label: t('lang.en') },
              ]}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="account-submit">
            {t('common.save')}
          </Button>
        </Form>
      </Card>
      <ChangePasswordCard />
    </div>
  );
}
