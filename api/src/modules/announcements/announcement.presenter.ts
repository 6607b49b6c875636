import type { AnnouncementDto } from '../../shared/announcements';
import type { AnnouncementRecord } from './announcement.model';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** What everyone sees of a published announcement. */
export function presentPublic(a: AnnouncementRecord): AnnouncementDto {
  return {
    id: String(a._id),
    kind: a.kind,
    title: a.title,
    body: a.body,
    submarketCode: a.submarketCode,
    attachment: a.attachmentId ? { id: String(a.attachmentId), filename: a.attachmentName ?? 'file.pdf' } : null,
    pinned: a.pinned,
    publishedAt: iso(a.publishedAt),
  };
}

/** What its publishers see: the state and who wrote it as well. */
export function presentStaff(a: AnnouncementRecord): AnnouncementDto {
  return { ...presentPublic(a), status: a.status, authorName: a.authorName, updatedAt: iso(a.updatedAt)! };
}
