import type { Connection } from 'mongoose';
import type { AuditService } from '../audit/audit.service';
import type { AttachmentReader } from '../attachments/attachments.service';
import { AnnouncementRepository } from './announcement.repository';
import { AnnouncementService, type AnnouncementFiles } from './announcement.service';

/**
 * The announcements module (通知公告 / 政策文件, issue 14 item 5). It owns `announcements`
 * (announcement.repository.ts), reaches files through the attachments module's service and grants reading
 * the PDFs it references through that module's readers.
 */
export async function createAnnouncements(deps: {
  conn: Connection;
  audit: AuditService;
  files: AnnouncementFiles & { addReader(reader: AttachmentReader): void };
}) {
  const repo = new AnnouncementRepository(deps.conn);
  await repo.syncIndexes();
  const service = new AnnouncementService(repo, deps.files, deps.audit);
  deps.files.addReader((viewer, id) => service.mayReadFile(viewer, id));
  return { repo, service };
}

export type Announcements = Awaited<ReturnType<typeof createAnnouncements>>;
