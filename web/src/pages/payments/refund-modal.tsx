import { App, Form, Input, Modal, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { refundBody, type FinancePaymentDto } from '@shared/payment-schemas';
import { useRefund } from '../../api/payments';
import { FailureAlert, useFailure } from './api-error-alert';
import { useAttemptKey } from './attempt-key';
import { yuanText } from './money';

/** Confirm a full refund with a required reason; the attempt keeps its Idempotency-Key until the API accepted it. */
export function RefundModal({ payment, onClose }: { payment: FinancePaymentDto; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const refund = useRefund();
  const attempt = useAttemptKey('refund', payment.id);
  const { failure, fail, clear } = useFailure();

  const submit = async () => {
    clear();
    const { reason } = await form.validateFields();
    const body = refundBody.parse({ reason });
    refund.mutate(
      { id: payment.id, key: attempt.current(), reason: body.reason },
      {
        onSuccess: ({ payment: p }) => {
          attempt.finish();
          void message.success(p.status === 'refunded' ? t('payments.refund.done') : t('payments.refund.requested'));
          onClose();
        },
        onError: fail,
      },
    );
  };

  return (
    <Modal
      open
      title={t('payments.refund.title')}
      okText={t('payments.refund.confirm')}
      okButtonProps={{ danger: true, loading: refund.isPending, 'data-testid': 'refund-submit' } as ButtonProps}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('payments.refund.intro')}</Typography.Paragraph>
      <Typography.Paragraph>
        {payment.payable.payerName} · {payment.payable.contractNo ?? '—'} · {payment.payable.title} · <strong data-testid="refund-amount">{yuanText(payment.amountFen)}</strong>
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          label={t('payments.refund.reason')}
          name="reason"
          required
          rules={[{ validator: async (_r, v: string | undefined) => { if (!refundBody.shape.reason.safeParse(v ?? '').success) throw new Error(t('payments.refund.reasonInvalid')); } }]}
        >
          <Input.TextArea rows={3} maxLength={500} placeholder={t('payments.refund.reasonPlaceholder')} data-testid="refund-reason" />
        </Form.Item>
      </Form>
      <FailureAlert failure={failure} onClose={clear} testId="refund-error" />
    </Modal>
  );
}
