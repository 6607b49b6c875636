import { Card, Descriptions, Empty, Timeline } from 'antd';
import type { OrgDetailDto } from '@shared/dto';
import { useTranslation } from 'react-i18next';
import { VerificationTag } from '../../components/status-tag';
import { formatDateTime } from '../../lib/format';

const actionColor: Record<string, string> = { approve: 'green', reject: 'red', create: 'blue', resubmit: 'blue' };

/** Verification state plus the audit trail the API returns to members and staff. */
export function OrgHistoryCard({ org }: { org: OrgDetailDto }) {
  const { t } = useTranslation();
  const v = org.verification;
  const items = [...org.history].reverse().map((h, i) => ({
    key: `${h.at}-${i}`,
    color: actionColor[h.action] ?? 'gray',
    content: (
      <div>
        <div className="muted small">{formatDateTime(h.at)}</div>
        <strong>{t(`orgs.action.${h.action}`, { defaultValue: h.action })}</strong>
        {h.by && <div className="muted small">{t('orgs.detail.by', { name: h.by })}</div>}
        {h.reason && <div className="history-reason">{h.reason}</div>}
      </div>
    ),
  }));
  return (
    <>
      <Card title={t('orgs.detail.verification')} className="section-card">
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'status', label: t('orgs.col.status'), children: <VerificationTag status={v.status} /> },
            ...(v.decidedAt
              ? [{ key: 'at', label: t('orgs.detail.decidedAt'), children: formatDateTime(v.decidedAt) }]
              : []),
            ...(v.decidedBy ? [{ key: 'by', label: t('orgs.detail.decidedBy'), children: v.decidedBy }] : []),
            ...(v.reason ? [{ key: 'reason', label: t('orgs.detail.reason'), children: v.reason }] : []),
          ]}
        />
      </Card>
      <Card title={t('orgs.detail.history')} className="section-card" data-testid="org-history">
        {items.length ? (
          <Timeline items={items} />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orgs.detail.noHistory')} />
        )}
      </Card>
    </>
  );
}
