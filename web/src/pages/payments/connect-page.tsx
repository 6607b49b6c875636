import { Alert, Result, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMe } from '../../api/auth';
import { usePaymentsConfig } from '../../api/payments';
import { PageTitle } from '../../components/page-title';
import { ErrorResult, PageSkeleton } from '../../components/query-state';
import { ConnectCard } from './connect-card';

/** Where Stripe's onboarding returns (?done=1) or asks for a new link (?refresh=1): the caller's payout accounts. */
export default function ConnectPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const me = useMe();
  const config = usePaymentsConfig();
  if (me.isLoading || config.isLoading) return <PageSkeleton />;
  if (config.error) return <ErrorResult error={config.error} onRetry={() => void config.refetch()} />;
  const user = me.data;
  const asOrg = !!user?.orgId && user.orgRole === 'org_admin';
  const asBroker = !!user?.roles.includes('broker');
  return (
    <div className="page page--narrow" data-testid="connect-page">
      <PageTitle titleKey="payments.connect.pageTitle" />
      {!config.data?.stripeEnabled ? (
        <Result status="info" title={t('payments.stripe.disabled')} />
      ) : !asOrg && !asBroker ? (
        <Result status="info" title={t('payments.connect.nobody')} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {params.get('done') && <Alert type="success" showIcon title={t('payments.connect.returned')} />}
          {params.get('refresh') && <Alert type="warning" showIcon title={t('payments.connect.expired')} />}
          {asOrg && <ConnectCard as="org" />}
          {asBroker && <ConnectCard as="broker" />}
        </Space>
      )}
    </div>
  );
}
