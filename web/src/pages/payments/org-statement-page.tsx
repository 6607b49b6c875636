import { Result, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { orgStatementExportUrl, useOrgStatement } from '../../api/payments';
import { useMe } from '../../api/auth';
import { PageTitle } from '../../components/page-title';
import { ErrorResult, PageSkeleton } from '../../components/query-state';
import { DateRangeFilter, type Range } from './date-range';
import { ExportButtons } from './export-buttons';
import { ConnectCard } from './connect-card';
import { FiguresCard, orgFigureKeys } from './figures-card';
import { BalancesCard, LinesCard, PayablesCard } from './statement-parts';
import { useUrlFilters } from '../../lib/use-url-filters';

const RANGE_KEYS = ['from', 'to'] as const;

/** An organisation's statement: balances of its accounts, what it owes, its ledger lines (members and finance). */
export default function OrgStatementPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const orgId = id ?? me.data?.orgId ?? '';
  // The date range and the ledger's page are kept in the address (a reload or a shared link shows the same lines).
  const url = useUrlFilters(RANGE_KEYS);
  const range: Range = url.filters;
  const paging = { page: url.page, pageSize: url.pageSize };
  const q = useOrgStatement(orgId, { ...range, ...paging });
  if (!orgId) return <Result status="info" title={t('payments.statement.noOrg')} />;
  if (q.isLoading) return <PageSkeleton />;
  if (q.error || !q.data) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const s = q.data;
  return (
    <div className="page" data-testid="org-statement">
      <PageTitle
        titleKey="payments.statement.orgTitle"
        subtitle={s.holder.name}
        extra={
          <Space wrap>
            <DateRangeFilter
              value={range}
              testId="statement-range"
              onChange={(r) => url.set({ from: r.from, to: r.to })}
            />
            <ExportButtons
              url={(f) => orgStatementExportUrl(orgId, f, range)}
              label={t('payments.statement.export')}
              testId="statement-export"
            />
          </Space>
        }
      />
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        {me.data?.orgId === orgId && me.data.orgRole === 'org_admin' && <ConnectCard as="org" />}
        <FiguresCard figures={s.figures} keys={orgFigureKeys} testId="statement-figures" />
        <BalancesCard s={s} />
        <PayablesCard payables={s.payables} />
        <LinesCard
          s={s}
          loading={q.isFetching}
          onPage={(page, pageSize) => url.set({ page: pageSize === paging.pageSize ? page : 1, pageSize })}
        />
      </Space>
    </div>
  );
}
