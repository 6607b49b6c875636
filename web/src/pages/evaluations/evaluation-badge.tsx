import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EvaluationBadgeDto } from '@shared/evaluation';
import { formatDate } from '../../lib/format';
import { useAmountText } from '../catalog/money-text';

/** The range as the UI language says it (万元 digits in Chinese, CNY in English), or null without one. */
export function useRangeText() {
  const { t } = useTranslation();
  const amount = useAmountText();
  return (b: Pick<EvaluationBadgeDto, 'valueMinFen' | 'valueMaxFen'>) =>
    b.valueMinFen !== null && b.valueMaxFen !== null
      ? t('evaluation.badge.range', { min: amount(b.valueMinFen), max: amount(b.valueMaxFen) })
      : null;
}

/** A small badge for cards and search hits: 已评估 / 已自评 and the value range. */
export function EvaluationTag({ badge }: { badge?: EvaluationBadgeDto | null }) {
  const { t } = useTranslation();
  const range = useRangeText();
  if (!badge) return null;
  const text = range(badge);
  return (
    <Tag
      color={badge.kind === 'agency' ? 'green' : 'cyan'}
      icon={<SafetyCertificateOutlined />}
      data-testid="evaluation-tag"
      className="evaluation-tag"
    >
      {t(`evaluation.badge.${badge.kind}`)}
      {text ? ` · ${text}` : ''}
    </Tag>
  );
}

/** The badge with its line of who and when (the detail page, a financing request). */
export function EvaluationBadgeLine({ badge }: { badge: EvaluationBadgeDto }) {
  const { t } = useTranslation();
  const range = useRangeText();
  const text = range(badge);
  return (
    <div data-testid="evaluation-badge">
      <EvaluationTag badge={badge} />
      <div className="evaluation-badge__range">
        {text ??
          (badge.score !== null ? t('evaluation.badge.score', { score: badge.score }) : t('evaluation.badge.noRange'))}
        {badge.method && <span className="muted"> · {t(`evaluation.method.${badge.method}`)}</span>}
        {text && badge.score !== null && (
          <span className="muted"> · {t('evaluation.badge.score', { score: badge.score })}</span>
        )}
      </div>
      <div className="muted small">
        {t('evaluation.badge.by', { name: badge.evaluatorName, date: formatDate(badge.date) })}
      </div>
    </div>
  );
}
