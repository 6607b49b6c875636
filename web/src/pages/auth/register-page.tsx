import { Alert, App, Button, Checkbox, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { CURRENT_CONSENT } from '@shared/legal';
import { registerBody } from '@shared/schemas';
import { errorText, isApiError } from '../../api/client';
import { useMe, useRegister } from '../../api/auth';
import { showServerErrors } from '../../lib/server-errors';
import { compactValues, zodItem } from '../../lib/zod-form';
import { AuthCard } from './auth-card';

interface RegisterForm {
  email: string;
  password: string;
  confirmPassword: string;
  name: string;
  phone?: string;
  consent: boolean;
}

export default function RegisterPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<RegisterForm>();
  const [failure, setFailure] = useState<string | null>(null);
  const { data: me } = useMe();
  const register = useRegister();
  const shape = registerBody.shape;

  if (me && !register.isSuccess) return <Navigate to="/" replace />;

  const onFinish = ({ confirmPassword: _confirm, consent: _consent, ...values }: RegisterForm) => {
    setFailure(null);
    // The box was ticked (the form requires it): the account records these versions of both texts.
    const body = registerBody.parse({
      ...compactValues(values),
      locale: i18n.language === 'en' ? 'en' : 'zh-CN',
      consent: CURRENT_CONSENT,
    });
    register.mutate(body, {
      onSuccess: () => {
        void message.success(t('auth.registered'));
        void navigate('/orgs/new', { replace: true });
      },
      onError: (err) => {
        if (!(isApiError(err) && showServerErrors(form, err, t, i18n.language)))
          setFailure(errorText(err, i18n.language));
      },
    });
  };

  const confirmRule = ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
    validator: async (_: unknown, value: unknown) => {
      if (!value || value !== getFieldValue('password')) throw new Error(t('auth.passwordMismatch'));
    },
  });

  return (
    <AuthCard
      title={t('auth.registerTitle')}
      subtitle={t('auth.registerSubtitle')}
      footer={
        <>
          {t('auth.haveAccount')} <Link to="/login">{t('auth.goLogin')}</Link>
        </>
      }
    >
      {failure && <Alert type="error" showIcon title={failure} className="form-alert" data-testid="register-error" />}
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item label={t('auth.email')} {...zodItem(shape, 'email', t)}>
          <Input autoComplete="email" inputMode="email" />
        </Form.Item>
        <Form.Item label={t('auth.name')} {...zodItem(shape, 'name', t)}>
          <Input autoComplete="name" maxLength={60} />
        </Form.Item>
        <Form.Item label={t('auth.password')} extra={t('auth.passwordHint')} {...zodItem(shape, 'password', t)}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t('auth.confirmPassword')}
          name="confirmPassword"
          dependencies={['password']}
          required
          rules={[confirmRule]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item label={t('auth.phone')} {...zodItem(shape, 'phone', t)}>
          <Input autoComplete="tel" inputMode="tel" />
        </Form.Item>
        <Form.Item
          name="consent"
          valuePropName="checked"
          rules={[
            { validator: async (_, v) => (v ? undefined : Promise.reject(new Error(t('auth.consentRequired')))) },
          ]}
        >
          <Checkbox data-testid="register-consent">
            {t('auth.consentPrefix')}
            <Link to="/legal/terms" target="_blank">
              {t('legal.terms.title')}
            </Link>
            {t('auth.consentAnd')}
            <Link to="/legal/privacy" target="_blank">
              {t('legal.privacy.title')}
            </Link>
          </Checkbox>
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={register.isPending}
          data-testid="register-submit"
        >
          {t('auth.submitRegister')}
        </Button>
      </Form>
    </AuthCard>
  );
}
