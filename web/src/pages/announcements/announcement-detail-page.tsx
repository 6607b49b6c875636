import { FilePdfOutlined } from '@ant-design/icons';
import { Card, Descriptions, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { attachmentUrl } from '../../api/attachments';
import { useAnnouncement } from '../../api/announcements';
import { isApiError } from '../../api/client';
import { useDocumentTitle } from '../../components/page-title';
import { ErrorResult, PageSkeleton } from '../../components/query-state';
import { formatDate } from '../../lib/format';
import { useLabels } from '../../lib/use-labels';
import { AnnouncementTags } from './announcement-tags';

/** One announcement or policy: its text as written (plain text, never HTML), scope, date and PDF. */
export default function AnnouncementDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const labels = useLabels();
  const one = useAnnouncement(id);
  useDocumentTitle(one.data?.title);
  if (one.isLoading) return <PageSkeleton />;
  if (one.isError) {
    if (isApiError(one.error) && (one.error.status === 404 || one.error.status === 400))
      return (
        <Result
          status="404"
          title={t('announcements.detail.notFound')}
          extra={<Link to="/announcements">{t('announcements.detail.back')}</Link>}
        />
      );
    return <ErrorResult error={one.error} onRetry={() => void one.refetch()} />;
  }
  const a = one.data!;
  return (
    <div className="page page--narrow" data-testid="announcement-detail">
      <Link to="/announcements">← {t('announcements.detail.back')}</Link>
      <Card style={{ marginTop: 12 }}>
        <div style={{ marginBottom: 8 }}>
          <AnnouncementTags a={a} withStatus={!!a.status} />
        </div>
        <Typography.Title level={2} className="announcement-detail__title">
          {a.title}
        </Typography.Title>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('announcements.detail.scope')}>
            {labels.submarket(a.submarketCode)}
          </Descriptions.Item>
          {a.publishedAt && (
            <Descriptions.Item label={t('announcements.status.published')}>
              {formatDate(a.publishedAt)}
            </Descriptions.Item>
          )}
        </Descriptions>
        <div className="announcement-detail__body" data-testid="announcement-body">
          {a.body}
        </div>
        {a.attachment && (
          <p style={{ marginTop: 16 }}>
            {t('announcements.detail.attachment')}：{' '}
            <a href={attachmentUrl(a.attachment.id)} data-testid="announcement-pdf">
              <FilePdfOutlined aria-hidden /> {a.attachment.filename}
            </a>
          </p>
        )}
      </Card>
    </div>
  );
}
