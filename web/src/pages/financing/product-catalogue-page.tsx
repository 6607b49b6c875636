import { Button, Card, Col, Empty, InputNumber, Row, Select, Space, Table, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { financeOrgTypes, instruments, type ProductDto } from '@shared/financing';
import { LIAONING } from '@shared/taxonomy';
import { useMe } from '../../api/auth';
import { useCatalogue, useFinancingMe } from '../../api/financing';
import { PageTitle } from '../../components/page-title';
import { ErrorResult } from '../../components/query-state';
import { wanToFen } from '../../lib/money';
import { useLabels } from '../../lib/use-labels';
import { useUrlFilters } from '../../lib/use-url-filters';
import { useProductText } from './financing-labels';
import './financing.css';

const FILTERS = ['instrument', 'field', 'region', 'amountWan', 'orgType'] as const;

/** The public catalogue of financing products: filters in the address, pages with their total. */
export default function ProductCataloguePage() {
  const { t } = useTranslation();
  const { data: user } = useMe();
  const me = useFinancingMe(!!user);
  const { filters, page, pageSize, set } = useUrlFilters(FILTERS);
  const labels = useLabels();
  const text = useProductText();
  const amountWan = Number(filters.amountWan);
  const catalogue = useCatalogue({
    page,
    pageSize,
    instrument: filters.instrument,
    field: filters.field,
    region: filters.region,
    orgType: filters.orgType,
    amountFen: amountWan > 0 ? wanToFen(amountWan) : undefined,
  });
  const cities = labels.tax.regions.filter((r) => r.parent === LIAONING);
  const role = me.data?.role;

  const columns: TableProps<ProductDto>['columns'] = [
    {
      title: t('financing.col.product'),
      dataIndex: 'name',
      render: (_, p) => (
        <div>
          <strong>{p.name}</strong>
          <div className="muted small">
            <Link to={`/orgs/${p.org.id}`}>{p.org.name}</Link> · {labels.orgType(p.org.type)}
          </div>
          {p.description && <div className="small">{p.description}</div>}
          {p.materials.length > 0 && (
            <div className="muted small">
              {t('financing.col.materials')}
              {text.colon}
              {p.materials.join(text.sep)}
            </div>
          )}
        </div>
      ),
    },
    {
      title: t('financing.col.instrument'),
      dataIndex: 'instrument',
      width: 100,
      render: (v: string) => text.instrument(v),
    },
    { title: t('financing.col.amount'), key: 'amount', width: 190, render: (_, p) => text.amount(p) },
    {
      title: t('financing.col.term'),
      key: 'term',
      width: 200,
      responsive: ['md'],
      render: (_, p) => (
        <div>
          {text.term(p)}
          <div className="muted small">{text.price(p)}</div>
        </div>
      ),
    },
    {
      title: t('financing.col.fields'),
      key: 'fit',
      responsive: ['lg'],
      render: (_, p) => (
        <div className="small">
          <div>{text.fields(p.fields)}</div>
          <div className="muted">
            {text.stages(p.stages)} · {text.regions(p.regions)}
          </div>
        </div>
      ),
    },
  ];

  return (
    <div className="page">
      <PageTitle
        titleKey="financing.catalogue.title"
        subtitle={t('financing.catalogue.subtitle')}
        extra={
          <Space wrap>
            {role === 'institution' && (
              <>
                <Link to="/financing/products/mine">
                  <Button>{t('financing.nav.myProducts')}</Button>
                </Link>
                <Link to="/financing/requests/matching">
                  <Button type="primary">{t('financing.nav.matching')}</Button>
                </Link>
              </>
            )}
            {role === 'requester' && (
              <Link to="/financing/requests/mine">
                <Button type="primary">{t('financing.nav.myRequests')}</Button>
              </Link>
            )}
          </Space>
        }
      />
      <Card>
        <Row gutter={[12, 12]} className="fin-filters">
          <Col xs={24} sm={12} lg={5}>
            <Select
              allowClear
              className="fin-full"
              placeholder={t('financing.catalogue.instrument')}
              value={filters.instrument}
              onChange={(v?: string) => set({ instrument: v })}
              options={instruments.map((c) => ({ value: c, label: text.instrument(c) }))}
              data-testid="filter-instrument"
            />
          </Col>
          <Col xs={24} sm={12} lg={5}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              className="fin-full"
              placeholder={t('financing.catalogue.field')}
              value={filters.field}
              onChange={(v?: string) => set({ field: v })}
              options={labels.tax.fields.map((f) => ({ value: f.code, label: labels.pick(f) }))}
            />
          </Col>
          <Col xs={24} sm={12} lg={5}>
            <Select
              allowClear
              className="fin-full"
              placeholder={t('financing.catalogue.region')}
              value={filters.region}
              onChange={(v?: string) => set({ region: v })}
              options={cities.map((r) => ({ value: r.code, label: labels.pick(r) }))}
            />
          </Col>
          <Col xs={24} sm={12} lg={4}>
            <Select
              allowClear
              className="fin-full"
              placeholder={t('financing.catalogue.orgType')}
              value={filters.orgType}
              onChange={(v?: string) => set({ orgType: v })}
              options={financeOrgTypes.map((c) => ({ value: c, label: labels.orgType(c) }))}
            />
          </Col>
          <Col xs={24} sm={12} lg={5}>
            <InputNumber
              className="fin-full"
              min={1}
              max={100_000}
              placeholder={t('financing.catalogue.amount')}
              value={amountWan > 0 ? amountWan : null}
              onChange={(v) => set({ amountWan: v ? String(v) : undefined })}
              data-testid="filter-amount"
            />
          </Col>
        </Row>
        {catalogue.isError ? (
          <ErrorResult error={catalogue.error} onRetry={() => void catalogue.refetch()} />
        ) : (
          <Table<ProductDto>
            rowKey="id"
            columns={columns}
            dataSource={catalogue.data?.items}
            loading={catalogue.isFetching}
            data-testid="product-table"
            locale={{ emptyText: <Empty description={t('financing.catalogue.empty')} /> }}
            pagination={{
              current: page,
              pageSize,
              total: catalogue.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (p, size) => set({ page: size === pageSize ? p : 1, pageSize: size }),
            }}
            scroll={{ x: 560 }}
          />
        )}
      </Card>
    </div>
  );
}
