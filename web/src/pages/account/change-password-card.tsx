import { App, Button, Card, Form, Input, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { changePasswordBody, type ChangePasswordBody } from '@shared/schemas';
import { api, errorText } from '../../api/client';
import { zodItem } from '../../lib/zod-form';

/** Change password with the current one; the API ends the account's other sessions. */
export function ChangePasswordCard() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangePasswordBody>();
  const change = useMutation({
    mutationFn: (body: ChangePasswordBody) => api.post<{ changed: true }>('/api/auth/password', body),
  });
  const shape = changePasswordBody.shape;
  const onFinish = (values: ChangePasswordBody) =>
    change.mutate(values, {
      onSuccess: () => {
        form.resetFields();
        void message.success(t('auth.passwordChanged'));
      },
      onError: (err) => void message.error(errorText(err, i18n.language)),
    });
  return (
    <Card title={t('auth.changePassword')} className="section-card" data-testid="change-password">
      <Typography.Paragraph type="secondary">{t('auth.passwordChangeHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item label={t('auth.currentPassword')} {...zodItem(shape, 'currentPassword', t)}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item label={t('auth.newPassword')} extra={t('auth.passwordHint')} {...zodItem(shape, 'newPassword', t)}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button htmlType="submit" loading={change.isPending} data-testid="change-password-submit">
          {t('auth.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}
