import type { ButtonProps } from 'antd';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { instruments, outcomeBody, outcomeKinds, type InterestDto, type RequestDto } from '@shared/financing';
import { errorText } from '../../api/client';
import { useExpressInterest, useRecordOutcome } from '../../api/financing';
import { wanToFen } from '../../lib/money';
import { showZodIssues } from '../../lib/zod-form';

/** An institution tells the requester it would finance the request, naming its best-fitting product. */
export function ExpressInterestModal({ request, onClose }: { request: RequestDto | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ message: string; privateNote?: string }>();
  const express = useExpressInterest();
  const submit = () => {
    if (!request) return;
    const v = form.getFieldsValue();
    if (!v.message?.trim()) return form.setFields([{ name: 'message', errors: [t('validation.required')] }]);
    express.mutate(
      {
        requestId: request.id,
        body: {
          message: v.message.trim(),
          privateNote: v.privateNote?.trim() ?? '',
          productId: request.fit?.product.id,
        },
      },
      { onSuccess: onClose, onError: (err) => void message.error(errorText(err, i18n.language)) },
    );
  };
  return (
    <Modal
      open={!!request}
      title={`${t('financing.matching.express')} · ${request?.title ?? ''}`}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={express.isPending}
      okButtonProps={{ 'data-testid': 'interest-submit' } as ButtonProps}
      destroyOnHidden
      afterClose={() => form.resetFields()}
    >
      <Form form={form} layout="vertical">
        {request?.fit && (
          <Form.Item label={t('financing.matching.product')}>
            <Input value={request.fit.product.name} disabled />
          </Form.Item>
        )}
        <Form.Item name="message" label={t('financing.matching.message')} required>
          <Input.TextArea rows={3} maxLength={1000} data-testid="interest-message" />
        </Form.Item>
        <Form.Item name="privateNote" label={t('financing.matching.privateNote')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface OutcomeValues {
  kind: (typeof outcomeKinds)[number];
  amountFen?: number;
  instrument?: string;
  termMonths?: number;
  reason?: string;
}

/** The institution records a term sheet, a signed agreement (amount, instrument) or a decline with its reason. */
export function OutcomeModal({ interest, onClose }: { interest: InterestDto | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<OutcomeValues>();
  const record = useRecordOutcome();
  const kind = Form.useWatch('kind', form);
  const submit = () => {
    if (!interest) return;
    const v = form.getFieldsValue(true) as OutcomeValues;
    const parsed = outcomeBody.safeParse({
      kind: v.kind,
      ...(v.amountFen ? { amountFen: wanToFen(v.amountFen) } : {}),
      ...(v.instrument ? { instrument: v.instrument } : {}),
      ...(v.termMonths ? { termMonths: v.termMonths } : {}),
      ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
    });
    if (!parsed.success) return showZodIssues(form, parsed.error, t);
    record.mutate(
      { id: interest.id, body: parsed.data },
      { onSuccess: onClose, onError: (err) => void message.error(errorText(err, i18n.language)) },
    );
  };
  const allowed = interest?.status === 'term_sheet' ? outcomeKinds.filter((k) => k !== 'term_sheet') : outcomeKinds;
  return (
    <Modal
      open={!!interest}
      title={`${t('financing.matching.recordOutcome')} · ${interest?.requestTitle ?? ''}`}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={record.isPending}
      okButtonProps={{ 'data-testid': 'outcome-submit' } as ButtonProps}
      destroyOnHidden
      afterClose={() => form.resetFields()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: allowed[0], instrument: interest?.product?.instrument }}
        data-testid="outcome-form"
      >
        <Form.Item name="kind" label={t('financing.matching.outcomeKind')} required>
          <Select options={allowed.map((k) => ({ value: k, label: t(`financing.matching.outcome.${k}`) }))} />
        </Form.Item>
        {kind !== 'declined' ? (
          <>
            <Form.Item name="amountFen" label={t('financing.matching.amount')} required>
              <InputNumber className="fin-full" min={1} max={100_000} data-testid="outcome-amount" />
            </Form.Item>
            <Form.Item name="instrument" label={t('financing.col.instrument')} required>
              <Select options={instruments.map((c) => ({ value: c, label: t(`financing.instrument.${c}`) }))} />
            </Form.Item>
            <Form.Item name="termMonths" label={t('financing.request.form.termMonths')}>
              <InputNumber className="fin-full" min={1} max={360} />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="reason" label={t('financing.matching.reason')} required>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
