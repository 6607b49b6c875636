import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { MAX_ATTACHMENT_BYTES } from '../../../api/attachments';
import { errorText } from '../../../api/client';
import { HISTORIC_IMPORT_TEMPLATE_URL } from '../../../api/contracts';
import { useStartImport } from '../../../api/imports';
import { ImportDropzone } from '../../../components/import/import-dropzone';
import { ImportJobCard } from '../../../components/import/import-job-card';
import { RecentImportsCard } from '../../../components/import/recent-imports-card';
import { PageTitle } from '../../../components/page-title';
import '../contracts.css';

/**
 * The staff-only record of historic contracts (POST /api/contracts/historic-import): officials and operators
 * upload rows naming both parties, within their scope. Apart from the members' import on purpose: these
 * contracts belong to no organisation, so nobody's list, statement or payment plan changes; they count in
 * the statistics and every one is audited. Same job card and report as the other imports (?job= in the address).
 */
export default function HistoricImportPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [sp, setSp] = useSearchParams();
  const jobId = sp.get('job') ?? undefined;
  const [uploadPercent, setUploadPercent] = useState<number | null>(null);
  const start = useStartImport('contract_historic', setUploadPercent);

  const upload = (file: File) => {
    if (file.size > MAX_ATTACHMENT_BYTES) return void message.error(t('catalog.form.tooLarge'));
    start.mutate(file, {
      onSuccess: (job) => {
        void message.success(t('contracts.historic.started', { name: job.filename }));
        setSp({ job: job.id });
      },
      onSettled: () => setUploadPercent(null),
    });
  };

  return (
    <div className="page">
      <PageTitle
        titleKey="contracts.historic.title"
        subtitle={t('contracts.historic.subtitle')}
        extra={
          <Button
            icon={<DownloadOutlined />}
            href={HISTORIC_IMPORT_TEMPLATE_URL}
            download
            data-testid="historic-import-template"
          >
            {t('contracts.historic.template')}
          </Button>
        }
      />
      <Card className="section-card">
        <ImportDropzone
          text={t('catalog.import.dragger')}
          hint={t('contracts.historic.hint')}
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
            data-testid="historic-import-error"
          />
        )}
      </Card>
      {jobId && <ImportJobCard id={jobId} titleLabel={t('contracts.list.name')} linkOf={() => undefined} />}
      <RecentImportsCard kind="contract_historic" onView={(id) => setSp({ job: id })} />
    </div>
  );
}
