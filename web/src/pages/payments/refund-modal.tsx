import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { refundBody, type FinancePaymentDto } from '@shared/payment-schemas';
import { useRefund } from '../../api/payments';
import { useAttemptKey } from './attempt-key';
import { yuanText } from './money';
import { ReasonModal } from './reason-modal';

/** Confirm a full refund with a required reason; the attempt keeps its Idempotency-Key until the API accepted it. */
export function RefundModal({ payment, onClose }: { payment: FinancePaymentDto; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refund = useRefund();
  const attempt = useAttemptKey('refund', payment.id);
  return (
    <ReasonModal
      title={t('payments.refund.title')}
      okText={t('payments.refund.confirm')}
      danger
      pending={refund.isPending}
      intro={t('payments.refund.intro')}
      summary={
        <>
          {payment.payable.payerName} · {payment.payable.contractNo ?? '—'} · {payment.payable.title} ·{' '}
          <strong data-testid="refund-amount">{yuanText(payment.amountFen)}</strong>
        </>
      }
      reasonLabel={t('payments.refund.reason')}
      reasonInvalid={t('payments.refund.reasonInvalid')}
      reasonPlaceholder={t('payments.refund.reasonPlaceholder')}
      reasonSchema={refundBody.shape.reason}
      testIds={{ reason: 'refund-reason', submit: 'refund-submit', error: 'refund-error' }}
      onClose={onClose}
      onSubmit={(reason, fail) =>
        refund.mutate(
          { id: payment.id, key: attempt.current(), reason },
          {
            onSuccess: ({ payment: p }) => {
              attempt.finish();
              void message.success(
                p.status === 'refunded' ? t('payments.refund.done') : t('payments.refund.requested'),
              );
              onClose();
            },
            onError: fail,
          },
        )
      }
    />
  );
}
