import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Result, Select, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMe } from '../../../api/auth';
import { EXPORT_URL } from '../../../api/imports';
import { listingStatuses, type ListingCard, type ListingKind, type ListingStatus } from '../../../api/listing-types';
import { useListings } from '../../../api/listings';
import { PageTitle } from '../../../components/page-title';
import { ErrorResult } from '../../../components/query-state';
import { useLabels } from '../../../lib/use-labels';
import '../catalog.css';
import { PAGE_SIZES, readListParams } from '../browse/list-params';
import { KindSwitch, readKind } from './kind-switch';
import { listingColumns } from './listing-columns';
import { LinkButton } from '../../../components/link-button';

/** The organisation's own achievements and needs in every state ("scope=mine"), with export and import. */
export default function MyListingsPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { data: me } = useMe();
  const [sp, setSp] = useSearchParams();
  const kind = readKind(sp);
  const { page, pageSize, status } = readListParams(sp, kind);
  const list = useListings(
    kind,
    { scope: 'mine', page, pageSize: pageSize ?? 20, status, sort: 'updated' },
    !!me?.orgId,
  );
  const set = (patch: { kind?: ListingKind; page?: number; pageSize?: number; status?: ListingStatus }) => {
    const next = { kind, page: 1, pageSize, status, ...patch };
    const out = new URLSearchParams();
    if (next.kind === 'need') out.set('kind', 'need');
    if (next.status) out.set('status', next.status);
    if (next.page && next.page > 1) out.set('page', String(next.page));
    if (next.pageSize && next.pageSize !== 12) out.set('pageSize', String(next.pageSize));
    setSp(out);
  };

  if (!me?.orgId) {
    return (
      <div className="page">
        <Result
          status="info"
          title={t('catalog.mine.noOrg')}
          extra={
            <LinkButton to="/orgs/new" type="primary">
              {t('catalog.mine.createOrg')}
            </LinkButton>
          }
        />
      </div>
    );
  }

  return (
    <div className="page">
      <PageTitle
        titleKey="catalog.mine.title"
        subtitle={t('catalog.mine.subtitle')}
        extra={
          <Space wrap>
            <LinkButton
              to="/achievements/new"
              type="primary"
              icon={<PlusOutlined />}
              data-testid="mine-new-achievement"
            >
              {t('catalog.list.newAchievement')}
            </LinkButton>
            <LinkButton to="/needs/new" icon={<PlusOutlined />} data-testid="mine-new-need">
              {t('catalog.list.newNeed')}
            </LinkButton>
          </Space>
        }
      />
      <Card>
        <Space wrap className="filters">
          <KindSwitch value={kind} onChange={(k) => set({ kind: k, status: undefined })} />
          <Select
            allowClear
            aria-label={t('catalog.mine.filterStatus')}
            placeholder={t('catalog.mine.filterStatus')}
            value={status}
            onChange={(s) => set({ status: s })}
            options={listingStatuses.map((s) => ({ value: s, label: t(`catalog.status.${s}`) }))}
            className="filters__select"
            data-testid="filter-status"
          />
          {kind === 'achievement' && (
            <>
              <Button icon={<DownloadOutlined />} href={EXPORT_URL} download data-testid="mine-export">
                {t('catalog.mine.export')}
              </Button>
              <LinkButton to="/achievements/import" icon={<UploadOutlined />}>
                {t('catalog.mine.import')}
              </LinkButton>
            </>
          )}
        </Space>
        {list.isError ? (
          <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<ListingCard>
            rowKey="id"
            columns={listingColumns(kind, t, labels)}
            dataSource={list.data?.items}
            loading={list.isFetching}
            data-testid="mine-table"
            locale={{ emptyText: <Empty description={t('catalog.mine.empty')} /> }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              pageSizeOptions: PAGE_SIZES,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (p, size) => set({ page: size === pageSize ? p : 1, pageSize: size }),
            }}
            scroll={{ x: 720 }}
          />
        )}
      </Card>
    </div>
  );
}
