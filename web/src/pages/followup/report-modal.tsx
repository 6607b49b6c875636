import { App, Button, Form, Input, InputNumber, Modal, Popconfirm, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { followupStages, type FollowupPlanDto, type FollowupStage } from '@shared/followup';
import { errorText } from '../../api/client';
import { useReportFollowup } from '../../api/followup';
import { fenToWan, wanToFen } from '../../lib/money';

interface Values {
  stage: FollowupStage;
  salesWan: number;
  jobs: number;
  investmentWan: number;
  note?: string;
}

/**
 * The buyer's report of the next period: stage and cumulative figures, prefilled with the last report's (they
 * cannot go down). Amounts are typed in 万元 and sent in 分; a report cannot be changed, so it is confirmed.
 */
export function ReportModal({ plan, open, onClose }: { plan: FollowupPlanDto; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useReportFollowup(plan.contractId);
  const n = plan.nextPeriod ?? 0;
  const last = plan.latest;
  const submit = async () => {
    const v = await form.validateFields();
    save.mutate(
      {
        period: n,
        stage: v.stage,
        salesFen: wanToFen(v.salesWan),
        jobs: v.jobs,
        investmentFen: wanToFen(v.investmentWan),
        note: v.note?.trim() ?? '',
      },
      {
        onSuccess: () => {
          void message.success(t('followup.form.done', { n }));
          form.resetFields();
          onClose();
        },
        onError: (e) => void message.error(errorText(e, i18n.language)),
      },
    );
  };
  const nonNegative = [
    { required: true, message: t('followup.form.required') },
    { type: 'number' as const, min: 0, message: t('followup.form.nonNegative') },
  ];
  return (
    <Modal
      open={open}
      title={t('followup.form.title', { n })}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Popconfirm
          title={t('followup.form.confirmText', { n })}
          okText={t('followup.form.confirm')}
          // An invalid field is shown beside it by the form; nothing is sent.
          onConfirm={() => void submit().catch(() => undefined)}
        >
          <Button type="primary" loading={save.isPending} data-testid="followup-submit">
            {t('followup.form.confirm')}
          </Button>
        </Popconfirm>
      }
    >
      <Form
        form={form}
        data-testid="followup-report-form"
        layout="vertical"
        initialValues={{
          stage: plan.stage === 'not_started' ? 'pilot' : plan.stage,
          salesWan: last ? fenToWan(last.salesFen) : 0,
          jobs: last?.jobs ?? 0,
          investmentWan: last ? fenToWan(last.investmentFen) : 0,
        }}
      >
        <Typography.Paragraph type="secondary">{t('followup.form.cumulative')}</Typography.Paragraph>
        <Form.Item name="stage" label={t('followup.form.stage')} rules={[{ required: true }]}>
          <Select
            data-testid="followup-stage"
            options={followupStages.map((s) => ({ value: s, label: t(`followup.stage.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="salesWan" label={t('followup.form.sales')} rules={nonNegative}>
          <InputNumber data-testid="followup-sales" style={{ width: '100%' }} precision={2} />
        </Form.Item>
        <Form.Item name="jobs" label={t('followup.form.jobs')} rules={nonNegative}>
          <InputNumber data-testid="followup-jobs" style={{ width: '100%' }} precision={0} />
        </Form.Item>
        <Form.Item name="investmentWan" label={t('followup.form.investment')} rules={nonNegative}>
          <InputNumber data-testid="followup-investment" style={{ width: '100%' }} precision={2} />
        </Form.Item>
        <Form.Item name="note" label={t('followup.form.note')}>
          <Input.TextArea maxLength={1000} rows={3} placeholder={t('followup.form.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
