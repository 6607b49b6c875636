import { DatePicker, Input, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { contractStatuses } from '@shared/contract-schemas';
import { contractCategories, liaoningRegionCodes, technicalFields } from '@shared/taxonomy';
import { useMe } from '../../api/auth';
import { useContracts, type ContractListQuery, type ContractRowDto } from '../../api/contracts';
import { ErrorResult } from '../../components/query-state';
import { PageTitle } from '../../components/page-title';
import { useMoney } from '../../lib/money';
import { isOfficial } from '../../lib/roles';
import { useUrlFilters } from '../../lib/use-url-filters';
import { ContractStatusTag } from './contract-status-tag';
import './contracts.css';
import { ContractsNav } from './contracts-nav';
import { labels } from './labels';

const FILTERS = ['status', 'category', 'fieldCode', 'sellerRegion', 'buyerRegion', 'from', 'to', 'q'] as const;
/** What officials see of a contract: the states from signing on (never a draft). */
const OFFICIAL_STATUSES = ['signed', 'filed', 'registered', 'rejected'];

/**
 * My organisation's contracts; for officials, their region's. Every filter (the dashboard's drill-downs
 * too) is kept in the address, and the list says how many contracts match and their total amount.
 */
export default function ContractListPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const money = useMoney();
  const { data: me } = useMe();
  const official = isOfficial(me);
  const { filters, page, pageSize, set } = useUrlFilters(FILTERS);
  const q: ContractListQuery = { ...filters, page, pageSize };
  const { data, error, isFetching, isPlaceholderData, refetch } = useContracts(q);
  if (error && !data) return <ErrorResult error={error} onRetry={() => void refetch()} />;
  const select = (key: (typeof FILTERS)[number], options: Array<{ value: string; label: string }>, width = 150) => (
    <Select
      allowClear
      showSearch={options.length > 8}
      optionFilterProp="label"
      aria-label={t(`contracts.list.filter.${key}`)}
      placeholder={t(`contracts.list.filter.${key}`)}
      data-testid={`contract-filter-${key}`}
      style={{ width }}
      value={filters[key]}
      onChange={(v?: string) => set({ [key]: v })}
      options={options}
    />
  );
  const regionOptions = liaoningRegionCodes.map((c) => ({ value: c, label: labels.region(c, lang) }));
  const month = (v?: string) => (v ? dayjs(`${v}-01`) : null);
  return (
    <div className="page">
      <PageTitle titleKey="contracts.list.title" />
      <ContractsNav active="list" />
      <Space wrap className="list-filters" data-testid="contract-filters">
        <Input.Search
          allowClear
          key={filters.q ?? ''}
          defaultValue={filters.q}
          aria-label={t('contracts.list.filter.q')}
          placeholder={t('contracts.list.filter.q')}
          style={{ width: 240 }}
          onSearch={(v) => set({ q: v.trim() || undefined })}
        />
        {select(
          'status',
          (official ? OFFICIAL_STATUSES : contractStatuses).map((s) => ({
            value: s,
            label: t(`contracts.status.${s}`),
          })),
        )}
        {select(
          'category',
          contractCategories.map((c) => ({ value: c.code, label: labels.category(c.code, lang) })),
        )}
        {select(
          'fieldCode',
          technicalFields.map((f) => ({ value: f.code, label: labels.field(f.code, lang) })),
          180,
        )}
        {select('sellerRegion', regionOptions)}
        {select('buyerRegion', regionOptions)}
        <span data-testid="contract-filter-period">
          <DatePicker.RangePicker
            picker="month"
            allowEmpty={[true, true]}
            aria-label={t('contracts.list.filter.period')}
            value={[month(filters.from), month(filters.to)]}
            onChange={(v) => set({ from: v?.[0]?.format('YYYY-MM'), to: v?.[1]?.format('YYYY-MM') })}
          />
        </span>
      </Space>
      <Typography.Paragraph className="list-total" data-testid="contract-total">
        {data
          ? t('contracts.list.total', { count: data.total, amount: money.wan(data.sumAmountFen) })
          : t('common.loading')}
      </Typography.Paragraph>
      <Table<ContractRowDto>
        rowKey="id"
        className="contract-table"
        data-testid="contract-table"
        data-state={isFetching ? 'loading' : 'ready'}
        loading={isFetching && (isPlaceholderData || !data)}
        dataSource={data?.items}
        locale={{ emptyText: t('contracts.list.empty') }}
        scroll={{ x: 1080 }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total,
          showSizeChanger: false,
          showTotal: (n) => t('common.total', { count: n }),
          onChange: (p) => set({ page: p }),
        }}
        columns={[
          {
            title: t('contracts.list.contractNo'),
            dataIndex: 'contractNo',
            className: 'nowrap',
            render: (v: string, r) => <Link to={`/contracts/${r.id}`}>{v}</Link>,
          },
          // The whole title: a clerk tells contracts apart by it (no cutting to a few characters).
          { title: t('contracts.list.name'), dataIndex: 'title', className: 'contract-table__title' },
          {
            title: t('contracts.detail.category'),
            dataIndex: 'category',
            className: 'nowrap',
            render: (v: string) => labels.category(v, lang),
          },
          {
            title: t('contracts.list.parties'),
            className: 'contract-table__parties',
            render: (_: unknown, r) => (
              <>
                <div>
                  {r.sellerName}
                  <span className="muted">{t('common.paren', { v: labels.region(r.sellerRegion, lang) })}</span>
                </div>
                <div>
                  → {r.buyerName}
                  <span className="muted">{t('common.paren', { v: labels.region(r.buyerRegion, lang) })}</span>
                </div>
              </>
            ),
          },
          {
            title: t('contracts.list.amount'),
            dataIndex: 'amountFen',
            align: 'right',
            className: 'nowrap',
            render: (v: number) => money.wan(v),
          },
          { title: t('contracts.list.signedOn'), dataIndex: 'signedOn', className: 'nowrap' },
          {
            title: t('contracts.list.status'),
            dataIndex: 'status',
            className: 'nowrap',
            render: (v: string) => <ContractStatusTag status={v} />,
          },
        ]}
      />
    </div>
  );
}
