import { Alert, Button, Card, Empty, Space, Table, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { InterestDto, RequestDto } from '@shared/financing';
import { useFinancingMe, useMatching } from '../../api/financing';
import { PageTitle } from '../../components/page-title';
import { ErrorResult, PageSkeleton } from '../../components/query-state';
import { useMoney } from '../../lib/money';
import { useLabels } from '../../lib/use-labels';
import { useUrlFilters } from '../../lib/use-url-filters';
import { InterestStatusTag, MatchReasons, RequestStatusTag } from './financing-labels';
import { ExpressInterestModal, OutcomeModal } from './interest-modals';
import { ConfidentialBlock } from './request-details';
import './financing.css';
import { TiedEvaluation } from '../evaluations/tied-evaluation';

const NO_FILTERS: readonly string[] = [];

/** An institution's view: open requests its products fit (best first), its interest and outcomes. */
export default function MatchingRequestsPage() {
  const { t } = useTranslation();
  const me = useFinancingMe();
  const { page, set } = useUrlFilters(NO_FILTERS);
  const institution = me.data?.role === 'institution';
  const matching = useMatching(page, institution);
  const money = useMoney();
  const labels = useLabels();
  const [expressing, setExpressing] = useState<RequestDto | null>(null);
  const [recording, setRecording] = useState<InterestDto | null>(null);

  if (me.isLoading) return <PageSkeleton />;
  if (me.isError) return <ErrorResult error={me.error} onRetry={() => void me.refetch()} />;

  const columns: TableProps<RequestDto>['columns'] = [
    {
      title: t('financing.col.request'),
      dataIndex: 'title',
      render: (_, r) => (
        <div className="fin-request-cell">
          <strong>{r.title}</strong> <RequestStatusTag status={r.status} />
          <div className="muted small">
            {r.org.name} · {labels.region(r.regionCode)} · {labels.field(r.fieldCode)} · {labels.stage(r.stage)}
          </div>
          {r.summary && <div className="small">{r.summary}</div>}
          {r.tie?.kind === 'achievement' && <TiedEvaluation achievementId={r.tie.id} />}
          <ConfidentialBlock r={r} />
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
      title: t('financing.col.fit'),
      key: 'fit',
      width: 260,
      responsive: ['md'],
      render: (_, r) =>
        r.fit ? (
          <div>
            <div className="small">{r.fit.product.name}</div>
            <MatchReasons reasons={r.fit.reasons} fieldCode={r.fieldCode} stage={r.stage} regionCode={r.regionCode} />
          </div>
        ) : null,
    },
    {
      title: t('financing.col.interest'),
      key: 'interest',
      width: 200,
      render: (_, r) => {
        const i = r.myInterest;
        if (!i)
          return r.status === 'closed' ? null : (
            <Button size="small" type="primary" onClick={() => setExpressing(r)} data-testid="interest-express">
              {t('financing.matching.express')}
            </Button>
          );
        return (
          <Space orientation="vertical" size={4}>
            <InterestStatusTag status={i.status} />
            {i.outcome?.amountFen ? <span className="small">{money.wan(i.outcome.amountFen)}</span> : null}
            {(i.status === 'accepted' || i.status === 'term_sheet') && (
              <Button size="small" onClick={() => setRecording(i)} data-testid="outcome-record">
                {t('financing.matching.recordOutcome')}
              </Button>
            )}
            {i.negotiationId && <Link to={`/negotiations/${i.negotiationId}`}>{t('financing.request.room')}</Link>}
          </Space>
        );
      },
    },
  ];

  return (
    <div className="page">
      <PageTitle titleKey="financing.matching.title" subtitle={t('financing.matching.subtitle')} />
      {!institution ? (
        <Alert type="info" showIcon title={t('financing.product.notInstitution')} />
      ) : (
        <Card>
          {matching.isError ? (
            <ErrorResult error={matching.error} onRetry={() => void matching.refetch()} />
          ) : (
            <Table<RequestDto>
              rowKey="id"
              columns={columns}
              dataSource={matching.data?.items}
              loading={matching.isFetching}
              data-testid="matching-requests"
              locale={{
                emptyText: (
                  <Empty description={t('financing.matching.empty')}>
                    <Link to="/financing/products/mine">{t('financing.nav.myProducts')}</Link>
                  </Empty>
                ),
              }}
              pagination={{
                current: page,
                pageSize: 20,
                total: matching.data?.total ?? 0,
                showTotal: (total) => t('common.total', { count: total }),
                onChange: (p) => set({ page: p }),
              }}
              scroll={{ x: 560 }}
            />
          )}
        </Card>
      )}
      <ExpressInterestModal request={expressing} onClose={() => setExpressing(null)} />
      <OutcomeModal interest={recording} onClose={() => setRecording(null)} />
    </div>
  );
}
