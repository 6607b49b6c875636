import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { depositDecisionBody, type PayableDto } from '@shared/payment-schemas';
import { useDepositDecision } from '../../api/payments';
import { yuanText } from './money';
import { ReasonModal } from './reason-modal';

export type DepositAction = 'release' | 'forfeit';

/** Finance releases (money back) or forfeits a held deposit; the reason is required and audited. */
export function DepositDecisionModal({
  deposit,
  action,
  onClose,
}: {
  deposit: PayableDto;
  action: DepositAction;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const decide = useDepositDecision();
  const release = action === 'release';
  return (
    <ReasonModal
      title={t(release ? 'payments.deposit.releaseTitle' : 'payments.deposit.forfeitTitle')}
      okText={t(`payments.deposit.${action}`)}
      danger={!release}
      pending={decide.isPending}
      intro={t(release ? 'payments.deposit.releaseIntro' : 'payments.deposit.forfeitIntro')}
      summary={
        <>
          {deposit.payerName} · {deposit.title} · <strong>{yuanText(deposit.amountFen)}</strong>
        </>
      }
      reasonLabel={t('payments.deposit.reason')}
      reasonInvalid={t('payments.deposit.reasonInvalid')}
      reasonSchema={depositDecisionBody.shape.reason}
      testIds={{ reason: 'deposit-reason', submit: 'deposit-decision-submit', error: 'deposit-decision-error' }}
      onClose={onClose}
      onSubmit={(reason, fail) =>
        decide.mutate(
          { id: deposit.id, action, reason },
          {
            onSuccess: () => {
              void message.success(t(release ? 'payments.deposit.released' : 'payments.deposit.forfeited'));
              onClose();
            },
            onError: fail,
          },
        )
      }
    />
  );
}
