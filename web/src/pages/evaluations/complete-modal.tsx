import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Col, Form, Input, InputNumber, Modal, Row, Select, Upload, type UploadProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_VALUE_FEN, MIN_VALUE_FEN, valuationMethods, type ValuationMethod } from '@shared/evaluation';
import { MAX_ATTACHMENT_BYTES, uploadAttachment } from '../../api/attachments';
import { errorText } from '../../api/client';
import { useMoveEvaluation } from '../../api/evaluations';
import { wanToFen } from '../../lib/money';

interface Values {
  minWan: number;
  maxWan: number;
  method: ValuationMethod;
  effectiveDate: string;
  summary: string;
}

/**
 * The agency completes an engagement: its report (a PDF of its own, uploaded here), the value range in 万元
 * (sent in 分), the method, the valuation date and a summary. The API checks the same rules again.
 */
export function CompleteModal(props: { id: string; title: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const move = useMoveEvaluation();
  const [report, setReport] = useState<{ id: string; name: string } | null>(null);
  const [uploading, setUploading] = useState(false);
  const required = { required: true, message: t('evaluation.form.required') };
  const beforeUpload: UploadProps['beforeUpload'] = (file) => {
    if (file.type !== 'application/pdf' && !file.name.toLowerCase().endsWith('.pdf')) {
      void message.error(t('evaluation.form.pdfOnly'));
      return Upload.LIST_IGNORE;
    }
    if (file.size > MAX_ATTACHMENT_BYTES) return Upload.LIST_IGNORE;
    setUploading(true);
    uploadAttachment(file)
      .then(
        (a) => setReport({ id: a.id, name: file.name }),
        (err: unknown) => void message.error(errorText(err, i18n.language)),
      )
      .finally(() => setUploading(false));
    return false;
  };
  const limits = {
    validator: (_: unknown, v?: number) =>
      v === undefined || v === null || (wanToFen(v) >= MIN_VALUE_FEN && wanToFen(v) <= MAX_VALUE_FEN)
        ? Promise.resolve()
        : Promise.reject(new Error(t('evaluation.form.rangeLimits'))),
  };
  const submit = (v: Values) => {
    if (!report) return void message.error(t('evaluation.form.pdfOnly'));
    move.mutate(
      {
        id: props.id,
        action: 'complete',
        body: {
          reportId: report.id,
          valueMinFen: wanToFen(v.minWan),
          valueMaxFen: wanToFen(v.maxWan),
          method: v.method,
          effectiveDate: v.effectiveDate,
          summary: v.summary.trim(),
        },
      },
      {
        onSuccess: () => {
          void message.success(t('evaluation.actions.done'));
          props.onClose();
        },
        onError: (err) => void message.error(errorText(err, i18n.language)),
      },
    );
  };
  return (
    <Modal
      open
      title={`${t('evaluation.form.completeTitle')} · ${props.title}`}
      okText={t('evaluation.actions.complete')}
      onOk={() => form.submit()}
      confirmLoading={move.isPending}
      okButtonProps={{ disabled: uploading, 'data-testid': 'evaluation-complete-submit' } as never}
      onCancel={props.onClose}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ method: 'income', effectiveDate: dayjs().format('YYYY-MM-DD') }}
      >
        <Form.Item label={t('evaluation.form.report')} required>
          <Upload accept="application/pdf,.pdf" maxCount={1} showUploadList={false} beforeUpload={beforeUpload}>
            <Button icon={<UploadOutlined />} loading={uploading} data-testid="evaluation-report-upload">
              {t('evaluation.form.upload')}
            </Button>
          </Upload>
          {report && (
            <div className="muted small" data-testid="evaluation-report-name">
              {t('evaluation.form.uploaded', { name: report.name })}
            </div>
          )}
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="minWan" label={t('evaluation.form.min')} rules={[required, limits]}>
              <InputNumber min={0} step={10} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="maxWan"
              label={t('evaluation.form.max')}
              dependencies={['minWan']}
              rules={[
                required,
                limits,
                ({ getFieldValue }) => ({
                  validator: (_: unknown, v?: number) =>
                    v === undefined ||
                    v === null ||
                    getFieldValue('minWan') === undefined ||
                    v >= getFieldValue('minWan')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('evaluation.form.rangeInverted'))),
                }),
              ]}
            >
              <InputNumber min={0} step={10} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="method" label={t('evaluation.form.method')} rules={[required]}>
              <Select options={valuationMethods.map((m) => ({ value: m, label: t(`evaluation.method.${m}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="effectiveDate" label={t('evaluation.form.effectiveDate')} rules={[required]}>
              <Input type="date" max={dayjs().add(1, 'year').format('YYYY-MM-DD')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="summary" label={t('evaluation.form.summary')} rules={[required, { min: 10 }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
