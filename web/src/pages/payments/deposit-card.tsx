import { App, Button, Card, Descriptions, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DepositSubjectKind } from '@shared/payment-schemas';
import { useMe } from '../../api/auth';
import { useCreateDeposit, useDeposits, usePaymentsConfig } from '../../api/payments';
import { ErrorResult } from '../../components/query-state';
import { FailureAlert, useFailure } from './api-error-alert';
import { BankTransferModal } from './bank-transfer-modal';
import { yuanText } from './money';
import { PayableStatusTag } from './payment-tags';
import { StripeModal } from './stripe-modal';

/**
 * 保证金 for a subject a rule asks one for (a challenge's solver, a negotiation's buyer): the caller's
 * organisation's deposit with its status, or — while the subject is open — the button that asks the API for
 * it (the amount is the rule's, set on the server). It is then paid like any payable, by bank transfer or
 * Stripe. The API decides who must pay (verified organisation, not the poster) and says why not.
 */
export function DepositCard({
  subjectKind,
  subjectId,
  open,
}: {
  subjectKind: DepositSubjectKind;
  subjectId: string;
  open: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const member = !!me.data?.orgId;
  const query = useDeposits({ subjectKind, subjectId, page: 1, pageSize: 1 }, member);
  const create = useCreateDeposit();
  const config = usePaymentsConfig();
  const { failure, fail, clear } = useFailure();
  const [paying, setPaying] = useState<'bank' | 'stripe' | null>(null);
  if (!member) return null;
  const title = t('payments.deposit.title');
  if (query.isPending)
    return <Card title={title} className="section-card" loading data-testid="deposit-card" data-state="loading" />;
  if (query.isError) return <ErrorResult error={query.error} onRetry={() => void query.refetch()} />;
  const deposit = query.data.items[0] ?? null;
  if (!deposit && !open) return null;

  return (
    <Card
      title={title}
      className="section-card"
      data-testid="deposit-card"
      data-state={deposit ? deposit.status : 'none'}
    >
      <Typography.Paragraph type="secondary">{t(`payments.deposit.rule.${subjectKind}`)}</Typography.Paragraph>
      {deposit ? (
        <>
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('payments.deposit.amount')}>
              <strong data-testid="deposit-amount">{yuanText(deposit.amountFen)}</strong>
            </Descriptions.Item>
            <Descriptions.Item label={t('payments.deposit.status')}>
              <PayableStatusTag status={deposit.status} testId="deposit-status" />
            </Descriptions.Item>
          </Descriptions>
          {deposit.viewer.canPay ? (
            <Space wrap>
              <Button type="primary" data-testid="deposit-pay-bank" onClick={() => setPaying('bank')}>
                {t('payments.payable.payBank')}
              </Button>
              {config.data?.stripeEnabled && deposit.viewer.canPayByStripe && (
                <Button data-testid="deposit-pay-stripe" onClick={() => setPaying('stripe')}>
                  {t('payments.payable.payStripe')}
                </Button>
              )}
            </Space>
          ) : deposit.status === 'pending_confirmation' ? (
            <Typography.Text type="secondary">{t('payments.deposit.waiting')}</Typography.Text>
          ) : deposit.status === 'held' ? (
            <Typography.Text type="secondary">{t('payments.deposit.heldHint')}</Typography.Text>
          ) : null}
          {paying === 'bank' && <BankTransferModal payable={deposit} onClose={() => setPaying(null)} />}
          {paying === 'stripe' && <StripeModal payable={deposit} onClose={() => setPaying(null)} />}
        </>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <FailureAlert failure={failure} onClose={clear} testId="deposit-error" />
          <Button
            type="primary"
            data-testid="deposit-create"
            loading={create.isPending}
            onClick={() => {
              clear();
              create.mutate(
                { subjectKind, subjectId },
                { onSuccess: () => void message.success(t('payments.deposit.created')), onError: fail },
              );
            }}
          >
            {t('payments.deposit.create')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
