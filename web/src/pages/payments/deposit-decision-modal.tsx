import { App, Form, Input, Modal, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { depositDecisionBody, type PayableDto } from '@shared/payment-schemas';
import { useDepositDecision } from '../../api/payments';
import { FailureAlert, useFailure } from './api-error-alert';
import { yuanText } from './money';

export type DepositAction = 'release' | 'forfeit';

/** Finance releases (money back) or forfeits a held deposit; the reason is required and audited. */
export function DepositDecisionModal({ deposit, action, onClose }: { deposit: PayableDto; action: DepositAction; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const decide = useDepositDecision();
  const { failure, fail, clear } = useFailure();

  const submit = async () => {
    clear();
    const { reason } = depositDecisionBody.parse(await form.validateFields());
    decide.mutate(
      { id: deposit.id, action, reason },
      {
        onSuccess: () => {
          void message.success(t(action === 'release' ? 'payments.deposit.released' : 'payments.deposit.forfeited'));
          onClose();
        },
        onError: fail,
      },
    );
  };

  return (
    <Modal
      open
      title={t(action === 'release' ? 'payments.deposit.releaseTitle' : 'payments.deposit.forfeitTitle')}
      okText={t(`payments.deposit.${action}`)}
      okButtonProps={{ danger: action === 'forfeit', loading: decide.isPending, 'data-testid': 'deposit-decision-submit' } as ButtonProps}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t(action === 'release' ? 'payments.deposit.releaseIntro' : 'payments.deposit.forfeitIntro')}</Typography.Paragraph>
      <Typography.Paragraph>
        {deposit.payerName} · {deposit.title} · <strong>{yuanText(deposit.amountFen)}</strong>
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          label={t('payments.deposit.reason')}
          name="reason"
          required
          rules={[{ validator: async (_r, v: string | undefined) => { if (!depositDecisionBody.shape.reason.safeParse(v ?? '').success) throw new Error(t('payments.deposit.reasonInvalid')); } }]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="deposit-reason" />
        </Form.Item>
      </Form>
      <FailureAlert failure={failure} onClose={clear} testId="deposit-decision-error" />
    </Modal>
  );
}
