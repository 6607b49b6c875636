import { App, Button, Card, Empty, Form, Input, InputNumber, Space, Table, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { royaltyReportBody, type ContractPaymentsDto, type PayableDto } from '@shared/payment-schemas';
import { isApiError } from '../../api/client';
import { useRoyaltyReport } from '../../api/payments';
import { zodRule } from '../../lib/zod-form';
import { FailureAlert, useFailure } from './api-error-alert';
import { yuanText, yuanToFen } from './money';
import { PayableStatusTag } from './payment-tags';

interface Values {
  period: string;
  netSalesYuan: number | null;
  note?: string;
}

const shape = royaltyReportBody.shape;
/** For the estimate only: the API computes the royalty (net sales × rate, rounded half up to the 分) and that is what is owed. */
const estimateFen = (netSalesFen: number, bp: number) => Math.floor((netSalesFen * bp + 5_000) / 10_000);

/**
 * 收益提成: on a royalty-share contract the buyer (licensee) reports net sales per period; each report becomes
 * a payable in the schedule above, paid like the others. Everyone on the page sees the reports so far.
 */
export function RoyaltyCard({ data }: { data: ContractPaymentsDto & { royaltyBp: number } }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const report = useRoyaltyReport(data.contract.id);
  const { failure, fail, clear } = useFailure();
  const reports = data.payables.filter((p) => p.kind === 'royalty');
  const reported = new Set(reports.map((p) => p.period));
  const netSalesYuan = Form.useWatch('netSalesYuan', form);
  const estimate = typeof netSalesYuan === 'number' ? estimateFen(yuanToFen(netSalesYuan), data.royaltyBp) : null;
  const isBuyer = data.viewer.side === 'buyer';

  const submit = async () => {
    clear();
    const v = await form.validateFields();
    const body = royaltyReportBody.parse({
      period: v.period.trim(),
      netSalesFen: yuanToFen(v.netSalesYuan ?? 0),
      note: v.note ?? '',
    });
    report.mutate(body, {
      onSuccess: () => {
        void message.success(t('payments.royalty.submitted'));
        form.resetFields();
      },
      onError: (e) => {
        fail(e);
        // A field the API refused (e.g. a royalty under 1 分) is also marked on the field itself.
        const fields = isApiError(e)
          ? e.fieldDetails().filter((d) => d.path === 'netSalesFen' || d.path === 'period')
          : [];
        form.setFields(
          fields.map((d) => ({
            name: d.path === 'netSalesFen' ? 'netSalesYuan' : 'period',
            errors: [d.path === 'netSalesFen' ? t('payments.royalty.tooSmall') : t('payments.royalty.periodInvalid')],
          })),
        );
      },
    });
  };

  return (
    <Card
      size="small"
      title={t('payments.royalty.title')}
      data-testid="royalty-card"
      extra={
        <Typography.Text strong data-testid="royalty-rate">
          {t('payments.royalty.rate', { rate: data.royaltyBp / 100 })}
        </Typography.Text>
      }
    >
      <Typography.Paragraph type="secondary">
        {isBuyer ? t('payments.royalty.intro') : t('payments.royalty.sellerView')}
      </Typography.Paragraph>
      <Table<PayableDto>
        rowKey="id"
        size="small"
        data-testid="royalty-reports"
        dataSource={reports}
        pagination={reports.length > 10 ? { pageSize: 10 } : false}
        scroll={{ x: 700 }}
        locale={{ emptyText: <Empty description={t('payments.royalty.empty')} /> }}
        onRow={(p) => ({ 'data-testid': `royalty-${p.period}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('payments.royalty.period'),
            dataIndex: 'period',
            width: 110,
            render: (v: string | null) => <span className="mono">{v ?? '—'}</span>,
          },
          { title: t('payments.payable.seq'), dataIndex: 'seq', width: 64 },
          {
            title: t('payments.royalty.amount'),
            dataIndex: 'amountFen',
            align: 'right',
            render: (v: number) => <strong>{yuanText(v)}</strong>,
          },
          { title: t('payments.payable.dueOn'), dataIndex: 'dueOn', width: 110 },
          {
            title: t('payments.payable.status'),
            dataIndex: 'status',
            render: (s: PayableDto['status']) => <PayableStatusTag status={s} />,
          },
          {
            title: t('payments.royalty.detail'),
            dataIndex: 'note',
            render: (v: string) => <span className="small">{v}</span>,
          },
        ]}
      />
      {isBuyer && (
        <Form<Values>
          form={form}
          layout="vertical"
          style={{ marginTop: 16 }}
          data-testid="royalty-form"
          initialValues={{ period: '', netSalesYuan: null, note: '' }}
        >
          <Space wrap align="start">
            <Form.Item
              label={t('payments.royalty.period')}
              name="period"
              required
              extra={t('payments.royalty.periodHint')}
              rules={[
                {
                  validator: async (_r, v: string | undefined) => {
                    const period = (v ?? '').trim();
                    if (!period) throw new Error(t('validation.required'));
                    if (!shape.period.safeParse(period).success) throw new Error(t('payments.royalty.periodInvalid'));
                    if (reported.has(period)) throw new Error(t('payments.royalty.periodTaken'));
                  },
                },
              ]}
            >
              <Input
                maxLength={7}
                placeholder="2026-Q4"
                className="mono"
                style={{ width: 160 }}
                data-testid="royalty-period"
              />
            </Form.Item>
            <Form.Item
              label={t('payments.royalty.netSales')}
              name="netSalesYuan"
              required
              extra={
                estimate !== null ? (
                  <span data-testid="royalty-estimate">
                    {t('payments.royalty.estimate', { amount: yuanText(estimate) })}
                  </span>
                ) : null
              }
              rules={[
                {
                  validator: async (_r, v: number | null | undefined) => {
                    if (v === null || v === undefined) throw new Error(t('validation.required'));
                    if (!shape.netSalesFen.safeParse(yuanToFen(v)).success)
                      throw new Error(t('payments.royalty.netSalesInvalid'));
                    if (estimateFen(yuanToFen(v), data.royaltyBp) < 1) throw new Error(t('payments.royalty.tooSmall'));
                  },
                },
              ]}
            >
              <InputNumber
                min={0}
                max={10_000_000_000}
                precision={2}
                style={{ width: 220 }}
                data-testid="royalty-net-sales"
              />
            </Form.Item>
            <Form.Item label={t('payments.royalty.note')} name="note" rules={[zodRule(shape.note, t)]}>
              <Input maxLength={500} style={{ width: 260 }} data-testid="royalty-note" />
            </Form.Item>
          </Space>
          <FailureAlert failure={failure} onClose={clear} testId="royalty-error" />
          <Button
            type="primary"
            data-testid="royalty-submit"
            loading={report.isPending}
            onClick={() => void submit().catch(() => undefined)}
            style={{ marginTop: 8 }}
          >
            {t('payments.royalty.submit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
