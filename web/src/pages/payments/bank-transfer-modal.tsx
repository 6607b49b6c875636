import { Alert, App, Button, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { bankTransferBody, type PayableDto } from '@shared/payment-schemas';
import { errorText } from '../../api/client';
import { usePaymentsConfig, useStartBankTransfer } from '../../api/payments';
import { zodRule } from '../../lib/zod-form';
import { fileIds, isUploading, UploadField, uploadItemProps, type AttachmentFile } from '../catalog/form/upload-field';
import { useAttemptKey } from './attempt-key';
import { fenToYuan, yuanText, yuanToFen } from './money';

interface Values {
  receipt: AttachmentFile[];
  payerAccountName: string;
  bankReference: string;
  transferredOn: Dayjs;
  declaredYuan: number;
  note?: string;
}

const shape = bankTransferBody.shape;

/** 对公转账: the platform's account, the receipt upload, then the declaration finance confirms. */
export function BankTransferModal({ payable, onClose }: { payable: PayableDto; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const config = usePaymentsConfig();
  const start = useStartBankTransfer();
  const attempt = useAttemptKey('bank_transfer', payable.id);
  const declared = Form.useWatch('declaredYuan', form);
  const receipt = Form.useWatch('receipt', form);
  const account = config.data?.bankAccount;

  const submit = async () => {
    const v = await form.validateFields();
    const ids = fileIds(v.receipt);
    const body = bankTransferBody.parse({
      receiptAttachmentId: ids[0],
      payerAccountName: v.payerAccountName,
      bankReference: v.bankReference,
      transferredOn: v.transferredOn.format('YYYY-MM-DD'),
      declaredFen: yuanToFen(v.declaredYuan),
      note: v.note ?? '',
    });
    start.mutate(
      { payableId: payable.id, key: attempt.current(), body },
      {
        onSuccess: () => {
          attempt.finish();
          void message.success(t('payments.bank.submitted'));
          onClose();
        },
        // The key stays: submitting again is the same attempt, and the API answers with the same payment.
        onError: (e) => void message.error(errorText(e, i18n.language)),
      },
    );
  };

  return (
    <Modal
      open
      width={640}
      title={t('payments.bank.title')}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="submit"
          type="primary"
          data-testid="bank-submit"
          loading={start.isPending}
          disabled={isUploading(receipt)}
          onClick={() => void submit().catch(() => undefined)}
        >
          {t('payments.bank.submit')}
        </Button>,
      ]}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('payments.bank.intro')}</Typography.Paragraph>
      {account?.account ? (
        <Descriptions
          size="small"
          column={1}
          bordered
          title={t('payments.bank.account')}
          data-testid="platform-account"
          style={{ marginBottom: 16 }}
        >
          <Descriptions.Item label={t('payments.bank.accountName')}>{account.name}</Descriptions.Item>
          <Descriptions.Item label={t('payments.bank.accountBank')}>{account.bank}</Descriptions.Item>
          <Descriptions.Item label={t('payments.bank.accountNo')}>
            <Typography.Text copyable className="mono">
              {account.account}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('payments.bank.due')}>
            <strong data-testid="bank-due">{yuanText(payable.amountFen)}</strong>
          </Descriptions.Item>
        </Descriptions>
      ) : config.isLoading ? null : (
        <Alert type="warning" showIcon title={t('payments.bank.noAccount')} style={{ marginBottom: 16 }} />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          payerAccountName: payable.payerName,
          transferredOn: dayjs(),
          declaredYuan: fenToYuan(payable.amountFen - payable.paidFen),
        }}
      >
        <Form.Item
          label={t('payments.bank.receipt')}
          name="receipt"
          required
          {...uploadItemProps}
          rules={[
            {
              validator: async (_r, files: AttachmentFile[] | undefined) => {
                if (fileIds(files).length !== 1) throw new Error(t('payments.bank.receiptRequired'));
              },
            },
          ]}
        >
          <UploadField max={1} testId="receipt-upload" />
        </Form.Item>
        <Form.Item
          label={t('payments.bank.payerAccountName')}
          name="payerAccountName"
          required
          rules={[zodRule(shape.payerAccountName, t)]}
        >
          <Input maxLength={100} data-testid="payer-account-name" />
        </Form.Item>
        <Form.Item
          label={t('payments.bank.bankReference')}
          name="bankReference"
          required
          rules={[zodRule(shape.bankReference, t)]}
        >
          <Input maxLength={60} className="mono" data-testid="bank-reference" />
        </Form.Item>
        <Form.Item
          label={t('payments.bank.transferredOn')}
          name="transferredOn"
          required
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <DatePicker data-testid="transferred-on" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          label={t('payments.bank.declared')}
          name="declaredYuan"
          required
          rules={[
            {
              validator: async (_r, v: number | null) => {
                if (!v || v <= 0) throw new Error(t('validation.required'));
              },
            },
          ]}
          extra={
            declared && yuanToFen(declared) !== payable.amountFen - payable.paidFen ? (
              <Typography.Text type="warning">{t('payments.bank.declaredMismatch')}</Typography.Text>
            ) : null
          }
        >
          <InputNumber min={0.01} max={10_000_000_000} precision={2} style={{ width: 240 }} data-testid="declared" />
        </Form.Item>
        <Form.Item label={t('payments.bank.note')} name="note" rules={[zodRule(shape.note, t)]}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
