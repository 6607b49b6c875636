import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Empty, Input, Select, Space, Table, Tag, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auditActionLabels, auditEntityLabels } from '@shared/audit-labels';
import { auditExportUrl, useAuditLog, type AuditEntryDto } from '../../api/audit';
import { useUsers } from '../../api/users';
import { PageTitle } from '../../components/page-title';
import { ErrorResult } from '../../components/query-state';
import { formatDateTime } from '../../lib/format';
import { useDebounced } from '../../lib/use-debounced';
import { useUrlFilters } from '../../lib/use-url-filters';

const FILTERS = ['actorId', 'entity', 'entityId', 'action', 'from', 'to'] as const;

/** The platform's audit log (admins): who did what to which record and when, filtered, paged and exported. */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { filters, page, pageSize, set } = useUrlFilters(FILTERS);
  const log = useAuditLog({ ...filters, page, pageSize });
  const [actorSearch, setActorSearch] = useState('');
  const actorQuery = useDebounced(actorSearch.trim(), 300);
  const actors = useUsers({ q: actorQuery || undefined, pageSize: 20 }, true);
  const label = (table: Record<string, [string, string]>, code: string) => table[code]?.[en ? 1 : 0] ?? code;
  const options = (table: Record<string, [string, string]>) =>
    Object.keys(table).map((code) => ({ value: code, label: label(table, code) }));

  const columns: TableProps<AuditEntryDto>['columns'] = [
    { title: t('audit.col.at'), dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
    {
      title: t('audit.col.actor'),
      dataIndex: 'actorName',
      render: (name: string | null, r) => (
        <Button type="link" size="small" className="audit-actor" onClick={() => set({ actorId: r.actorId })}>
          {name ?? r.actorId}
        </Button>
      ),
    },
    {
      title: t('audit.col.action'),
      dataIndex: 'action',
      render: (a: string) => <Tag color="blue">{label(auditActionLabels, a)}</Tag>,
    },
    {
      title: t('audit.col.object'),
      key: 'object',
      render: (_: unknown, r) => (
        <span>
          {label(auditEntityLabels, r.entity)}{' '}
          <Button
            type="link"
            size="small"
            className="mono"
            onClick={() => set({ entity: r.entity, entityId: r.entityId })}
          >
            {r.entityId.slice(-8)}
          </Button>
        </span>
      ),
    },
    {
      title: t('audit.col.change'),
      key: 'change',
      render: (_: unknown, r) => (
        <span>
          {(r.from || r.to) && (
            <span>
              {r.from || t('common.none')} → {r.to || t('common.none')}
            </span>
          )}
          {r.reason && <div className="muted small">{t('audit.reason', { reason: r.reason })}</div>}
        </span>
      ),
    },
    { title: 'IP', dataIndex: 'ip', responsive: ['lg'], render: (v: string | null) => v ?? '' },
  ];

  return (
    <div className="page">
      <PageTitle
        titleKey="audit.title"
        subtitle={t('audit.subtitle')}
        extra={
          <Button href={auditExportUrl(filters)} icon={<DownloadOutlined />} data-testid="audit-export" download>
            {t('audit.export')}
          </Button>
        }
      />
      <Card>
        <Space wrap className="filters" data-testid="audit-filters">
          <Select
            allowClear
            showSearch
            filterOption={false}
            className="filters__select"
            placeholder={t('audit.filter.actor')}
            aria-label={t('audit.filter.actor')}
            value={filters.actorId}
            onSearch={setActorSearch}
            onChange={(v?: string) => set({ actorId: v })}
            options={(actors.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name} · ${u.email}` }))}
            notFoundContent={actors.isFetching ? t('common.loading') : undefined}
            data-testid="audit-filter-actor"
          />
          <Select
            allowClear
            className="filters__select"
            placeholder={t('audit.filter.entity')}
            aria-label={t('audit.filter.entity')}
            value={filters.entity}
            onChange={(v?: string) => set({ entity: v, entityId: undefined })}
            options={options(auditEntityLabels)}
            data-testid="audit-filter-entity"
          />
          <Input.Search
            allowClear
            className="filters__search"
            placeholder={t('audit.filter.entityId')}
            aria-label={t('audit.filter.entityId')}
            defaultValue={filters.entityId}
            key={filters.entityId ?? ''}
            maxLength={64}
            onSearch={(v) => set({ entityId: v.trim() || undefined })}
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            className="filters__select"
            placeholder={t('audit.filter.action')}
            aria-label={t('audit.filter.action')}
            value={filters.action}
            onChange={(v?: string) => set({ action: v })}
            options={options(auditActionLabels)}
            data-testid="audit-filter-action"
          />
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            aria-label={t('audit.filter.dates')}
            value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
            onChange={(v) => set({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
          />
          {Object.keys(filters).length > 0 && (
            <Button onClick={() => set(Object.fromEntries(FILTERS.map((k) => [k, undefined])))}>
              {t('common.reset')}
            </Button>
          )}
        </Space>
        {log.isError ? (
          <ErrorResult error={log.error} onRetry={() => void log.refetch()} />
        ) : (
          <Table<AuditEntryDto>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={log.data?.items}
            loading={log.isFetching}
            data-testid="audit-table"
            locale={{ emptyText: <Empty description={t('audit.empty')} /> }}
            pagination={{
              current: page,
              pageSize,
              total: log.data?.total ?? 0,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (p, ps) => set({ page: p, pageSize: ps }),
            }}
            scroll={{ x: 820 }}
          />
        )}
      </Card>
    </div>
  );
}
