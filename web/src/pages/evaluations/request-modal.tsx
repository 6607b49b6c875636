import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client';
import { useEvaluators, useRequestEvaluation } from '../../api/evaluations';
import { useLabels } from '../../lib/use-labels';

interface Values {
  evaluatorOrgId: string;
  note?: string;
}

/** The owner names a verified evaluation agency and says what the evaluation is for. */
export function RequestEvaluationModal(props: { achievementId: string; title: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const labels = useLabels();
  const [form] = Form.useForm<Values>();
  const evaluators = useEvaluators(true);
  const request = useRequestEvaluation();
  const submit = (v: Values) =>
    request.mutate(
      { achievementId: props.achievementId, evaluatorOrgId: v.evaluatorOrgId, note: v.note ?? '' },
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
      title={`${t('evaluation.form.requestTitle')} · ${props.title}`}
      okText={t('evaluation.form.submit')}
      onOk={() => form.submit()}
      confirmLoading={request.isPending}
      onCancel={props.onClose}
      okButtonProps={{ 'data-testid': 'evaluation-request-submit' } as never}
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="evaluatorOrgId"
          label={t('evaluation.form.evaluator')}
          rules={[{ required: true, message: t('evaluation.form.required') }]}
        >
          <Select
            loading={evaluators.isLoading}
            placeholder={t('evaluation.form.evaluatorPlaceholder')}
            notFoundContent={t('evaluation.form.noEvaluators')}
            options={(evaluators.data ?? []).map((o) => ({
              value: o.id,
              label: `${o.name}（${labels.region(o.regionCode)}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('evaluation.form.note')}>
          <Input.TextArea maxLength={1000} rows={3} placeholder={t('evaluation.form.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
