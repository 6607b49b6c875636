import { Alert, Card, Progress, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isImportActive, useImportJob } from '../../api/imports';
import type { ImportJobDto, ImportStatus } from '../../api/listing-types';
import { ErrorResult, PageSkeleton } from '../query-state';
import { ImportReportTable, type ImportRowReport } from './import-report-table';

export const importCounts = ({ total, processed, created, failed }: ImportJobDto) => ({
  total,
  processed,
  created,
  failed,
});

const statusColor: Record<ImportStatus, string> = {
  queued: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
};

export function ImportStatusTag({ status }: { status: ImportStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColor[status]} data-testid="import-status" data-status={status}>
      {t(`catalog.import.status.${status}`)}
    </Tag>
  );
}

interface Props {
  id: string;
  /** Heading of the report's title column (an achievement, a contract). */
  titleLabel?: string;
  /** Where a created row's title links to. */
  linkOf?: (row: ImportRowReport) => string | undefined;
  /** Shown under the report once the job is done (notes, a link onwards). */
  footer?: (job: ImportJobDto) => ReactNode;
}

/**
 * One import job: the server's progress (rows processed of the file's total, polled while it runs), then
 * the per-row report. Shared by the achievement and the contract import pages.
 */
export function ImportJobCard({ id, titleLabel, linkOf, footer }: Props) {
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
        aria-label={j.filename}
        percent={percent}
        status={j.status === 'failed' ? 'exception' : isImportActive(j) ? 'active' : j.failed ? 'normal' : 'success'}
        data-testid="import-progress"
      />
      <p data-testid="import-counts">{t('catalog.import.counts', importCounts(j))}</p>
      {j.error && <Alert type="error" showIcon className="page-alert" title={j.error} data-testid="import-error" />}
      {j.status === 'done' && (
        <>
          <ImportReportTable report={j.report ?? []} titleLabel={titleLabel} linkOf={linkOf} />
          {footer?.(j)}
        </>
      )}
    </Card>
  );
}
