import crypto from 'node:crypto';
import { Types } from 'mongoose';
import { AppError } from '../../http/errors';
import type { AuthUser } from '../auth/auth.types';
import { AttachmentDirectory } from './attachment-directory';
import type { AttachmentModels, AttachmentRecord } from './attachment.model';
import type { UserRole } from '../../shared/taxonomy';
import { detectAllowedMime } from './file-kind';
import type { FileStorage } from './file-storage';

/** Another module that grants reading a file it references (e.g. organisations: their licence to operators). */
export type AttachmentReader = (viewer: AuthUser | null, attachmentId: string) => Promise<boolean>;

/** Staff roles whose uploads belong to the platform (`ownerOrgId: null`), readable by the uploader and readers. */
const PLATFORM_UPLOADERS: readonly UserRole[] = ['finance', 'operator', 'admin'];

export class AttachmentsService {
  readonly readers: AttachmentReader[] = [];
  /** What other modules may read about files (names for a listing's page, a room's shared files). */
  readonly directory: AttachmentDirectory;

  constructor(
    private readonly models: AttachmentModels,
    private readonly storage: FileStorage,
  ) {
    this.directory = new AttachmentDirectory(models.Attachment);
  }

  async upload(user: AuthUser, file: { originalname: string; buffer: Buffer }): Promise<AttachmentRecord> {
    // Platform staff belong to no organisation; they upload the platform's own papers (finance: bank slips;
    // operators and admins: the PDFs of the announcements and policies they publish).
    if (!user.orgId && !user.roles.some((r) => PLATFORM_UPLOADERS.includes(r))) throw new AppError('NOT_ORG_MEMBER');
    const mime = await detectAllowedMime(file.buffer);
    if (!mime) throw new AppError('UNSUPPORTED_FILE_TYPE');
    const id = new Types.ObjectId();
    const sha256 = crypto.createHash('sha256').update(file.buffer).digest('hex');
    const storageKey = `${sha256.slice(0, 2)}/${String(id)}`;
    await this.storage.put(storageKey, file.buffer);
    const doc = await this.models.Attachment.create({
      _id: id,
      ownerOrgId: user.orgId ?? null,
      uploadedBy: user.id,
      filename: sanitizeFilename(file.originalname),
      mime,
      size: file.buffer.length,
      sha256,
      storageKey,
    });
    return doc.toObject() as AttachmentRecord;
  }

  /** One of the organisation's own files, with what it is (for a reference that must be a given kind). */
  async describeOwned(orgId: string, id: string): Promise<{ filename: string; mime: string }> {
    const att = await this.models.Attachment.findOne(
      { _id: id, ownerOrgId: orgId },
      { filename: 1, mime: 1 },
    ).lean<AttachmentRecord>();
    if (!att) throw new AppError('ATTACHMENT_NOT_USABLE');
    return { filename: att.filename, mime: att.mime };
  }

  /** A file a staff member without an organisation uploaded themself (e.g. finance's bank slip of a payout). */
  async describeStaffOwned(user: AuthUser, id: string): Promise<{ filename: string; mime: string }> {
    const att = Types.ObjectId.isValid(id)
      ? await this.models.Attachment.findOne(
          { _id: id, ownerOrgId: null, uploadedBy: user.id },
          { filename: 1, mime: 1 },
        ).lean<AttachmentRecord>()
      : null;
    if (!att) throw new AppError('ATTACHMENT_NOT_USABLE');
    return { filename: att.filename, mime: att.mime };
  }

  /** Listings may only reference their own organisation's files. */
  async assertOwned(orgId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const owned = await this.models.Attachment.countDocuments({ _id: { $in: ids }, ownerOrgId: orgId });
    if (owned !== ids.length) throw new AppError('ATTACHMENT_NOT_USABLE');
  }

  /**
   * Who may download: the owner organisation; a staff member's own upload to them; what other modules grant
   * through `readers` (listings: anyone for an image of a published listing, an organisation that accepted
   * the NDA for a confidential file, reviewers of the listing's sub-market; finance for a bank-transfer
   * receipt, a payee for the bank slip of its payout). Everyone else gets 404, as if it did not exist.
   */
  async openFor(viewer: AuthUser | null, id: string) {
    const att = await this.models.Attachment.findById(id).lean<AttachmentRecord>();
    if (!att) throw new AppError('NOT_FOUND');
    if (!(await this.mayRead(viewer, att))) throw new AppError('NOT_FOUND');
    return { attachment: att, stream: this.storage.read(att.storageKey) };
  }

  private async mayRead(viewer: AuthUser | null, att: AttachmentRecord): Promise<boolean> {
    if (att.ownerOrgId && viewer?.orgId === String(att.ownerOrgId)) return true;
    if (viewer?.roles.includes('admin')) return true;
    if (!att.ownerOrgId && viewer?.id === String(att.uploadedBy)) return true;
    const id = String(att._id);
    for (const reader of this.readers) if (await reader(viewer, id)) return true;
    return false;
  }
}

export function sanitizeFilename(name: string): string {
  // Multer hands over latin1-decoded names; browsers send UTF-8.
  const utf8 = Buffer.from(name, 'latin1').toString('utf8');
  // Control characters (code < 32) and path/shell metacharacters become '_'.
  const cleaned = [...(utf8.includes('\uFFFD') ? name : utf8)]
    .map((ch) => (ch.charCodeAt(0) < 32 || '\\/"<>|:*?'.includes(ch) ? '_' : ch))
    .join('')
    .trim();
  return cleaned.slice(0, 200) || 'file';
}
