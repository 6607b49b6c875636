import { Alert, App, Button, Card, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client';
import { useConnectOnboarding, useConnectStatus, usePaymentsConfig, type ConnectAs } from '../../api/payments';

/**
 * Where the platform pays out a seller's share or a broker's commission: a Stripe Connect Express account.
 * Shown only when Stripe is on; onboarding happens on Stripe's pages and comes back to /payments/connect.
 */
export function ConnectCard({ as }: { as: ConnectAs }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const config = usePaymentsConfig();
  const enabled = !!config.data?.stripeEnabled;
  const status = useConnectStatus(as, enabled);
  const onboard = useConnectOnboarding();
  if (!enabled) return null;
  const s = status.data;
  const start = () =>
    onboard.mutate(as, {
      onSuccess: (r) => {
        if (r.onboardingUrl) window.location.assign(r.onboardingUrl);
      },
      onError: (e) => void message.error(errorText(e, i18n.language)),
    });
  return (
    <Card
      size="small"
      title={t(`payments.connect.title.${as}`)}
      loading={status.isLoading}
      data-testid={`connect-${as}`}
    >
      {status.error ? (
        <Alert type="error" showIcon title={errorText(status.error, i18n.language)} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('payments.connect.intro')}</Typography.Text>
          <Space wrap>
            <Tag color={s?.onboarded ? 'green' : 'default'}>
              {s?.onboarded ? t('payments.connect.onboarded') : t('payments.connect.notOnboarded')}
            </Tag>
            {s?.accountId && (
              <Tag color={s.payoutsEnabled ? 'green' : 'gold'}>
                {s.payoutsEnabled ? t('payments.connect.payoutsOn') : t('payments.connect.payoutsOff')}
              </Tag>
            )}
          </Space>
          {!s?.payoutsEnabled && (
            <Button type="primary" loading={onboard.isPending} onClick={start} data-testid={`connect-start-${as}`}>
              {s?.accountId ? t('payments.connect.continue') : t('payments.connect.start')}
            </Button>
          )}
        </Space>
      )}
    </Card>
  );
}
