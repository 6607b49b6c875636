import type { AttachmentModels, AttachmentRecord } from './attachment.model';

/** What other modules may read about stored files without touching the collection. */
export class AttachmentDirectory {
  constructor(private readonly attachments: AttachmentModels['Attachment']) {}

  /** These files if every one of them belongs to the organisation, else null. */
  async ownedAll(orgId: string, ids: string[]): Promise<AttachmentRecord[] | null> {
    if (ids.length === 0) return [];
    const rows = await this.attachments.find({ _id: { $in: ids }, ownerOrgId: orgId }).lean<AttachmentRecord[]>();
    return rows.length === ids.length ? rows : null;
  }

  async byId(id: string): Promise<AttachmentRecord | null> {
    return this.attachments.findById(id).lean<AttachmentRecord>();
  }

  /** Name, size and type of these files (unknown ids are left out), in one query. */
  async summaries(ids: string[]): Promise<Array<{ id: string; filename: string; size: number; mime: string }>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const rows = await this.attachments.find({ _id: { $in: unique } }, { filename: 1, size: 1, mime: 1 }).lean();
    return rows.map((a) => ({ id: String(a._id), filename: a.filename, size: a.size, mime: a.mime }));
  }
}
