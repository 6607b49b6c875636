import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ContractPaymentStatus, PayableStatus, PaymentStatus } from '@shared/payment-schemas';

const payableColor: Record<PayableStatus, string> = {
  due: 'blue',
  overdue: 'red',
  processing: 'processing',
  pending_confirmation: 'gold',
  paid: 'green',
  refunded: 'purple',
  held: 'cyan',
  released: 'default',
  forfeited: 'volcano',
};
const paymentColor: Record<PaymentStatus, string> = {
  requires_payment: 'default',
  requires_action: 'orange',
  processing: 'processing',
  pending_confirmation: 'gold',
  failed: 'red',
  rejected: 'red',
  canceled: 'default',
  succeeded: 'green',
  refunded: 'purple',
};
const contractColor: Record<ContractPaymentStatus, string> = {
  unpaid: 'default',
  partially_paid: 'gold',
  paid: 'green',
};

export function PayableStatusTag({ status, testId }: { status: PayableStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={payableColor[status]} data-testid={testId} data-status={status}>
      {t(`payments.payableStatus.${status}`)}
    </Tag>
  );
}

export function PaymentStatusTag({ status, testId }: { status: PaymentStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={paymentColor[status]} data-testid={testId} data-status={status}>
      {t(`payments.paymentStatus.${status}`)}
    </Tag>
  );
}

export function ContractPaymentTag({ status }: { status: ContractPaymentStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={contractColor[status]} data-testid="contract-payment-status" data-status={status}>
      {t(`payments.contractStatus.${status}`)}
    </Tag>
  );
}
