import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EvaluationStatus } from '@shared/evaluation';

const colors: Record<EvaluationStatus, string> = {
  requested: 'gold',
  accepted: 'blue',
  declined: 'default',
  completed: 'green',
  cancelled: 'default',
};

export function EvaluationStatusTag({ status }: { status: EvaluationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={colors[status]} data-testid="evaluation-status">
      {t(`evaluation.status.${status}`)}
    </Tag>
  );
}
