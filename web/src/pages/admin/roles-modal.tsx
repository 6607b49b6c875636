import { Alert, App, Checkbox, Form, Input, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UserDto } from '@shared/dto';
import type { UserRole } from '@shared/taxonomy';
import { errorText } from '../../api/client';
import { useSetUserRoles, type RolesInput } from '../../api/users';
import { useLabels } from '../../lib/use-labels';
import { useRegionOptions } from '../orgs/region-options';

/**
 * An admin sets a user's platform roles, with what each role needs (a broker's certificate, an operator's
 * sub-markets, an official's region) — the same rules the API checks (`updateRolesBody`).
 */
export function RolesModal({ user, onClose }: { user: UserDto; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { tax, pick } = useLabels();
  const regionOptions = useRegionOptions();
  const save = useSetUserRoles();
  const [form] = Form.useForm<RolesInput>();
  const roles = (Form.useWatch('roles', form) ?? user.roles) as UserRole[];
  const staffInOrg = !!user.orgId && roles.some((r) => r !== 'broker');

  const submit = (values: RolesInput) =>
    save.mutate(
      { id: user.id, body: { ...values, operatorSubmarkets: values.operatorSubmarkets ?? [] } },
      {
        onSuccess: () => {
          void message.success(t('users.rolesSaved', { name: user.name }));
          onClose();
        },
        onError: (err) => void message.error(errorText(err, i18n.language)),
      },
    );

  return (
    <Modal
      open
      title={t('users.rolesTitle', { name: user.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<RolesInput>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          roles: user.roles,
          brokerCertNo: user.brokerCertNo,
          operatorSubmarkets: user.operatorSubmarkets,
          officialRegion: user.officialRegion,
        }}
        data-testid="roles-form"
      >
        <Form.Item name="roles" label={t('users.col.roles')}>
          <Checkbox.Group options={tax.userRoles.map((r) => ({ value: r.code, label: pick(r) }))} />
        </Form.Item>
        {roles.includes('broker') && (
          <Form.Item
            name="brokerCertNo"
            label={t('users.brokerCertNo')}
            rules={[{ required: true, pattern: /^[A-Za-z0-9-]{4,40}$/, message: t('validation.required') }]}
          >
            <Input maxLength={40} className="mono" />
          </Form.Item>
        )}
        {roles.includes('operator') && (
          <Form.Item
            name="operatorSubmarkets"
            label={t('users.operatorSubmarkets')}
            rules={[{ required: true, type: 'array', min: 1, message: t('validation.required') }]}
          >
            <Select mode="multiple" options={tax.submarkets.map((s) => ({ value: s.code, label: pick(s) }))} />
          </Form.Item>
        )}
        {roles.includes('official') && (
          <Form.Item
            name="officialRegion"
            label={t('users.officialRegion')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Select showSearch optionFilterProp="label" options={regionOptions} />
          </Form.Item>
        )}
      </Form>
      {staffInOrg && <Alert type="warning" showIcon title={t('users.rolesStaffInOrg')} className="form-alert" />}
      <Typography.Paragraph type="secondary">{t('users.rolesConfirm', { name: user.name })}</Typography.Paragraph>
    </Modal>
  );
}
