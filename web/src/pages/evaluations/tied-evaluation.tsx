import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useEvaluationBadges } from '../../api/evaluations';
import { formatDate } from '../../lib/format';
import { useRangeText } from './evaluation-badge';

/**
 * The evaluation of the achievement a financing request is tied to (issue 16: evaluation feeds financing):
 * range and who evaluated when, or the self-assessment's score; nothing when there is none or the viewer
 * may not see the achievement.
 */
export function TiedEvaluation({ achievementId }: { achievementId: string }) {
  const { t } = useTranslation();
  // The public badges route answers nothing (never a 404) for an achievement the viewer may not see.
  const q = useEvaluationBadges([achievementId]);
  const range = useRangeText();
  const badge = q.data?.[achievementId];
  if (!badge) return null;
  return (
    <Tag
      color={badge.kind === 'agency' ? 'green' : 'cyan'}
      icon={<SafetyCertificateOutlined />}
      className="evaluation-tag"
      data-testid="tied-evaluation"
    >
      {badge.kind === 'agency'
        ? t('evaluation.financing.evaluated', {
            range: range(badge) ?? '',
            by: `${badge.evaluatorName} ${formatDate(badge.date)}`,
          })
        : t('evaluation.financing.selfAssessed', { score: badge.score ?? '' })}
    </Tag>
  );
}
