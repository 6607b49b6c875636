import { CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VerificationStatus } from '@shared/dto';

const look = {
  verified: { color: 'success', icon: <CheckCircleOutlined /> },
  pending: { color: 'processing', icon: <ClockCircleOutlined /> },
  rejected: { color: 'error', icon: <CloseCircleOutlined /> },
} as const;

export function VerificationTag({ status }: { status: VerificationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={look[status].color} icon={look[status].icon} data-testid="verification-status">
      {t(`orgs.status.${status}`)}
    </Tag>
  );
}
