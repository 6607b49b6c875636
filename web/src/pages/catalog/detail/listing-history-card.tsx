import { Card, Empty, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../../api/listing-types';
import { formatDateTime } from '../../../lib/format';

const actionColor: Record<string, string> = {
  approve: 'green',
  revision_approve: 'green',
  reject: 'red',
  revision_reject: 'red',
  submit: 'blue',
  revision_submit: 'blue',
  archive: 'gray',
};

/** The listing's audit trail (owner and staff views), newest first. */
export function ListingHistoryCard({ history }: { history: HistoryEntry[] }) {
  const { t } = useTranslation();
  const items = [...history].reverse().map((h, i) => ({
    key: `${h.at}-${i}`,
    color: actionColor[h.action] ?? 'gray',
    content: (
      <div data-testid="history-entry" data-action={h.action}>
        <div className="muted small">{formatDateTime(h.at)}</div>
        <strong>{t(`catalog.detail.action.${h.action}`, { defaultValue: h.action })}</strong>
        {h.by && <div className="muted small">{t('catalog.detail.by', { name: h.by })}</div>}
        {h.reason && <div className="history-reason">{h.reason}</div>}
      </div>
    ),
  }));
  return (
    <Card title={t('catalog.detail.history')} className="section-card" data-testid="listing-history">
      {items.length ? (
        <Timeline items={items} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('catalog.detail.noHistory')} />
      )}
    </Card>
  );
}
