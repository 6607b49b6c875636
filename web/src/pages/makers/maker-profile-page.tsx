import { App, Button, Card, Descriptions, Form, Input, Modal, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { updateMakerBody, type MakerDto } from '@shared/makers';
import { useMe } from '../../api/auth';
import { errorText } from '../../api/client';
import { useMaker, useUpdateMaker } from '../../api/makers';
import { LinkButton } from '../../components/link-button';
import { PageTitle } from '../../components/page-title';
import { ErrorResult, PageSkeleton } from '../../components/query-state';
import { VerificationTag } from '../../components/status-tag';
import { VerificationBanner } from '../../components/verification-banner';
import { formatDate } from '../../lib/format';
import { useLabels } from '../../lib/use-labels';
import { showZodIssues } from '../../lib/zod-form';
import './makers.css';

/** A maker's page: what it works on; for itself also its masked ID, its standing and what it can do next. */
export default function MakerProfilePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const labels = useLabels();
  const { data: me } = useMe();
  const maker = useMaker(id);
  const [editing, setEditing] = useState(false);
  if (maker.isLoading) return <PageSkeleton />;
  if (maker.isError) return <ErrorResult error={maker.error} onRetry={() => void maker.refetch()} />;
  const m = maker.data!;
  const own = me?.orgId === m.id;
  const admin = own && me?.orgRole === 'org_admin';
  const verified = m.verificationStatus === 'verified';

  return (
    <div className="page page--narrow" data-testid="maker-profile">
      <PageTitle
        titleKey="makers.profile.title"
        subtitle={`${m.name} · ${t(`makers.kind.${m.kind}`)} · ${labels.region(m.regionCode)}`}
        extra={
          admin ? (
            <Button onClick={() => setEditing(true)} data-testid="maker-edit">
              {t('makers.profile.edit')}
            </Button>
          ) : null
        }
      />
      {own && <VerificationBanner draftsAllowed />}
      <Card className="section-card" title={<span data-testid="maker-name">{m.name}</span>}>
        <Descriptions
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'kind', label: t('makers.form.kind'), children: t(`makers.kind.${m.kind}`) },
            {
              key: 'status',
              label: t('makers.profile.status'),
              children: <VerificationTag status={m.verificationStatus} />,
            },
            ...(m.leaderName ? [{ key: 'leader', label: t('makers.profile.leader'), children: m.leaderName }] : []),
            { key: 'region', label: t('makers.form.region'), children: labels.region(m.regionCode) },
            {
              key: 'fields',
              label: t('makers.form.fields'),
              children: m.fields.map((f) => <Tag key={f}>{labels.field(f)}</Tag>),
            },
            {
              key: 'skills',
              label: t('makers.form.skills'),
              children: m.skills.length
                ? m.skills.map((s) => (
                    <Tag key={s} color="blue">
                      {s}
                    </Tag>
                  ))
                : t('common.none'),
            },
            ...(m.idMasked
              ? [
                  {
                    key: 'id',
                    label: t(m.kind === 'team' ? 'makers.form.leaderIdNumber' : 'makers.form.idNumber'),
                    children: <span data-testid="maker-id-masked">{m.idMasked}</span>,
                  },
                ]
              : []),
            ...(m.contactPhone
              ? [{ key: 'phone', label: t('makers.form.contactPhone'), children: m.contactPhone }]
              : []),
            { key: 'since', label: t('makers.profile.since'), children: formatDate(m.createdAt) },
            { key: 'bio', label: t('makers.form.bio'), span: 'filled' as const, children: m.bio || t('common.none') },
          ]}
        />
      </Card>
      {own && (
        <Card title={t('makers.profile.nextTitle')} className="section-card">
          <Space wrap>
            <LinkButton to={`/orgs/${m.id}`} data-testid="maker-verification-link">
              {t('makers.profile.verificationAndMembers')}
            </LinkButton>
            {verified && (
              <>
                <LinkButton to="/achievements/new" type="primary">
                  {t('makers.profile.publish')}
                </LinkButton>
                <LinkButton to="/needs?challenge=true">{t('makers.profile.challenges')}</LinkButton>
                <LinkButton to="/financing/requests/mine">{t('makers.profile.financing')}</LinkButton>
              </>
            )}
          </Space>
        </Card>
      )}
      {admin && <EditMaker maker={m} open={editing} onClose={() => setEditing(false)} />}
    </div>
  );
}

function EditMaker({ maker, open, onClose }: { maker: MakerDto; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const labels = useLabels();
  const update = useUpdateMaker(maker.id);
  const [form] = Form.useForm<{ fields: string[]; skills: string[]; bio: string }>();
  const save = () => {
    const parsed = updateMakerBody.safeParse(form.getFieldsValue(true));
    if (!parsed.success) return showZodIssues(form, parsed.error, t);
    update.mutate(parsed.data, {
      onSuccess: () => {
        void message.success(t('common.saved'));
        onClose();
      },
      onError: (err) => void message.error(errorText(err, i18n.language)),
    });
  };
  return (
    <Modal
      open={open}
      title={t('makers.profile.edit')}
      onOk={save}
      onCancel={onClose}
      confirmLoading={update.isPending}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ fields: maker.fields, skills: maker.skills, bio: maker.bio }}
      >
        <Form.Item name="fields" label={t('makers.form.fields')}>
          <Select
            mode="multiple"
            maxCount={5}
            options={labels.tax.fields.map((f) => ({ value: f.code, label: labels.pick(f) }))}
          />
        </Form.Item>
        <Form.Item name="skills" label={t('makers.form.skills')}>
          <Select mode="tags" open={false} maxCount={10} />
        </Form.Item>
        <Form.Item name="bio" label={t('makers.form.bio')}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
