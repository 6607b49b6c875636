import { Alert, App, Form, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PayoutDto } from '@shared/payment-schemas';
import { errorText } from '../../api/client';
import { useRecordBankPayout } from '../../api/payments';
import { fileIds, isUploading, UploadField, uploadItemProps, type AttachmentFile } from '../catalog/form/upload-field';
import { yuanText } from './money';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Finance records the bank transfer it made to a seller or broker: the bank's reference, the day, and the
 * amount sent in 元 (prefilled with the payable; the API refuses more or less). Recording settles the payout in
 * the ledger; it cannot be recorded twice.
 */
export function BankPayoutModal({ payout, onClose }: { payout: PayoutDto; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const record = useRecordBankPayout();
  const [failure, setFailure] = useState<string | null>(null);
  const [form] = Form.useForm<{ bankReference: string; paidOn: string; amountYuan: number; slip?: AttachmentFile[] }>();
  const slip = Form.useWatch('slip', form);
  const submit = async () => {
    const v = await form.validateFields();
    setFailure(null);
    try {
      await record.mutateAsync({
        id: payout.id,
        bankReference: v.bankReference,
        paidOn: v.paidOn,
        amountFen: Math.round(v.amountYuan * 100),
        slipAttachmentId: fileIds(v.slip)[0],
      });
      void message.success(t('payments.payouts.recorded'));
      onClose();
    } catch (e) {
      setFailure(errorText(e, i18n.language));
    }
  };
  return (
    <Modal
      open
      title={t('payments.payouts.recordTitle', { name: payout.beneficiary.name })}
      okText={t('payments.payouts.recordOk')}
      okButtonProps={{ 'data-testid': 'payout-record-ok', disabled: isUploading(slip) } as never}
      confirmLoading={record.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p>{t('payments.payouts.recordText', { amount: yuanText(payout.amountFen) })}</p>
      {failure && (
        <Alert type="error" showIcon title={failure} data-testid="payout-record-error" style={{ marginBottom: 12 }} />
      )}
      <Form form={form} layout="vertical" initialValues={{ paidOn: today(), amountYuan: payout.amountFen / 100 }}>
        <Form.Item name="bankReference" label={t('payments.payouts.reference')} rules={[{ required: true, max: 60 }]}>
          <Input maxLength={60} data-testid="payout-reference" />
        </Form.Item>
        <Form.Item
          name="paidOn"
          label={t('payments.payouts.paidOn')}
          rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}
        >
          <Input maxLength={10} placeholder="YYYY-MM-DD" data-testid="payout-paid-on" />
        </Form.Item>
        <Form.Item name="amountYuan" label={t('payments.payouts.amountSent')} rules={[{ required: true }]}>
          <InputNumber min={0.01} precision={2} style={{ width: '100%' }} data-testid="payout-amount" />
        </Form.Item>
        <Form.Item name="slip" label={t('payments.payouts.slip')} {...uploadItemProps}>
          <UploadField max={1} testId="payout-slip-upload" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
