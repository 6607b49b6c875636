import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FollowupStatus } from '@shared/followup';

const colors: Record<FollowupStatus, string> = {
  on_track: 'blue',
  overdue: 'red',
  complete: 'default',
  industrialised: 'green',
};

export function FollowupStatusTag({ status }: { status: FollowupStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={colors[status]} data-testid="followup-status" data-status={status}>
      {t(`followup.status.${status}`)}
    </Tag>
  );
}
