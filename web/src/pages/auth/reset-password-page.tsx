import { LockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { passwordResetConfirmBody } from '@shared/schemas';
import { usePasswordResetConfirm } from '../../api/auth';
import { errorText, isApiError } from '../../api/client';
import { zodItem } from '../../lib/zod-form';
import { AuthCard } from './auth-card';

interface ResetForm {
  password: string;
  confirmPassword: string;
}

/** Opened from the e-mailed link (`?token=`): sets the new password, then sends the user to sign in. */
export default function ResetPasswordPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [form] = Form.useForm<ResetForm>();
  const [failure, setFailure] = useState<{ text: string; linkDead: boolean } | null>(null);
  const confirm = usePasswordResetConfirm();
  const tokenOk = passwordResetConfirmBody.shape.token.safeParse(token).success;

  const onFinish = ({ password }: ResetForm) => {
    setFailure(null);
    confirm.mutate(
      { token, password },
      {
        onSuccess: () => {
          void message.success(t('reset.done'));
          void navigate('/login', { replace: true });
        },
        onError: (err) =>
          setFailure({
            text: errorText(err, i18n.language),
            linkDead: isApiError(err) && err.code === 'RESET_LINK_INVALID',
          }),
      },
    );
  };

  const confirmRule = ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
    validator: async (_: unknown, value: unknown) => {
      if (!value || value !== getFieldValue('password')) throw new Error(t('auth.passwordMismatch'));
    },
  });

  const askAgain = (
    <Link to="/forgot-password" data-testid="reset-ask-again">
      {t('reset.askAgain')}
    </Link>
  );
  return (
    <AuthCard title={t('reset.setTitle')} subtitle={t('reset.setSubtitle')} footer={askAgain}>
      {!tokenOk && (
        <Alert
          type="warning"
          showIcon
          title={t('reset.missingToken')}
          className="form-alert"
          data-testid="reset-bad-link"
        />
      )}
      {failure && (
        <Alert
          type="error"
          showIcon
          title={failure.text}
          className="form-alert"
          data-testid="reset-failed"
          action={failure.linkDead ? askAgain : undefined}
        />
      )}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} size="large" disabled={!tokenOk}>
        <Form.Item
          label={t('reset.newPassword')}
          extra={t('auth.passwordHint')}
          {...zodItem(passwordResetConfirmBody.shape, 'password', t)}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t('auth.confirmPassword')}
          name="confirmPassword"
          dependencies={['password']}
          required
          rules={[confirmRule]}
        >
          <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={confirm.isPending} data-testid="reset-submit">
          {t('reset.submit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
