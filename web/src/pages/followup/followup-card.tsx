import { Button, Card, Descriptions, Empty, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FollowupPeriodDto, FollowupReportDto } from '@shared/followup';
import { useFollowupPlan } from '../../api/followup';
import { ErrorResult } from '../../components/query-state';
import { formatDate, formatDateTime } from '../../lib/format';
import { useMoney } from '../../lib/money';
import { FollowupStatusTag } from './followup-status-tag';
import { ReportModal } from './report-modal';

const periodColor: Record<FollowupPeriodDto['state'], string> = {
  reported: 'green',
  open: 'blue',
  overdue: 'red',
  upcoming: 'default',
};

/**
 * A registered contract's industrialisation follow-up on its page: the six half-yearly periods, the latest
 * cumulative figures and every report; the buyer reports the next period from here.
 */
export function FollowupCard({ contractId }: { contractId: string }) {
  const { t } = useTranslation();
  const money = useMoney();
  const [open, setOpen] = useState(false);
  const plan = useFollowupPlan(contractId, true);
  if (plan.isLoading) return <Card size="small" loading title={t('followup.card.title')} />;
  if (plan.isError) return <ErrorResult error={plan.error} onRetry={() => void plan.refetch()} />;
  const p = plan.data;
  if (!p) return null;
  const columns: TableProps<FollowupReportDto>['columns'] = [
    { title: '#', dataIndex: 'period', width: 48 },
    { title: t('followup.card.stage'), dataIndex: 'stage', render: (s: string) => t(`followup.stage.${s}`) },
    { title: t('followup.card.sales'), dataIndex: 'salesFen', render: (v: number) => money.wan(v) },
    { title: t('followup.card.jobs'), dataIndex: 'jobs', width: 90 },
    { title: t('followup.card.investment'), dataIndex: 'investmentFen', render: (v: number) => money.wan(v) },
    {
      title: t('followup.card.by'),
      key: 'at',
      render: (_: unknown, r) => (
        <span>
          {formatDateTime(r.at)} · {r.byName} {r.late && <Tag color="orange">{t('followup.card.late')}</Tag>}
        </span>
      ),
    },
  ];
  return (
    <Card
      size="small"
      data-testid="followup-card"
      title={
        <Space wrap>
          {t('followup.card.title')}
          <FollowupStatusTag status={p.status} />
        </Space>
      }
      extra={
        p.canReport && (
          <Button type="primary" size="small" data-testid="followup-report" onClick={() => setOpen(true)}>
            {t('followup.card.report', { n: p.nextPeriod })}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary" className="small">
        {t('followup.card.schedule')}
        {p.side === 'seller' && ` ${t('followup.card.sellerNote')}`}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        {p.periods.map((x) => (
          <Tag key={x.period} color={periodColor[x.state]} data-testid="followup-period" data-state={x.state}>
            {t('followup.card.period', { n: x.period })} · {t(`followup.periodState.${x.state}`)} ·{' '}
            {t('followup.card.due', { date: formatDate(x.dueAt) })}
          </Tag>
        ))}
      </Space>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('followup.card.stage')}>
          <span data-testid="followup-stage-now">{t(`followup.stage.${p.stage}`)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('followup.card.nextDue')}>
          {p.nextDueAt ? formatDate(p.nextDueAt) : t('followup.card.allDone')}
        </Descriptions.Item>
        <Descriptions.Item label={t('followup.card.sales')}>{money.wan(p.latest?.salesFen ?? 0)}</Descriptions.Item>
        <Descriptions.Item label={t('followup.card.jobs')}>{p.latest?.jobs ?? 0}</Descriptions.Item>
        <Descriptions.Item label={t('followup.card.investment')}>
          {money.wan(p.latest?.investmentFen ?? 0)}
        </Descriptions.Item>
      </Descriptions>
      <Table<FollowupReportDto>
        rowKey="period"
        size="small"
        data-testid="followup-reports"
        columns={columns}
        dataSource={p.reports}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: <Empty description={t('followup.card.none')} /> }}
      />
      {p.canReport && <ReportModal plan={p} open={open} onClose={() => setOpen(false)} />}
    </Card>
  );
}
