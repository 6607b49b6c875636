import type { Models } from '../../db/models';
import type { AttachmentRecord } from './attachment.model';

/** What other modules may read about stored files without touching the collection. */
export class AttachmentDirectory {
  constructor(private readonly attachments: Models['Attachment']) {}

  /** These files if every one of them belongs to the organisation, else null. */
  async ownedAll(orgId: string, ids: string[]): Promise<AttachmentRecord[] | null> {
    if (ids.length === 0) return [];
    const rows = await this.attachments.find({ _id: { $in: ids }, ownerOrgId: orgId }).lean<AttachmentRecord[]>();
    return rows.length === ids.length ? rows : null;
  }

  async byId(id: string): Promise<AttachmentRecord | null> {
    return this.attachments.findById(id).lean<AttachmentRecord>();
  }
}
