import { Alert, App, Button, Card, Empty, Space, Table, Tag, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductDto } from '@shared/financing';
import { errorText } from '../../api/client';
import { useFinancingMe, useMyProducts, useProductStatus } from '../../api/financing';
import { PageTitle } from '../../components/page-title';
import { ErrorResult, PageSkeleton } from '../../components/query-state';
import { formatDate } from '../../lib/format';
import { useProductText } from './financing-labels';
import { ProductForm } from './product-form';
import './financing.css';

const statusColor = { draft: 'default', published: 'success', withdrawn: 'warning' } as const;

/** An institution's products: write, edit, publish and withdraw. */
export default function MyProductsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useFinancingMe();
  const institution = me.data?.role === 'institution';
  const products = useMyProducts(institution);
  const setStatus = useProductStatus();
  const text = useProductText();
  const [editing, setEditing] = useState<ProductDto | null | 'new'>(null);

  if (me.isLoading) return <PageSkeleton />;
  if (me.isError) return <ErrorResult error={me.error} onRetry={() => void me.refetch()} />;

  const act = (p: ProductDto, action: 'publish' | 'withdraw') =>
    setStatus.mutate({ id: p.id, action }, { onError: (err) => void message.error(errorText(err, i18n.language)) });

  const columns: TableProps<ProductDto>['columns'] = [
    {
      title: t('financing.col.product'),
      dataIndex: 'name',
      render: (_, p) => (
        <div>
          <strong>{p.name}</strong>
          <div className="muted small">
            {text.fields(p.fields)} · {text.stages(p.stages)} · {text.regions(p.regions)}
          </div>
        </div>
      ),
    },
    {
      title: t('financing.col.instrument'),
      dataIndex: 'instrument',
      width: 100,
      render: (v: string) => text.instrument(v),
    },
    {
      title: t('financing.col.amount'),
      key: 'amount',
      width: 190,
      responsive: ['md'],
      render: (_, p) => text.amount(p),
    },
    {
      title: t('financing.col.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: ProductDto['status']) => (
        <Tag color={statusColor[s]} data-testid="product-status">
          {t(`financing.productStatus.${s}`)}
        </Tag>
      ),
    },
    {
      title: t('financing.col.updatedAt'),
      dataIndex: 'updatedAt',
      width: 110,
      responsive: ['lg'],
      render: (v: string) => formatDate(v),
    },
    {
      title: t('financing.col.actions'),
      key: 'actions',
      width: 170,
      render: (_, p) => (
        <Space size={4} wrap>
          <Button size="small" onClick={() => setEditing(p)}>
            {t('financing.product.edit')}
          </Button>
          {p.status === 'published' ? (
            <Button size="small" onClick={() => act(p, 'withdraw')}>
              {t('financing.product.withdraw')}
            </Button>
          ) : (
            <Button size="small" type="primary" onClick={() => act(p, 'publish')} data-testid="product-publish">
              {t('financing.product.publish')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div className="page">
      <PageTitle
        titleKey="financing.product.title"
        subtitle={t('financing.product.subtitle')}
        extra={
          institution && (
            <Button type="primary" onClick={() => setEditing('new')} data-testid="product-new">
              {t('financing.product.new')}
            </Button>
          )
        }
      />
      {!institution ? (
        <Alert type="info" showIcon title={t('financing.product.notInstitution')} />
      ) : (
        <Card>
          <Alert
            type="info"
            className="fin-kpis"
            title={t('financing.product.allowed', {
              list: me.data!.instruments.map((c) => text.instrument(c)).join(text.sep),
            })}
          />
          {products.isError ? (
            <ErrorResult error={products.error} onRetry={() => void products.refetch()} />
          ) : (
            <Table<ProductDto>
              rowKey="id"
              columns={columns}
              dataSource={products.data}
              loading={products.isFetching}
              pagination={false}
              data-testid="my-products"
              locale={{ emptyText: <Empty description={t('financing.product.empty')} /> }}
              scroll={{ x: 560 }}
            />
          )}
        </Card>
      )}
      <ProductForm
        open={editing !== null}
        product={editing === 'new' ? null : editing}
        allowed={me.data?.instruments ?? []}
        onClose={() => setEditing(null)}
      />
    </div>
  );
}
