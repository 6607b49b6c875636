import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Progress, Table, Tag, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorText } from '../../../api/client';
import { IMPORT_TEMPLATE_URL, isImportActive, useImportJob, useImportJobs, useStartImport } from '../../../api/imports';
import type { ImportJobDto, ImportStatus } from '../../../api/listing-types';
import { MAX_ATTACHMENT_BYTES } from '../../../api/attachments';
import { ImportDropzone } from '../../../components/import/import-dropzone';
import { ImportReportTable } from '../../../components/import/import-report-table';
import { PageTitle } from '../../../components/page-title';
import { ErrorResult, PageSkeleton } from '../../../components/query-state';
import { formatDateTime } from '../../../lib/format';
import '../catalog.css';

const counts = ({ total, processed, created, failed }: ImportJobDto) => ({ total, processed, created, failed });

const statusColor: Record<ImportStatus, string> = {
  queued: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
};

function ImportStatusTag({ status }: { status: ImportStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColor[status]} data-testid="import-status" data-status={status}>
      {t(`catalog.import.status.${status}`)}
    </Tag>
  );
}

/** Progress (polled while it runs) and, when done, the per-row report of one job. */
function ImportJobCard({ id }: { id: string }) {
  const { t } = useTranslation();
  const job = useImportJob(id);
  if (job.isPending) return <PageSkeleton />;
  if (job.isError) return <ErrorResult error={job.error} onRetry={() => void job.refetch()} />;
  const j = job.data;
  const percent = j.total ? Math.round((j.processed / j.total) * 100) : j.status === 'done' ? 100 : 0;
  return (
    <Card
      title={j.filename}
      extra={<ImportStatusTag status={j.status} />}
      className="section-card"
      data-testid="import-job"
    >
      <Progress
        percent={percent}
        status={j.status === 'failed' ? 'exception' : isImportActive(j) ? 'active' : j.failed ? 'normal' : 'success'}
        data-testid="import-progress"
      />
      <p data-testid="import-counts">{t('catalog.import.counts', counts(j))}</p>
      {j.error && <Alert type="error" showIcon className="page-alert" title={j.error} />}
      {j.status === 'done' && (
        <>
          <ImportReportTable report={j.report ?? []} />
          <Link to="/my/listings">
            <Button>{t('catalog.import.goMine')}</Button>
          </Link>
        </>
      )}
    </Card>
  );
}

export default function ImportPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [sp, setSp] = useSearchParams();
  const jobId = sp.get('job') ?? undefined;
  const start = useStartImport();
  const jobs = useImportJobs();
  const [page, setPage] = useState(1);

  const upload = (file: File) => {
    if (file.size > MAX_ATTACHMENT_BYTES) return void message.error(t('catalog.form.tooLarge'));
    start.mutate(file, {
      onSuccess: (job) => {
        void message.success(t('catalog.import.started', { name: job.filename }));
        setSp({ job: job.id });
      },
      onError: (err) => void message.error(errorText(err, i18n.language)),
    });
  };

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
      render: (_: unknown, j) => t('catalog.import.counts', counts(j)),
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
        <Button size="small" type="link" onClick={() => setSp({ job: j.id })}>
          {t('catalog.import.view')}
        </Button>
      ),
    },
  ];

  return (
    <div className="page">
      <PageTitle
        titleKey="catalog.import.title"
        subtitle={t('catalog.import.subtitle')}
        extra={
          <Button icon={<DownloadOutlined />} href={IMPORT_TEMPLATE_URL} download data-testid="import-template">
            {t('catalog.import.template')}
          </Button>
        }
      />
      <Card className="section-card">
        <ImportDropzone text={t('catalog.import.dragger')} hint={t('catalog.import.hint')} disabled={start.isPending} onFile={upload} />
      </Card>
      {jobId && <ImportJobCard id={jobId} />}
      <Card title={t('catalog.import.recent')} className="section-card">
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
    </div>
  );
}
