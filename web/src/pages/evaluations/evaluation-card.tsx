import { FilePdfOutlined } from '@ant-design/icons';
import { Button, Card, Empty, List, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { attachmentUrl } from '../../api/attachments';
import { useAchievementEvaluation } from '../../api/evaluations';
import { LinkButton } from '../../components/link-button';
import { formatDate } from '../../lib/format';
import { EvaluationBadgeLine, useRangeText } from './evaluation-badge';
import { EvaluationStatusTag } from './evaluation-status-tag';
import { RequestEvaluationModal } from './request-modal';
import { SelfAssessModal } from './self-assess-modal';
import './evaluations.css';

/**
 * An achievement's evaluation on its page: the badge for everyone (range, method or score, who, when); its
 * owner may ask an agency or self-assess, and owner, agency and staff see every evaluation with the report.
 */
export function EvaluationCard({ achievementId, title }: { achievementId: string; title: string }) {
  const { t } = useTranslation();
  const q = useAchievementEvaluation(achievementId);
  const range = useRangeText();
  const [open, setOpen] = useState<'request' | 'self' | null>(null);
  if (q.isPending || q.isError) return null;
  const { badge, details, canRequest } = q.data;
  if (!badge && !canRequest && !details.length) return null;
  return (
    <Card className="section-card" title={t('evaluation.card.title')} data-testid="evaluation-card">
      {badge ? <EvaluationBadgeLine badge={badge} /> : <div className="muted">{t('evaluation.card.none')}</div>}
      {canRequest && (
        <Space wrap className="evaluation-card__actions">
          <Button type="primary" onClick={() => setOpen('request')} data-testid="evaluation-request">
            {t('evaluation.card.request')}
          </Button>
          <Button onClick={() => setOpen('self')} data-testid="evaluation-self">
            {t('evaluation.card.selfAssess')}
          </Button>
          <LinkButton to="/evaluations">{t('evaluation.card.manage')}</LinkButton>
        </Space>
      )}
      {details.length > 0 && (
        <List
          size="small"
          className="evaluation-card__history"
          header={<span className="muted small">{t('evaluation.card.history')}</span>}
          dataSource={details}
          locale={{ emptyText: <Empty description={t('evaluation.page.empty')} /> }}
          renderItem={(e) => (
            <List.Item data-testid="evaluation-history-item">
              <Space wrap size={4}>
                <EvaluationStatusTag status={e.status} />
                <span>{e.kind === 'agency' ? e.evaluatorName : t('evaluation.kind.self')}</span>
                {e.result && range(e.result) && <span>{range(e.result)}</span>}
                {e.self && <span>{t('evaluation.badge.score', { score: e.self.score })}</span>}
                <span className="muted small">{formatDate(e.history.at(-1)?.at ?? e.createdAt)}</span>
                {e.self && (
                  <span className="muted small" data-testid="evaluation-self-parts">
                    {t('evaluation.self.parts', e.self.parts)} ·{' '}
                    {e.self.comparables.length
                      ? `${t('evaluation.self.comparables')} ${e.self.comparables.length}`
                      : t('evaluation.self.none')}
                  </span>
                )}
                {e.result?.reportId && (
                  <a href={attachmentUrl(e.result.reportId)} target="_blank" rel="noreferrer">
                    <FilePdfOutlined /> {t('evaluation.card.report')}
                  </a>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
      {open === 'request' && (
        <RequestEvaluationModal achievementId={achievementId} title={title} onClose={() => setOpen(null)} />
      )}
      {open === 'self' && <SelfAssessModal achievementId={achievementId} title={title} onClose={() => setOpen(null)} />}
    </Card>
  );
}
