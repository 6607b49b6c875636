import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProposalStatus } from '../../../api/listing-types';

const color: Record<ProposalStatus, string> = {
  submitted: 'processing',
  shortlisted: 'gold',
  declined: 'default',
  winner: 'success',
};

export function ProposalStatusTag({ status }: { status: ProposalStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={color[status]} data-testid="proposal-status" data-status={status}>
      {t(`catalog.challenge.status.${status}`)}
    </Tag>
  );
}
