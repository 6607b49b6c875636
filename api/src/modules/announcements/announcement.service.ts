import { Types } from 'mongoose';
import { AppError } from '../../http/errors';
import type { Page } from '../../http/route';
import type {
  AnnouncementCreateBody,
  AnnouncementDto,
  AnnouncementListQuery,
  AnnouncementManageQuery,
  AnnouncementUpdateBody,
} from '../../shared/announcements';
import type { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.types';
import type { AnnouncementRecord } from './announcement.model';
import { isPublisher, manageScope, managesScope } from './announcement.policy';
import { presentPublic, presentStaff } from './announcement.presenter';
import type { AnnouncementRepository } from './announcement.repository';

/** What the module needs of the attachments module: a file the caller uploaded as staff, and what it is. */
export interface AnnouncementFiles {
  describeStaffOwned(user: AuthUser, id: string): Promise<{ filename: string; mime: string }>;
}
type Meta = { ip?: string };

/**
 * Announcements and policies: operators write them for their sub-markets and admins for all; a new one is a
 * draft; publishing, taking down and pinning are audited through the audit service.
 */
export class AnnouncementService {
  constructor(
    private readonly repo: AnnouncementRepository,
    private readonly files: AnnouncementFiles,
    private readonly audit: AuditService,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async list(q: AnnouncementListQuery): Promise<Page<AnnouncementDto>> {
    const filter: Record<string, unknown> = { status: 'published' };
    if (q.kind) filter.kind = q.kind;
    if (q.submarket) filter.submarketCode = q.submarket;
    const { items, total } = await this.repo.page(filter, q.page, q.pageSize);
    return { items: items.map(presentPublic), total, page: q.page, pageSize: q.pageSize };
  }

  async get(viewer: AuthUser | null, id: string): Promise<AnnouncementDto> {
    const a = await this.repo.find(id);
    if (!a) throw new AppError('NOT_FOUND');
    if (managesScope(viewer, a.submarketCode)) return presentStaff(a);
    if (a.status !== 'published') throw new AppError('NOT_FOUND');
    return presentPublic(a);
  }

  async manage(user: AuthUser, q: AnnouncementManageQuery): Promise<Page<AnnouncementDto>> {
    if (!isPublisher(user)) throw new AppError('FORBIDDEN');
    const and: Array<Record<string, unknown>> = [manageScope(user)];
    if (q.kind) and.push({ kind: q.kind });
    if (q.submarket) and.push({ submarketCode: q.submarket });
    if (q.status) and.push({ status: q.status });
    const { items, total } = await this.repo.page({ $and: and }, q.page, q.pageSize);
    return { items: items.map(presentStaff), total, page: q.page, pageSize: q.pageSize };
  }

  async create(user: AuthUser, body: AnnouncementCreateBody, meta: Meta): Promise<AnnouncementDto> {
    if (!isPublisher(user)) throw new AppError('FORBIDDEN');
    if (!managesScope(user, body.submarketCode)) throw new AppError('ANNOUNCEMENT_OUT_OF_SCOPE');
    const attachmentName = body.attachmentId ? await this.pdf(user, body.attachmentId) : null;
    const a = await this.repo.create({
      kind: body.kind,
      title: body.title,
      body: body.body,
      submarketCode: body.submarketCode,
      attachmentId: body.attachmentId ? new Types.ObjectId(body.attachmentId) : null,
      attachmentName,
      status: 'draft',
      pinned: false,
      publishedAt: null,
      authorId: new Types.ObjectId(user.id),
      authorName: user.name,
    });
    await this.audit.record(user, { entity: 'announcement', entityId: String(a._id), action: 'create', ip: meta.ip });
    return presentStaff(a);
  }

  async update(user: AuthUser, id: string, body: AnnouncementUpdateBody, meta: Meta): Promise<AnnouncementDto> {
    const a = await this.inScope(user, id);
    if (body.submarketCode && !managesScope(user, body.submarketCode)) throw new AppError('ANNOUNCEMENT_OUT_OF_SCOPE');
    const set: Record<string, unknown> = {};
    if (body.kind) set.kind = body.kind;
    if (body.title) set.title = body.title;
    if (body.body) set.body = body.body;
    if (body.submarketCode) set.submarketCode = body.submarketCode;
    if (body.attachmentId === null) Object.assign(set, { attachmentId: null, attachmentName: null });
    else if (body.attachmentId && body.attachmentId !== String(a.attachmentId))
      Object.assign(set, {
        attachmentId: new Types.ObjectId(body.attachmentId),
        attachmentName: await this.pdf(user, body.attachmentId),
      });
    const updated = await this.write(a, set);
    await this.audit.record(user, { entity: 'announcement', entityId: id, action: 'update', ip: meta.ip });
    return presentStaff(updated);
  }

  /** Publishing makes it public; the first publication's time stays its date (a re-publication keeps it). */
  async publish(user: AuthUser, id: string, meta: Meta): Promise<AnnouncementDto> {
    const a = await this.inScope(user, id);
    if (a.status === 'published') throw new AppError('INVALID_STATE');
    const updated = await this.write(a, { status: 'published', publishedAt: a.publishedAt ?? this.clock() });
    await this.audit.record(user, {
      entity: 'announcement',
      entityId: id,
      action: 'publish',
      from: a.status,
      to: 'published',
      ip: meta.ip,
    });
    return presentStaff(updated);
  }

  async unpublish(user: AuthUser, id: string, meta: Meta): Promise<AnnouncementDto> {
    const a = await this.inScope(user, id);
    if (a.status !== 'published') throw new AppError('INVALID_STATE');
    const updated = await this.write(a, { status: 'unpublished', pinned: false });
    await this.audit.record(user, {
      entity: 'announcement',
      entityId: id,
      action: 'unpublish',
      from: 'published',
      to: 'unpublished',
      ip: meta.ip,
    });
    return presentStaff(updated);
  }

  /** Only a published item is pinned (it sorts first on the public list and the home page). */
  async pin(user: AuthUser, id: string, pinned: boolean, meta: Meta): Promise<AnnouncementDto> {
    const a = await this.inScope(user, id);
    if (pinned && a.status !== 'published') throw new AppError('INVALID_STATE');
    const updated = await this.write(a, { pinned });
    await this.audit.record(user, {
      entity: 'announcement',
      entityId: id,
      action: pinned ? 'pin' : 'unpin',
      ip: meta.ip,
    });
    return presentStaff(updated);
  }

  /** Whether a viewer may download a file an announcement references (reader for the attachments module). */
  async mayReadFile(viewer: AuthUser | null, attachmentId: string): Promise<boolean> {
    if (!Types.ObjectId.isValid(attachmentId)) return false;
    const id = new Types.ObjectId(attachmentId);
    if (await this.repo.exists({ attachmentId: id, status: 'published' })) return true;
    if (!viewer || !isPublisher(viewer)) return false;
    return this.repo.exists({ $and: [{ attachmentId: id }, manageScope(viewer)] });
  }

  private async inScope(user: AuthUser, id: string): Promise<AnnouncementRecord> {
    if (!isPublisher(user)) throw new AppError('FORBIDDEN');
    const a = await this.repo.find(id);
    if (!a || !managesScope(user, a.submarketCode)) throw new AppError('NOT_FOUND');
    return a;
  }

  /** Written only if nobody changed it meanwhile (the filter carries the state it was read in). */
  private async write(a: AnnouncementRecord, set: Record<string, unknown>): Promise<AnnouncementRecord> {
    const updated = await this.repo.update({ _id: a._id, status: a.status, updatedAt: a.updatedAt }, set);
    if (!updated) throw new AppError('EDIT_CONFLICT');
    return updated;
  }

  private async pdf(user: AuthUser, attachmentId: string): Promise<string> {
    const file = await this.files.describeStaffOwned(user, attachmentId).catch(() => null);
    if (!file || file.mime !== 'application/pdf') throw new AppError('ANNOUNCEMENT_PDF_ONLY');
    return file.filename;
  }
}
