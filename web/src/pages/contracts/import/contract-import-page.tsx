import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Result } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { MAX_ATTACHMENT_BYTES } from '../../../api/attachments';
import { useMe } from '../../../api/auth';
import { errorText } from '../../../api/client';
import { CONTRACT_IMPORT_TEMPLATE_URL } from '../../../api/contracts';
import { useStartImport } from '../../../api/imports';
import type { ImportJobDto } from '../../../api/listing-types';
import { ImportDropzone } from '../../../components/import/import-dropzone';
import { ImportJobCard } from '../../../components/import/import-job-card';
import { RecentImportsCard } from '../../../components/import/recent-imports-card';
import { PageTitle } from '../../../components/page-title';
import '../contracts.css';
import { ContractsNav } from '../contracts-nav';
import { LinkButton } from '../../../components/link-button';

/** Rows of the file that an earlier import of the same file had stored (the job points at those contracts). */
const importedBefore = (j: ImportJobDto) => (j.report ?? []).filter((r) => r.status === 'created').length - j.created;

function JobFooter({ job }: { job: ImportJobDto }) {
  const { t } = useTranslation();
  const before = importedBefore(job);
  return (
    <>
      {before > 0 && (
        <Alert
          type="info"
          showIcon
          className="page-alert"
          title={t('contracts.import.again', { n: before })}
          data-testid="contract-import-again"
        />
      )}
      <LinkButton to="/contracts">{t('contracts.import.toList')}</LinkButton>
    </>
  );
}

/**
 * Paper contracts from CSV/XLSX through POST /api/contracts/import, which answers with a job at once: the
 * page shows the upload, then the server's progress through the rows (polled, including the tally), then
 * the per-row report. The job stays in the address (?job=), so a reload or a return finds it again.
 */
export default function ContractImportPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const [sp, setSp] = useSearchParams();
  const jobId = sp.get('job') ?? undefined;
  const [uploadPercent, setUploadPercent] = useState<number | null>(null);
  const start = useStartImport('contract', setUploadPercent);

  const upload = (file: File) => {
    if (file.size > MAX_ATTACHMENT_BYTES) return void message.error(t('catalog.form.tooLarge'));
    start.mutate(file, {
      onSuccess: (job) => {
        void message.success(t('contracts.import.started', { name: job.filename }));
        setSp({ job: job.id });
      },
      onSettled: () => setUploadPercent(null),
    });
  };

  if (!me?.orgId) {
    return (
      <div className="page">
        <PageTitle titleKey="contracts.import.title" />
        <Result status="info" title={t('contracts.entry.noOrg')} />
      </div>
    );
  }

  return (
    <div className="page">
      <PageTitle
        titleKey="contracts.import.title"
        subtitle={t('contracts.import.subtitle')}
        extra={
          <Button
            icon={<DownloadOutlined />}
            href={CONTRACT_IMPORT_TEMPLATE_URL}
            download
            data-testid="contract-import-template"
          >
            {t('contracts.import.template')}
          </Button>
        }
      />
      <ContractsNav active="import" />
      <Card className="section-card">
        <ImportDropzone
          text={t('catalog.import.dragger')}
          hint={t('contracts.import.hint')}
          disabled={start.isPending}
          onFile={upload}
          uploadPercent={uploadPercent}
        />
        {start.isError && (
          <Alert
            type="error"
            showIcon
            className="page-alert"
            title={errorText(start.error, i18n.language)}
            data-testid="contract-import-error"
          />
        )}
      </Card>
      {jobId && (
        <ImportJobCard
          id={jobId}
          titleLabel={t('contracts.list.name')}
          linkOf={(r) => (r.id ? `/contracts/${r.id}` : undefined)}
          footer={(job) => <JobFooter job={job} />}
        />
      )}
      <RecentImportsCard kind="contract" onView={(id) => setSp({ job: id })} />
    </div>
  );
}
