import { Alert, App, Card, Form } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { updateOrgBody } from '@shared/schemas';
import { useMe } from '../../api/auth';
import { errorText, isApiError } from '../../api/client';
import { isOrgDetail, useOrg, useUpdateOrg, type OrgView } from '../../api/orgs';
import { PageTitle } from '../../components/page-title';
import { ErrorResult, PageSkeleton } from '../../components/query-state';
import { canManageOrg } from '../../lib/roles';
import { showServerErrors } from '../../lib/server-errors';
import { compactValues, showZodIssues } from '../../lib/zod-form';
import { OrgForm, type OrgFormValues } from './org-form';

const editable = [
  'name',
  'nameEn',
  'regionCode',
  'tags',
  'description',
  'website',
  'contactName',
  'contactPhone',
] as const;

function toFormValues(org: OrgView): OrgFormValues {
  return {
    ...org,
    creditCode: isOrgDetail(org) ? (org.creditCode ?? undefined) : undefined,
    contactName: isOrgDetail(org) ? org.contactName : undefined,
    contactPhone: isOrgDetail(org) ? org.contactPhone : undefined,
  };
}

export default function OrgEditPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const org = useOrg(id);
  const update = useUpdateOrg(id);
  const [form] = Form.useForm<OrgFormValues>();
  const [failure, setFailure] = useState<string | null>(null);

  if (org.isPending)
    return (
      <div className="page">
        <PageSkeleton />
      </div>
    );
  if (org.isError)
    return (
      <div className="page">
        <ErrorResult error={org.error} onRetry={() => void org.refetch()} />
      </div>
    );
  if (!canManageOrg(me, id)) return <Navigate to={`/orgs/${id}`} replace />;

  const onSubmit = (values: OrgFormValues) => {
    setFailure(null);
    const picked = Object.fromEntries(editable.map((k) => [k, values[k]]));
    const parsed = updateOrgBody.safeParse(compactValues(picked));
    if (!parsed.success) return showZodIssues(form, parsed.error, t);
    update.mutate(parsed.data, {
      onSuccess: () => {
        void message.success(t('orgs.edit.saved'));
        void navigate(`/orgs/${id}`);
      },
      onError: (err) => {
        if (!(isApiError(err) && showServerErrors(form, err, t, i18n.language)))
          setFailure(errorText(err, i18n.language));
      },
    });
  };

  return (
    <div className="page page--narrow">
      <PageTitle titleKey="orgs.edit.title" subtitle={org.data.name} />
      <Alert type="info" showIcon className="page-alert" title={t('orgs.edit.readonlyHint')} />
      {failure && <Alert type="error" showIcon className="page-alert" title={failure} data-testid="org-edit-error" />}
      <Card>
        <OrgForm
          form={form}
          mode="edit"
          initialValues={toFormValues(org.data)}
          submitting={update.isPending}
          onSubmit={onSubmit}
        />
      </Card>
    </div>
  );
}
