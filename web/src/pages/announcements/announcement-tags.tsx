import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AnnouncementDto } from '@shared/announcements';

/** Kind (notice blue, policy purple), pinned and, for publishers, the state — as words, not codes. */
export function AnnouncementTags({ a, withStatus }: { a: AnnouncementDto; withStatus?: boolean }) {
  const { t } = useTranslation();
  const statusColor = { draft: 'default', published: 'green', unpublished: 'orange' } as const;
  return (
    <>
      {a.pinned && <Tag color="red">{t('announcements.list.pinned')}</Tag>}
      <Tag color={a.kind === 'policy' ? 'purple' : 'blue'}>{t(`announcements.kind.${a.kind}`)}</Tag>
      {withStatus && a.status && <Tag color={statusColor[a.status]}>{t(`announcements.status.${a.status}`)}</Tag>}
    </>
  );
}
