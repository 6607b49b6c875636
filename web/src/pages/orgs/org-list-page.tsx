import { Card, Empty, Table, Tag, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { OrgPublicDto, VerificationStatus } from '@shared/dto';
import { orgTypeCodes, type OrgType } from '@shared/taxonomy';
import { useMe } from '../../api/auth';
import { useOrgs, type OrgListParams } from '../../api/orgs';
import { PageTitle } from '../../components/page-title';
import { ErrorResult } from '../../components/query-state';
import { VerificationTag } from '../../components/status-tag';
import { formatDate } from '../../lib/format';
import { isReviewer } from '../../lib/roles';
import { useLabels } from '../../lib/use-labels';
import { OrgFilters } from './org-filters';

const PAGE_SIZES = [10, 20, 50];
const statuses: VerificationStatus[] = ['pending', 'verified', 'rejected'];

/** The list state lives in the URL so searches from the home page and shared links reproduce it. */
function readParams(sp: URLSearchParams): OrgListParams {
  const num = (k: string, d: number) => Math.max(1, Number.parseInt(sp.get(k) ?? '', 10) || d);
  const type = sp.get('type') as OrgType | null;
  const status = sp.get('status') as VerificationStatus | null;
  return {
    page: num('page', 1),
    pageSize: Math.min(num('pageSize', 20), 100),
    q: sp.get('q')?.slice(0, 60) || undefined,
    type: type && orgTypeCodes.includes(type) ? type : undefined,
    regionCode: sp.get('regionCode') || undefined,
    status: status && statuses.includes(status) ? status : undefined,
  };
}

function writeParams(p: OrgListParams): URLSearchParams {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) {
    if (v === undefined || v === '' || (k === 'page' && v === 1) || (k === 'pageSize' && v === 20)) continue;
    sp.set(k, String(v));
  }
  return sp;
}

export default function OrgListPage() {
  const { t } = useTranslation();
  const [sp, setSp] = useSearchParams();
  const { data: me } = useMe();
  const reviewer = isReviewer(me);
  const params = readParams(sp);
  if (!reviewer) delete params.status;
  const orgs = useOrgs(params);
  const { orgType, region, submarket, tag } = useLabels();
  const setParams = (next: OrgListParams) => setSp(writeParams(next));

  const columns: TableProps<OrgPublicDto>['columns'] = [
    {
      title: t('orgs.col.name'),
      dataIndex: 'name',
      render: (_, o) => (
        <div>
          <Link to={`/orgs/${o.id}`} className="org-name-link">
            {o.name}
          </Link>
          {o.nameEn && <div className="muted small">{o.nameEn}</div>}
        </div>
      ),
    },
    { title: t('orgs.col.type'), dataIndex: 'type', width: 150, render: (v: string) => orgType(v) },
    {
      title: t('orgs.col.region'),
      dataIndex: 'regionCode',
      width: 120,
      render: (v: string) => region(v),
      responsive: ['md'],
    },
    {
      title: t('orgs.col.submarket'),
      dataIndex: 'submarketCode',
      width: 160,
      render: (v: string) => submarket(v),
      responsive: ['lg'],
    },
    {
      title: t('orgs.col.tags'),
      dataIndex: 'tags',
      responsive: ['xl'],
      render: (tags: string[]) => tags.map((c) => <Tag key={c}>{tag(c)}</Tag>),
    },
    ...(reviewer
      ? [
          {
            title: t('orgs.col.status'),
            dataIndex: 'verificationStatus',
            width: 110,
            render: (s: VerificationStatus) => <VerificationTag status={s} />,
          },
        ]
      : []),
    {
      title: t('orgs.col.createdAt'),
      dataIndex: 'createdAt',
      width: 120,
      render: (v: string) => formatDate(v),
      responsive: ['md'],
    },
  ];

  return (
    <div className="page">
      <PageTitle titleKey="orgs.title" subtitle={t('orgs.listSubtitle')} />
      <Card>
        <OrgFilters value={params} onChange={setParams} showStatus={reviewer} />
        {orgs.isError ? (
          <ErrorResult error={orgs.error} onRetry={() => void orgs.refetch()} />
        ) : (
          <Table<OrgPublicDto>
            rowKey="id"
            columns={columns}
            dataSource={orgs.data?.items}
            loading={orgs.isFetching}
            data-testid="org-table"
            locale={{ emptyText: <Empty description={t('orgs.empty')} /> }}
            pagination={{
              current: params.page,
              pageSize: params.pageSize,
              total: orgs.data?.total ?? 0,
              pageSizeOptions: PAGE_SIZES,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (page, pageSize) =>
                setParams({ ...params, page: pageSize === params.pageSize ? page : 1, pageSize }),
            }}
            scroll={{ x: 640 }}
          />
        )}
      </Card>
    </div>
  );
}
