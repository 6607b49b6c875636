import { Alert, App, Card, Form, Result } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { createOrgBody } from '@shared/schemas';
import { useMe } from '../../api/auth';
import { errorText, isApiError } from '../../api/client';
import { useCreateOrg } from '../../api/orgs';
import { PageTitle } from '../../components/page-title';
import { showServerErrors } from '../../lib/server-errors';
import { compactValues, showZodIssues } from '../../lib/zod-form';
import { OrgForm, type OrgFormValues } from './org-form';
import { LinkButton } from '../../components/link-button';

export default function OrgCreatePage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const create = useCreateOrg();
  const [form] = Form.useForm<OrgFormValues>();
  const [failure, setFailure] = useState<string | null>(null);

  if (me?.orgId && !create.isSuccess) {
    return (
      <div className="page">
        <Result
          status="info"
          title={t('orgs.create.alreadyTitle')}
          subTitle={t('orgs.create.alreadySubtitle')}
          extra={
            <LinkButton to={`/orgs/${me.orgId}`} type="primary">
              {t('orgs.create.goMyOrg')}
            </LinkButton>
          }
        />
      </div>
    );
  }

  const onSubmit = (values: OrgFormValues) => {
    setFailure(null);
    const parsed = createOrgBody.safeParse(compactValues(values));
    if (!parsed.success) return showZodIssues(form, parsed.error, t);
    create.mutate(parsed.data, {
      onSuccess: (org) => {
        void message.success(t('orgs.create.created'));
        void navigate(`/orgs/${org.id}`, { replace: true });
      },
      onError: (err) => {
        if (!(isApiError(err) && showServerErrors(form, err, t, i18n.language)))
          setFailure(errorText(err, i18n.language));
      },
    });
  };

  return (
    <div className="page page--narrow">
      <PageTitle titleKey="orgs.create.title" subtitle={t('orgs.create.subtitle')} />
      <Alert
        type="info"
        showIcon
        className="page-alert"
        title={t('orgs.create.joinTitle')}
        description={t('orgs.create.joinHint', { email: me?.email ?? '' })}
        data-testid="join-hint"
      />
      {failure && <Alert type="error" showIcon className="page-alert" title={failure} data-testid="org-create-error" />}
      <Card>
        <OrgForm
          form={form}
          mode="create"
          initialValues={{ regionCode: '210100' }}
          submitting={create.isPending}
          onSubmit={onSubmit}
        />
      </Card>
    </div>
  );
}
