import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorText } from '../../../api/client';
import { IMPORT_TEMPLATE_URL, useStartImport } from '../../../api/imports';
import { MAX_ATTACHMENT_BYTES } from '../../../api/attachments';
import { ImportDropzone } from '../../../components/import/import-dropzone';
import { ImportJobCard } from '../../../components/import/import-job-card';
import { RecentImportsCard } from '../../../components/import/recent-imports-card';
import { PageTitle } from '../../../components/page-title';
import { VerificationBanner } from '../../../components/verification-banner';
import '../catalog.css';
import { LinkButton } from '../../../components/link-button';

export default function ImportPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [sp, setSp] = useSearchParams();
  const jobId = sp.get('job') ?? undefined;
  const [uploadPercent, setUploadPercent] = useState<number | null>(null);
  const start = useStartImport('achievement', setUploadPercent);

  const upload = (file: File) => {
    if (file.size > MAX_ATTACHMENT_BYTES) return void message.error(t('catalog.form.tooLarge'));
    start.mutate(file, {
      onSuccess: (job) => {
        void message.success(t('catalog.import.started', { name: job.filename }));
        setSp({ job: job.id });
      },
      onError: (err) => void message.error(errorText(err, i18n.language)),
      onSettled: () => setUploadPercent(null),
    });
  };

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
      <VerificationBanner draftsAllowed />
      <Card className="section-card">
        <ImportDropzone
          text={t('catalog.import.dragger')}
          hint={t('catalog.import.hint')}
          disabled={start.isPending}
          onFile={upload}
          uploadPercent={uploadPercent}
        />
      </Card>
      {jobId && (
        <ImportJobCard
          id={jobId}
          footer={() => <LinkButton to="/my/listings">{t('catalog.import.goMine')}</LinkButton>}
        />
      )}
      <RecentImportsCard kind="achievement" onView={(id) => setSp({ job: id })} />
    </div>
  );
}
