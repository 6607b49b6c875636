import { Col, Row, Select, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { evaluationKinds, evaluationStatuses } from '@shared/evaluation';
import { useMe } from '../../api/auth';
import { useMyEvaluations, useStaffEvaluations } from '../../api/evaluations';
import { useOrg } from '../../api/orgs';
import { PageTitle } from '../../components/page-title';
import { ErrorResult, PageSkeleton } from '../../components/query-state';
import { isReviewer } from '../../lib/roles';
import { useUrlFilters } from '../../lib/use-url-filters';
import { EvaluationTable } from './evaluation-table';
import './evaluations.css';

const FILTERS = ['tab', 'status', 'kind'] as const;
type Tab = 'requester' | 'evaluator' | 'staff';

/**
 * /evaluations: a supplier's requests and self-assessments, an evaluation agency's engagements (accept,
 * decline, complete with the report) and, for operators and admins, every evaluation in their scope.
 */
export default function EvaluationsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const org = useOrg(me?.orgId ?? undefined);
  const { filters, page, pageSize, set } = useUrlFilters(FILTERS);
  const tabs: Tab[] = [];
  if (me?.orgId && org.data?.type === 'evaluator') tabs.push('evaluator');
  else if (me?.orgId) tabs.push('requester');
  if (isReviewer(me)) tabs.push('staff');
  const tab = (tabs.includes(filters.tab as Tab) ? filters.tab : tabs[0]) as Tab | undefined;
  const params = { page, pageSize, status: filters.status, kind: filters.kind };
  const mine = useMyEvaluations({ ...params, side: tab, kind: undefined }, tab === 'requester' || tab === 'evaluator');
  const staff = useStaffEvaluations(params, tab === 'staff');
  const list = tab === 'staff' ? staff : mine;
  if ((me?.orgId && org.isPending) || (tab && list.isPending)) return <PageSkeleton />;
  if (list.isError) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <div className="page" data-testid="evaluations-page">
      <PageTitle titleKey="evaluation.page.title" subtitle={t('evaluation.page.subtitle')} />
      {tabs.length > 1 && (
        <Tabs
          activeKey={tab}
          onChange={(k) => set({ tab: k, status: undefined, kind: undefined })}
          items={tabs.map((k) => ({ key: k, label: t(`evaluation.page.${k}`) }))}
        />
      )}
      {tab === 'requester' && <p className="muted small">{t('evaluation.page.selectAchievement')}</p>}
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} md={8}>
          <Select
            allowClear
            id="evaluation-status-filter"
            aria-label={t('evaluation.page.status')}
            style={{ width: '100%' }}
            placeholder={t('evaluation.page.status')}
            value={filters.status}
            onChange={(v?: string) => set({ status: v })}
            options={evaluationStatuses.map((s) => ({ value: s, label: t(`evaluation.status.${s}`) }))}
          />
        </Col>
        {tab === 'staff' && (
          <Col xs={24} md={8}>
            <Select
              allowClear
              id="evaluation-kind-filter"
              aria-label={t('evaluation.page.kind')}
              style={{ width: '100%' }}
              placeholder={t('evaluation.page.kind')}
              value={filters.kind}
              onChange={(v?: string) => set({ kind: v })}
              options={evaluationKinds.map((k) => ({ value: k, label: t(`evaluation.kind.${k}`) }))}
            />
          </Col>
        )}
      </Row>
      {list.data && (
        <EvaluationTable
          data={list.data}
          page={page}
          pageSize={pageSize}
          refreshing={list.isPlaceholderData}
          onPage={(p, s) => set({ page: p, pageSize: s })}
        />
      )}
    </div>
  );
}
