import { Alert, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useContractPayments, usePaymentsConfig } from '../../api/payments';
import { PageTitle } from '../../components/page-title';
import { ErrorResult, PageSkeleton } from '../../components/query-state';
import { BankTransferModal } from './bank-transfer-modal';
import { RoyaltyCard } from './royalty-card';
import { StripeModal } from './stripe-modal';
import { LinkButton } from '../../components/link-button';
import { PayableSchedule, type Paying } from './payable-schedule';
import { PaymentHistory } from './payment-history';
import { PaymentSummary } from './payment-summary';

/** A contract's payments: progress, the schedule as payables (what is due now highlighted), paying, and the history. */
export default function ContractPaymentsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { data, error, isLoading, refetch } = useContractPayments(id);
  const config = usePaymentsConfig();
  const [paying, setPaying] = useState<Paying>(null);
  if (isLoading) return <PageSkeleton />;
  if (error || !data) return <ErrorResult error={error} onRetry={() => void refetch()} />;
  const stripeEnabled = !!config.data?.stripeEnabled;
  return (
    <div className="page" data-testid="contract-payments">
      <PageTitle
        titleKey="payments.contract.title"
        subtitle={`${data.contract.title} · ${data.contract.contractNo}`}
        extra={
          // Finance staff read the payments but not the contract page itself (a party's view).
          data.viewer.side && (
            <LinkButton to={`/contracts/${data.contract.id}`} data-testid="back-to-contract">
              {t('payments.contract.back')}
            </LinkButton>
          )
        }
      />
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        {data.viewer.side === 'seller' && <Alert type="info" showIcon title={t('payments.contract.viewerSeller')} />}
        {data.viewer.staff && !data.viewer.side && (
          <Alert type="info" showIcon title={t('payments.contract.viewerStaff')} />
        )}
        <PaymentSummary data={data} />
        <PayableSchedule data={data} stripeEnabled={stripeEnabled} onPay={setPaying} />
        {data.royaltyBp !== null && <RoyaltyCard data={{ ...data, royaltyBp: data.royaltyBp }} />}
        {/* The receipt is the payer's file: the buyer and finance open it, the seller does not. */}
        <PaymentHistory
          payments={data.payments}
          payables={data.payables}
          receipts={data.viewer.side === 'buyer' || data.viewer.staff}
        />
      </Space>
      {paying?.method === 'bank' && <BankTransferModal payable={paying.payable} onClose={() => setPaying(null)} />}
      {paying?.method === 'stripe' && <StripeModal payable={paying.payable} onClose={() => setPaying(null)} />}
    </div>
  );
}
