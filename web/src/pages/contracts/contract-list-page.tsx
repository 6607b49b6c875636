import { Input, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useContracts, type ContractListQuery, type ContractRowDto } from '../../api/contracts';
import { ErrorResult } from '../../components/query-state';
import { PageTitle } from '../../components/page-title';
import { wanText } from '../../lib/money';
import { ContractStatusTag } from './contract-status-tag';
import './contracts.css';
import { ContractsNav } from './contracts-nav';
import { labels } from './labels';

const FILTERS = ['status', 'category', 'fieldCode', 'sellerRegion', 'buyerRegion', 'from', 'to', 'q'] as const;

/** My organisation's contracts; for officials, their region's — with the dashboard's drill-down filters in the URL. */
export default function ContractListPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q: ContractListQuery = { page: Number(params.get('page') ?? 1), pageSize: 20 };
  for (const f of FILTERS) if (params.get(f)) q[f] = params.get(f)!;
  const { data, error, isLoading, refetch } = useContracts(q);
  if (error) return <ErrorResult error={error} onRetry={() => void refetch()} />;
  const lang = i18n.language;
  return (
    <div className="page">
      <PageTitle titleKey="contracts.list.title" />
      <ContractsNav active="list" />
      <Input.Search
        allowClear
        defaultValue={q.q}
        style={{ maxWidth: 360, marginBottom: 16 }}
        onSearch={(v) => {
          const next = new URLSearchParams(params);
          if (v) next.set('q', v);
          else next.delete('q');
          next.delete('page');
          setParams(next);
        }}
      />
      <Table<ContractRowDto>
        rowKey="id"
        data-testid="contract-table"
        loading={isLoading}
        dataSource={data?.items}
        locale={{ emptyText: t('contracts.list.empty') }}
        pagination={{
          current: q.page,
          pageSize: 20,
          total: data?.total,
          onChange: (page) => setParams((p) => (p.set('page', String(page)), p)),
        }}
        columns={[
          {
            title: t('contracts.list.contractNo'),
            dataIndex: 'contractNo',
            render: (v: string, r) => <Link to={`/contracts/${r.id}`}>{v}</Link>,
          },
          { title: t('contracts.list.name'), dataIndex: 'title', ellipsis: true },
          {
            title: t('contracts.detail.category'),
            dataIndex: 'category',
            render: (v: string) => labels.category(v, lang),
          },
          {
            title: t('contracts.list.parties'),
            render: (_: unknown, r) =>
              `${r.sellerName}（${labels.region(r.sellerRegion, lang)}） → ${r.buyerName}（${labels.region(r.buyerRegion, lang)}）`,
          },
          {
            title: t('contracts.list.amount'),
            dataIndex: 'amountFen',
            align: 'right',
            render: (v: number) => wanText(v),
          },
          { title: t('contracts.list.signedOn'), dataIndex: 'signedOn' },
          {
            title: t('contracts.list.status'),
            dataIndex: 'status',
            render: (v: string) => <ContractStatusTag status={v} />,
          },
        ]}
      />
    </div>
  );
}
