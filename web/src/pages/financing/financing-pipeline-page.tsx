import { Card, Col, Empty, Row, Statistic, Table, Tag, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PipelineDto } from '@shared/financing';
import { usePipeline } from '../../api/financing';
import { PageTitle } from '../../components/page-title';
import { ErrorResult, PageSkeleton } from '../../components/query-state';
import { formatDate } from '../../lib/format';
import { useMoney } from '../../lib/money';
import { RequestStatusTag } from './financing-labels';
import './financing.css';

type Recent = PipelineDto['recent'][number];

/** Operators: requests and interests by state in their sub-markets, and the latest requests (metadata only). */
export default function FinancingPipelinePage() {
  const { t } = useTranslation();
  const money = useMoney();
  const pipeline = usePipeline();
  if (pipeline.isLoading) return <PageSkeleton />;
  if (pipeline.isError) return <ErrorResult error={pipeline.error} onRetry={() => void pipeline.refetch()} />;
  const p = pipeline.data!;

  const columns: TableProps<Recent>['columns'] = [
    {
      title: t('financing.col.request'),
      dataIndex: 'title',
      render: (_, r) => (
        <div className="fin-request-cell">
          <strong>{r.title}</strong>
          <div className="muted small">{r.org.name}</div>
        </div>
      ),
    },
    {
      title: t('financing.col.requestAmount'),
      dataIndex: 'amountFen',
      width: 120,
      render: (v: number) => money.wan(v),
    },
    {
      title: t('financing.col.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: Recent['status']) => <RequestStatusTag status={s} />,
    },
    { title: t('financing.col.interests'), dataIndex: 'interests', width: 80, responsive: ['md'] },
    {
      title: t('financing.col.updatedAt'),
      dataIndex: 'updatedAt',
      width: 110,
      responsive: ['md'],
      render: (v: string) => formatDate(v),
    },
  ];

  return (
    <div className="page" data-testid="financing-pipeline">
      <PageTitle titleKey="financing.pipeline.title" subtitle={t('financing.pipeline.subtitle')} />
      <Row gutter={[12, 12]} className="fin-kpis">
        {p.requests.map((r) => (
          <Col xs={12} md={6} key={r.status}>
            <Card size="small">
              <Statistic title={t(`financing.requestStatus.${r.status}`)} value={r.count} />
              <div className="muted small">{money.wan(r.amountFen)}</div>
            </Card>
          </Col>
        ))}
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('financing.pipeline.signed')} value={p.signed.count} />
            <div className="muted small">{money.wan(p.signed.amountFen)}</div>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('financing.pipeline.products')} value={p.products.published} />
            <div className="muted small">
              {t('financing.pipeline.institutions')} {p.products.institutions}
            </div>
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('financing.pipeline.interests')} className="fin-kpis">
        {p.interests.map((i) => (
          <Tag key={i.status}>
            {t(`financing.interestStatus.${i.status}`)} {i.count}
          </Tag>
        ))}
      </Card>
      <Card title={t('financing.pipeline.recent')}>
        <Table<Recent>
          rowKey="id"
          columns={columns}
          dataSource={p.recent}
          pagination={false}
          locale={{ emptyText: <Empty /> }}
          scroll={{ x: 480 }}
        />
      </Card>
    </div>
  );
}
