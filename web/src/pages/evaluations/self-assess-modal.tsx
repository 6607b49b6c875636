import { Alert, App, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ipLegalStatuses, type IpLegalStatus } from '@shared/evaluation';
import { errorText } from '../../api/client';
import { useSelfAssess } from '../../api/evaluations';

interface Values {
  trl: number;
  claims: number;
  remainingYears: number;
  familySize: number;
  legalStatus: IpLegalStatus;
  marketNotes?: string;
}

/** The owner's structured self-assessment: readiness, IP strength and market; the API scores it. */
export function SelfAssessModal(props: { achievementId: string; title: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const assess = useSelfAssess();
  const required = [{ required: true, message: t('evaluation.form.required') }];
  const submit = (v: Values) =>
    assess.mutate(
      {
        achievementId: props.achievementId,
        trl: v.trl,
        ip: {
          claims: v.claims,
          remainingYears: v.remainingYears,
          familySize: v.familySize,
          legalStatus: v.legalStatus,
        },
        marketNotes: v.marketNotes ?? '',
      },
      {
        onSuccess: (e) => {
          void message.success(`${t('evaluation.self.score')} ${e.self?.score ?? ''}`);
          props.onClose();
        },
        onError: (err) => void message.error(errorText(err, i18n.language)),
      },
    );
  const num = (name: keyof Values, label: string, max: number, step = 1) => (
    <Col xs={24} sm={12}>
      <Form.Item name={name} label={label} rules={required}>
        <InputNumber min={0} max={max} step={step} style={{ width: '100%' }} />
      </Form.Item>
    </Col>
  );
  return (
    <Modal
      open
      title={`${t('evaluation.form.selfTitle')} · ${props.title}`}
      okText={t('evaluation.form.submit')}
      onOk={() => form.submit()}
      confirmLoading={assess.isPending}
      onCancel={props.onClose}
      okButtonProps={{ 'data-testid': 'evaluation-self-submit' } as never}
    >
      <Alert type="info" showIcon message={t('evaluation.form.selfHint')} style={{ marginBottom: 12 }} />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ trl: 5, claims: 5, remainingYears: 15, familySize: 1, legalStatus: 'granted' }}
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="trl" label={t('evaluation.form.trl')} rules={required}>
              <InputNumber min={1} max={9} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="legalStatus" label={t('evaluation.form.legalStatus')} rules={required}>
              <Select options={ipLegalStatuses.map((s) => ({ value: s, label: t(`evaluation.legal.${s}`) }))} />
            </Form.Item>
          </Col>
          {num('claims', t('evaluation.form.claims'), 500)}
          {num('remainingYears', t('evaluation.form.remainingYears'), 30, 0.5)}
          {num('familySize', t('evaluation.form.familySize'), 200)}
        </Row>
        <Form.Item name="marketNotes" label={t('evaluation.form.marketNotes')}>
          <Input.TextArea rows={3} maxLength={2000} placeholder={t('evaluation.form.marketPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
