import { Button, Card, Empty, Table, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useImportJobs } from '../../api/imports';
import type { ImportJobDto, ImportKind, ImportStatus } from '../../api/listing-types';
import { formatDateTime } from '../../lib/format';
import { ErrorResult } from '../query-state';
import { importCounts, ImportStatusTag } from './import-job-card';

/** The organisation's recent imports of one kind, each opening its job (progress or report). */
export function RecentImportsCard({ kind, onView }: { kind: ImportKind; onView: (id: string) => void }) {
  const { t } = useTranslation();
  const jobs = useImportJobs(kind);
  const [page, setPage] = useState(1);
  const columns: TableProps<ImportJobDto>['columns'] = [
    { title: t('catalog.import.col.filename'), dataIndex: 'filename' },
    {
      title: t('catalog.import.col.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: ImportStatus) => <ImportStatusTag status={s} />,
    },
    {
      title: t('catalog.import.col.result'),
      key: 'result',
      width: 260,
      render: (_: unknown, j) => t('catalog.import.counts', importCounts(j)),
    },
    {
      title: t('catalog.import.col.createdAt'),
      dataIndex: 'createdAt',
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: '',
      key: 'view',
      width: 110,
      render: (_: unknown, j) => (
        <Button size="small" type="link" onClick={() => onView(j.id)}>
          {t('catalog.import.view')}
        </Button>
      ),
    },
  ];
  return (
    <Card title={t('catalog.import.recent')} className="section-card" data-testid="recent-imports">
      {jobs.isError ? (
        <ErrorResult error={jobs.error} onRetry={() => void jobs.refetch()} />
      ) : (
        <Table<ImportJobDto>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={jobs.data}
          loading={jobs.isFetching}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('catalog.import.recentEmpty')} />,
          }}
          pagination={{ current: page, pageSize: 10, onChange: setPage, hideOnSinglePage: true }}
          scroll={{ x: 720 }}
        />
      )}
    </Card>
  );
}
