import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Progress, Result, Statistic, Row, Col } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MAX_ATTACHMENT_BYTES } from '../../../api/attachments';
import { useMe } from '../../../api/auth';
import { errorText } from '../../../api/client';
import { CONTRACT_IMPORT_TEMPLATE_URL, useImportContracts, type ContractImportResultDto, type ImportPhase } from '../../../api/contracts';
import { ImportDropzone } from '../../../components/import/import-dropzone';
import { ImportReportTable, type ImportRowReport } from '../../../components/import/import-report-table';
import { PageTitle } from '../../../components/page-title';
import '../contracts.css';
import { ContractsNav } from '../contracts-nav';

/** The API's report rows in the shared report table's shape. */
const reportRows = (r: ContractImportResultDto): ImportRowReport[] =>
  r.report.map((row) => ({ row: row.row, status: row.ok ? 'created' : 'error', id: row.contractId, title: row.title, errors: row.errors }));

/**
 * Paper contracts from CSV/XLSX through POST /api/contracts/import. The request is the job (the API answers
 * with the whole per-row report once the rows are stored), so the bar shows the upload and then the
 * server's processing; the report reuses the catalogue import's table.
 */
export default function ContractImportPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const [phase, setPhase] = useState<ImportPhase | null>(null);
  const [filename, setFilename] = useState<string | null>(null);
  const run = useImportContracts(setPhase);
  const result = run.data;

  const upload = (file: File) => {
    if (file.size > MAX_ATTACHMENT_BYTES) return void message.error(t('catalog.form.tooLarge'));
    setFilename(file.name);
    run.mutate(file, {
      onSuccess: (r) => void message.success(t('contracts.import.done', { created: r.created, failed: r.failed })),
      onSettled: () => setPhase(null),
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

  const percent = phase?.phase === 'uploading' ? Math.round(phase.percent * 0.5) : phase?.phase === 'processing' ? 50 : result ? 100 : 0;
  return (
    <div className="page">
      <PageTitle
        titleKey="contracts.import.title"
        subtitle={t('contracts.import.subtitle')}
        extra={
          <Button icon={<DownloadOutlined />} href={CONTRACT_IMPORT_TEMPLATE_URL} download data-testid="contract-import-template">
            {t('contracts.import.template')}
          </Button>
        }
      />
      <ContractsNav active="import" />
      <Card className="section-card">
        <ImportDropzone text={t('catalog.import.dragger')} hint={t('contracts.import.hint')} disabled={run.isPending} onFile={upload} />
      </Card>
      {(run.isPending || result || run.isError) && (
        <Card title={filename} className="section-card" data-testid="contract-import-job">
          <Progress
            percent={percent}
            status={run.isError ? 'exception' : run.isPending ? 'active' : result?.failed ? 'normal' : 'success'}
            data-testid="contract-import-progress"
          />
          {run.isPending && (
            <p className="contract-import__phase muted" data-testid="contract-import-phase">
              {phase?.phase === 'processing' ? t('contracts.import.processing') : t('contracts.import.uploading', { percent: phase?.percent ?? 0 })}
            </p>
          )}
          {run.isError && <Alert type="error" showIcon className="page-alert" title={errorText(run.error, i18n.language)} data-testid="contract-import-error" />}
          {result && (
            <>
              <Row gutter={16} className="filters" data-testid="contract-import-counts">
                <Col span={8}>
                  <Statistic title={t('contracts.import.total')} value={result.total} />
                </Col>
                <Col span={8}>
                  <Statistic title={t('contracts.import.created')} value={result.total - result.failed} styles={{ content: { color: '#389e0d' } }} />
                </Col>
                <Col span={8}>
                  <Statistic title={t('contracts.import.failed')} value={result.failed} styles={result.failed ? { content: { color: '#cf1322' } } : undefined} />
                </Col>
              </Row>
              {result.created < result.total - result.failed && <Alert type="info" showIcon className="page-alert" title={t('contracts.import.again', { n: result.total - result.failed - result.created })} />}
              <ImportReportTable report={reportRows(result)} titleLabel={t('contracts.list.name')} linkOf={(r) => (r.id ? `/contracts/${r.id}` : undefined)} />
              <Link to="/contracts">
                <Button>{t('contracts.import.toList')}</Button>
              </Link>
            </>
          )}
        </Card>
      )}
    </div>
  );
}
