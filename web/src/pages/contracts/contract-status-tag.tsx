import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { statusColor } from './labels';

export function ContractStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColor[status]} data-testid="contract-status">
      {t(`contracts.status.${status}`)}
    </Tag>
  );
}
