import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client';
import { useMoveEvaluation } from '../../api/evaluations';

/** Declining (the agency, a reason required) or cancelling (the requester, reason optional): confirmed here. */
export function ReasonModal(props: { id: string; action: 'decline' | 'cancel'; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason?: string }>();
  const move = useMoveEvaluation();
  const decline = props.action === 'decline';
  const submit = (v: { reason?: string }) =>
    move.mutate(
      { id: props.id, action: props.action, body: { reason: v.reason?.trim() ?? '' } },
      {
        onSuccess: () => {
          void message.success(t('evaluation.actions.done'));
          props.onClose();
        },
        onError: (err) => void message.error(errorText(err, i18n.language)),
      },
    );
  return (
    <Modal
      open
      title={t(decline ? 'evaluation.form.declineTitle' : 'evaluation.form.cancelTitle')}
      okText={t(decline ? 'evaluation.actions.decline' : 'evaluation.actions.cancel')}
      okButtonProps={{ danger: true, 'data-testid': 'evaluation-reason-submit' } as never}
      onOk={() => form.submit()}
      confirmLoading={move.isPending}
      onCancel={props.onClose}
    >
      {!decline && <p>{t('evaluation.actions.confirmCancel')}</p>}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="reason"
          label={t('evaluation.form.reason')}
          rules={decline ? [{ required: true, min: 2, message: t('evaluation.form.required') }] : []}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
