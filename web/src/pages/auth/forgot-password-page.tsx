import { MailOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Result } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { passwordResetRequestBody, type PasswordResetRequestBody } from '@shared/schemas';
import { usePasswordResetRequest } from '../../api/auth';
import { errorText } from '../../api/client';
import { zodItem } from '../../lib/zod-form';
import { AuthCard } from './auth-card';

/** 忘记密码: asks for the address; the answer never tells whether it has an account. */
export default function ForgotPasswordPage() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<PasswordResetRequestBody>();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const ask = usePasswordResetRequest();

  const onFinish = (values: PasswordResetRequestBody) => {
    setFailure(null);
    const body = passwordResetRequestBody.parse(values);
    ask.mutate(body, {
      onSuccess: () => setSentTo(body.email),
      onError: (err) => setFailure(errorText(err, i18n.language)),
    });
  };

  const footer = <Link to="/login">{t('reset.backToLogin')}</Link>;
  if (sentTo) {
    return (
      <AuthCard title={t('reset.askTitle')} subtitle="" footer={footer}>
        <Result
          status="success"
          title={t('reset.sentTitle')}
          subTitle={t('reset.sent', { email: sentTo })}
          data-testid="reset-sent"
          extra={
            <Button onClick={() => setSentTo(null)} data-testid="reset-send-again">
              {t('reset.sendAgain')}
            </Button>
          }
        />
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t('reset.askTitle')} subtitle={t('reset.askSubtitle')} footer={footer}>
      {failure && <Alert type="error" showIcon title={failure} className="form-alert" data-testid="reset-error" />}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} size="large">
        <Form.Item label={t('auth.email')} {...zodItem(passwordResetRequestBody.shape, 'email', t)}>
          <Input prefix={<MailOutlined />} autoComplete="email" inputMode="email" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={ask.isPending} data-testid="reset-send">
          {t('reset.send')}
        </Button>
      </Form>
    </AuthCard>
  );
}
