import { Alert, App, Button, Card, Col, Form, Input, Radio, Result, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { registerMakerBody, type MakerKind } from '@shared/makers';
import { useMe } from '../../api/auth';
import { errorText, isApiError } from '../../api/client';
import { useRegisterMaker } from '../../api/makers';
import { LinkButton } from '../../components/link-button';
import { PageTitle } from '../../components/page-title';
import { isStaff } from '../../lib/roles';
import { showServerErrors } from '../../lib/server-errors';
import { useLabels } from '../../lib/use-labels';
import { showZodIssues } from '../../lib/zod-form';
import './makers.css';

interface Values {
  kind: MakerKind;
  realName?: string;
  teamName?: string;
  leaderName?: string;
  idNumber?: string;
  regionCode?: string;
  fields?: string[];
  skills?: string[];
  bio?: string;
  contactPhone?: string;
  inviteEmails?: string[];
}

/** 成为创客: a signed-in person without an organisation registers as an individual maker or founds a team. */
export default function MakerRegisterPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const labels = useLabels();
  const { data: me } = useMe();
  const register = useRegisterMaker();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'individual';
  const [failure, setFailure] = useState<string | null>(null);
  const m = (k: string) => t(`makers.form.${k}`);

  if (me && (me.orgId || isStaff(me)) && !register.isSuccess)
    return (
      <div className="page">
        <Result
          status="info"
          title={t(me.orgId ? 'makers.register.inOrgTitle' : 'makers.register.staffTitle')}
          subTitle={t(me.orgId ? 'makers.register.inOrgSubtitle' : 'makers.register.staffSubtitle')}
          extra={
            me.orgId ? (
              <LinkButton to={`/orgs/${me.orgId}`} type="primary">
                {t('orgs.create.goMyOrg')}
              </LinkButton>
            ) : null
          }
        />
      </div>
    );

  const onFinish = () => {
    setFailure(null);
    const v = form.getFieldsValue(true) as Values;
    const common = {
      kind: v.kind,
      idNumber: v.idNumber ?? '',
      regionCode: v.regionCode,
      fields: v.fields ?? [],
      skills: v.skills ?? [],
      bio: v.bio ?? '',
      ...(v.contactPhone ? { contactPhone: v.contactPhone } : {}),
    };
    const parsed = registerMakerBody.safeParse(
      v.kind === 'team'
        ? { ...common, teamName: v.teamName ?? '', leaderName: v.leaderName ?? '', inviteEmails: v.inviteEmails ?? [] }
        : { ...common, realName: v.realName ?? '' },
    );
    if (!parsed.success) return showZodIssues(form, parsed.error, t);
    register.mutate(parsed.data, {
      onSuccess: (maker) => {
        void message.success(t('makers.register.done'));
        void navigate(`/makers/${maker.id}`, { replace: true });
      },
      onError: (err) => {
        if (!(isApiError(err) && showServerErrors(form, err, t, i18n.language)))
          setFailure(errorText(err, i18n.language));
      },
    });
  };

  return (
    <div className="page page--narrow" data-testid="maker-register">
      <PageTitle titleKey="makers.register.title" subtitle={t('makers.register.subtitle')} />
      <Alert type="info" showIcon className="page-alert" title={t('makers.register.privacy')} />
      {failure && <Alert type="error" showIcon className="page-alert" title={failure} data-testid="maker-failure" />}
      <Card>
        <Form form={form} layout="vertical" initialValues={{ kind: 'individual' }} onFinish={onFinish}>
          <Form.Item name="kind" label={m('kind')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'individual', label: t('makers.kind.individual') },
                { value: 'team', label: t('makers.kind.team') },
              ]}
            />
          </Form.Item>
          {kind === 'individual' ? (
            <Form.Item name="realName" label={m('realName')} required>
              <Input maxLength={40} data-testid="maker-real-name" />
            </Form.Item>
          ) : (
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item name="teamName" label={m('teamName')} required>
                  <Input maxLength={100} data-testid="maker-team-name" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="leaderName" label={m('leaderName')} required>
                  <Input maxLength={40} data-testid="maker-leader-name" />
                </Form.Item>
              </Col>
            </Row>
          )}
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item
                name="idNumber"
                label={kind === 'team' ? m('leaderIdNumber') : m('idNumber')}
                extra={m('idHint')}
                required
              >
                <Input maxLength={18} autoComplete="off" data-testid="maker-id-number" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="regionCode" label={m('region')} required>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  data-testid="maker-region"
                  options={labels.tax.regions.map((r) => ({ value: r.code, label: labels.pick(r) }))}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="fields" label={m('fields')} extra={m('fieldsHint')} required>
            <Select
              mode="multiple"
              maxCount={5}
              data-testid="maker-fields"
              showSearch={{ optionFilterProp: 'label' }}
              options={labels.tax.fields.map((f) => ({ value: f.code, label: labels.pick(f) }))}
            />
          </Form.Item>
          <Form.Item name="skills" label={m('skills')} extra={m('skillsHint')}>
            <Select mode="tags" open={false} maxCount={10} />
          </Form.Item>
          {kind === 'team' && (
            <Form.Item name="inviteEmails" label={m('inviteEmails')} extra={m('inviteHint')}>
              <Select mode="tags" open={false} maxCount={10} data-testid="maker-invites" />
            </Form.Item>
          )}
          <Form.Item name="bio" label={m('bio')}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
          <Form.Item name="contactPhone" label={m('contactPhone')}>
            <Input inputMode="tel" maxLength={20} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={register.isPending} data-testid="maker-submit">
            {t('makers.register.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
