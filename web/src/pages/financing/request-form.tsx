import type { ButtonProps } from 'antd';
import { Alert, App, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { instruments, requestBody, type RequestDto } from '@shared/financing';
import { errorText, isApiError } from '../../api/client';
import { useSaveRequest } from '../../api/financing';
import { useListings } from '../../api/listings';
import {
  fileIds,
  isUploading,
  storedFiles,
  UploadField,
  uploadItemProps,
  type AttachmentFile,
} from '../catalog/form/upload-field';
import { fenToWan, wanToFen } from '../../lib/money';
import { showServerErrors } from '../../lib/server-errors';
import { useLabels } from '../../lib/use-labels';
import { showZodIssues } from '../../lib/zod-form';
import { TiedEvaluation } from '../evaluations/tied-evaluation';

interface Values {
  title: string;
  amountFen: number;
  instruments: string[];
  termMonths?: number;
  fieldCode?: string;
  stage?: string;
  summary?: string;
  useOfFunds?: string;
  collateral?: string;
  ipOffered: string[];
  files?: AttachmentFile[];
  /** An own achievement the request finances, or none. */
  achievementId?: string;
}

/** Writes a financing request (amount typed in 万元); the confidential part is marked as such. */
export function RequestForm(props: { open: boolean; request: RequestDto | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const labels = useLabels();
  const [form] = Form.useForm<Values>();
  const achievementId = Form.useWatch('achievementId', form) as string | undefined;
  const save = useSaveRequest();
  const mine = useListings('achievement', { scope: 'mine', pageSize: 100 }, props.open);

  useEffect(() => {
    if (!props.open) return;
    const r = props.request;
    if (r)
      form.setFieldsValue({
        title: r.title,
        amountFen: fenToWan(r.amountFen),
        instruments: r.instruments,
        termMonths: r.termMonths ?? undefined,
        fieldCode: r.fieldCode,
        stage: r.stage,
        summary: r.summary,
        useOfFunds: r.confidential?.useOfFunds,
        collateral: r.confidential?.collateral,
        ipOffered: r.confidential?.ipOffered ?? [],
        achievementId: r.tie?.kind === 'achievement' ? r.tie.id : undefined,
        files: storedFiles(r.confidential?.attachmentIds, false, (n) => `${t('financing.request.form.files')} ${n}`),
      });
    else form.setFieldsValue({ instruments: [], ipOffered: [] });
  }, [props.open, props.request, form]);

  const submit = () => {
    const v = form.getFieldsValue(true) as Values;
    if (isUploading(v.files)) return;
    const parsed = requestBody.safeParse({
      title: v.title ?? '',
      amountFen: wanToFen(v.amountFen ?? 0),
      instruments: v.instruments ?? [],
      termMonths: v.termMonths ?? null,
      fieldCode: v.fieldCode,
      stage: v.stage,
      summary: v.summary ?? '',
      useOfFunds: v.useOfFunds ?? '',
      collateral: v.collateral ?? '',
      ipOffered: v.ipOffered ?? [],
      attachmentIds: fileIds(v.files),
      tie: v.achievementId
        ? { kind: 'achievement', id: v.achievementId }
        : props.request?.tie?.kind === 'contract'
          ? { kind: 'contract', id: props.request.tie.id }
          : { kind: 'none' },
    });
    if (!parsed.success) return showZodIssues(form, parsed.error, t);
    save.mutate(
      { id: props.request?.id, body: parsed.data },
      {
        onSuccess: () => props.onClose(),
        onError: (err) => {
          if (!isApiError(err) || !showServerErrors(form, err, t, i18n.language))
            void message.error(errorText(err, i18n.language));
        },
      },
    );
  };

  const f = (k: string) => t(`financing.request.form.${k}`);
  return (
    <Modal
      open={props.open}
      title={props.request ? t('financing.request.edit') : t('financing.request.new')}
      onCancel={props.onClose}
      onOk={submit}
      okText={f('save')}
      cancelText={f('cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'request-save' } as ButtonProps}
      width={720}
      destroyOnHidden
      afterClose={() => form.resetFields()}
    >
      <Form form={form} layout="vertical" data-testid="request-form">
        <Form.Item name="title" label={f('title')} required>
          <Input maxLength={80} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="amountFen" label={f('amount')} required>
              <InputNumber className="fin-full" min={1} max={100_000} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="termMonths" label={f('termMonths')}>
              <InputNumber className="fin-full" min={1} max={360} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="fieldCode" label={f('fieldCode')} required>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={labels.tax.fields.map((x) => ({ value: x.code, label: labels.pick(x) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="stage" label={f('stage')} required>
              <Select options={labels.tax.maturityStages.map((x) => ({ value: x.code, label: labels.pick(x) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="instruments" label={f('instruments')}>
          <Select
            mode="multiple"
            options={instruments.map((c) => ({ value: c, label: t(`financing.instrument.${c}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="achievementId"
          label={f('achievement')}
          extra={achievementId ? <TiedEvaluation achievementId={achievementId} /> : undefined}
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={mine.isLoading}
            options={(mine.data?.items ?? []).map((a) => ({ value: a.id, label: a.title }))}
          />
        </Form.Item>
        <Form.Item name="summary" label={f('summary')}>
          <Input.TextArea rows={2} maxLength={1000} showCount />
        </Form.Item>
        <Alert type="warning" showIcon title={t('financing.request.confidentialHint')} className="fin-kpis" />
        <Form.Item name="useOfFunds" label={f('useOfFunds')}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="collateral" label={f('collateral')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="ipOffered" label={f('ipOffered')}>
          <Select mode="tags" open={false} />
        </Form.Item>
        <Form.Item name="files" label={f('files')} {...uploadItemProps}>
          <UploadField max={10} testId="request-files" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
