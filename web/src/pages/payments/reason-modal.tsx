import { Form, Input, Modal, Typography, type ButtonProps } from 'antd';
import type { ReactNode } from 'react';
import type { z } from 'zod';
import { FailureAlert, useFailure } from './api-error-alert';

/**
 * Finance's decisions that must say why (refund, release or forfeit a deposit): what is decided, a required
 * reason checked with the API's own schema, and the API's failure beside the form. `onSubmit` gets the
 * reason and the failure handler; it calls `done` once the API accepted.
 */
export function ReasonModal(props: {
  title: string;
  okText: string;
  danger: boolean;
  pending: boolean;
  intro: string;
  summary: ReactNode;
  reasonLabel: string;
  reasonInvalid: string;
  reasonPlaceholder?: string;
  reasonSchema: z.ZodType<string>;
  testIds: { reason: string; submit: string; error: string };
  onSubmit: (reason: string, fail: (err: unknown) => void) => void;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const { failure, fail, clear } = useFailure();
  const submit = async () => {
    clear();
    const { reason } = await form.validateFields();
    props.onSubmit(props.reasonSchema.parse(reason), fail);
  };
  return (
    <Modal
      open
      title={props.title}
      okText={props.okText}
      okButtonProps={
        { danger: props.danger, loading: props.pending, 'data-testid': props.testIds.submit } as ButtonProps
      }
      onOk={() => void submit().catch(() => undefined)}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{props.intro}</Typography.Paragraph>
      <Typography.Paragraph>{props.summary}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          label={props.reasonLabel}
          name="reason"
          required
          rules={[
            {
              validator: async (_r, v: string | undefined) => {
                if (!props.reasonSchema.safeParse(v ?? '').success) throw new Error(props.reasonInvalid);
              },
            },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            placeholder={props.reasonPlaceholder}
            data-testid={props.testIds.reason}
          />
        </Form.Item>
      </Form>
      <FailureAlert failure={failure} onClose={clear} testId={props.testIds.error} />
    </Modal>
  );
}
