import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { loginBody, type LoginBody } from '@shared/schemas';
import { useLogin, useMe } from '../../api/auth';
import { errorText } from '../../api/client';
import { setLanguage, storedLanguage } from '../../i18n';
import { zodItem } from '../../lib/zod-form';
import { AuthCard } from './auth-card';

/** Only same-site paths are followed after sign-in (no open redirect via ?next=). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function LoginPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<LoginBody>();
  const [failure, setFailure] = useState<string | null>(null);
  const { data: me } = useMe();
  const login = useLogin();
  const next = safeNext(params.get('next'));

  if (me && !login.isSuccess) return <Navigate to={next} replace />;

  const onFinish = (values: LoginBody) => {
    setFailure(null);
    login.mutate(loginBody.parse(values), {
      onSuccess: ({ user }) => {
        // A device without its own choice adopts the language saved on the profile.
        if (!storedLanguage() && user.locale !== i18n.language) void setLanguage(user.locale);
        void message.success(t('auth.welcome', { name: user.name }));
        void navigate(next, { replace: true });
      },
      onError: (err) => setFailure(errorText(err, i18n.language)),
    });
  };

  return (
    <AuthCard
      title={t('auth.loginTitle')}
      subtitle={t('auth.loginSubtitle')}
      footer={
        <>
          {t('auth.noAccount')} <Link to="/register">{t('auth.goRegister')}</Link>
        </>
      }
    >
      {failure && <Alert type="error" showIcon title={failure} className="form-alert" data-testid="login-error" />}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} size="large">
        <Form.Item label={t('auth.email')} {...zodItem(loginBody.shape, 'email', t)}>
          <Input prefix={<MailOutlined />} autoComplete="email" inputMode="email" />
        </Form.Item>
        <Form.Item label={t('auth.password')} {...zodItem(loginBody.shape, 'password', t)}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        <div className="auth-card__aside">
          <Link to="/forgot-password" data-testid="forgot-password">
            {t('reset.forgot')}
          </Link>
        </div>
        <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
          {t('auth.submitLogin')}
        </Button>
      </Form>
    </AuthCard>
  );
}
