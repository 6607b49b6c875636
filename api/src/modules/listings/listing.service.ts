import { Types } from 'mongoose';
import { MicroCache } from '../../http/micro-cache';
import { AppError } from '../../http/errors';
import type { Page } from '../../http/route';
import { submarketForRegion } from '../../shared/taxonomy';
import { nullNotifier, type Notifier } from '../notifications/notify';
import { ndaNotice, reviewNotice } from './listing.notices';
import type { AuditService } from '../audit/audit.service';
import type { OrgDirectory } from '../orgs/org-directory';
import type { NdaRepository } from './nda.repository';
import type { AuthUser } from '../auth/auth.types';
import { refuseOwnOrg } from '../auth/separation-of-duties';
import type { ListingKindConfig } from './listing.kind';
import type { ListingRecord } from './listing.model';
import { canListing, isOwnerMember } from './listing.policy';
import { editableStatuses, nextRevision, nextStatus } from './listing.state';
import { listQuery, type ListingListQuery } from './listing-list';
import { touchesIndex } from './listing-index-feed';

export type ListingView = 'public' | 'nda' | 'owner' | 'staff';
export type { ListingListQuery } from './listing-list';

interface Meta {
  ip?: string;
  userAgent?: string;
}

/** Verifies attachment ids belong to the owner's organisation before a listing references them. */
export type AttachmentGuard = (orgId: string, ids: string[]) => Promise<void>;

export class ListingService {
  /** Called after every write that flags a listing for the search index (search-sync's kick). */
  onWrite: () => void = () => undefined;
  /** Announces review decisions and NDAs to the owner organisation (NotifyService, wired in composition/build-context.ts). */
  notify: Notifier = nullNotifier;

  constructor(
    readonly cfg: ListingKindConfig,
    private readonly ndas: NdaRepository,
    private readonly orgs: OrgDirectory,
    private readonly audit: AuditService,
    private readonly attachmentGuard: AttachmentGuard,
  ) {}

  /** Presented public pages (listing.routes.ts), cleared by every write here that can change one. */
  readonly publicPages = new MicroCache<unknown>(0);

  private get model() {
    return this.cfg.model;
  }

  async create(
    user: AuthUser,
    content: Record<string, unknown>,
    meta: Meta,
    originKey?: string,
  ): Promise<ListingRecord> {
    if (!user.orgId) throw new AppError('NOT_ORG_MEMBER');
    const org = await this.orgs.summary(user.orgId);
    if (!org) throw new AppError('NOT_ORG_MEMBER');
    await this.attachmentGuard(user.orgId, referencedAttachments(content));
    const _id = new Types.ObjectId();
    const doc = await this.model.create({
      _id,
      ownerOrgId: new Types.ObjectId(org.id),
      ownerOrgType: org.type,
      createdBy: new Types.ObjectId(user.id),
      submarketCode: submarketForRegion(String(content.regionCode)),
      status: 'draft',
      content,
      live: null,
      originKey: originKey ?? `own:${_id}`,
      // A new draft is not in the index and cannot be until it is published.
      searchDirty: false,
    });
    await this.audit.record(user, {
      entity: this.cfg.entity,
      entityId: String(_id),
      action: 'create',
      to: 'draft',
      ip: meta.ip,
    });
    return doc.toObject() as ListingRecord;
  }

  async list(viewer: AuthUser | null, q: ListingListQuery): Promise<Page<ListingRecord>> {
    const plan = listQuery(viewer, q, this.cfg.sorts);
    if (!plan) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const [items, total] = await Promise.all([
      this.model
        .find(plan.filter)
        .sort(plan.sort)
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .lean<ListingRecord[]>(),
      this.model.countDocuments(plan.filter),
    ]);
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  /** Finds a listing and decides which view the caller gets; a listing they may not see answers 404. */
  async get(viewer: AuthUser | null, id: string): Promise<{ listing: ListingRecord; view: ListingView }> {
    const listing = await this.model.findById(id).lean<ListingRecord>();
    if (!listing) throw new AppError('NOT_FOUND');
    return { listing, view: await this.viewOf(viewer, listing) };
  }

  /** The view the caller gets of a listing they hold (one a write returned); one they may not see answers 404. */
  async viewOf(viewer: AuthUser | null, listing: ListingRecord): Promise<ListingView> {
    if (!canListing(viewer, 'readPublic', listing)) throw new AppError('NOT_FOUND');
    if (isOwnerMember(viewer, listing)) return 'owner';
    if (canListing(viewer, 'readOwner', listing)) return 'staff';
    if (viewer?.orgId && (await this.ndas.has(this.cfg.kind, viewer.orgId, listing._id))) return 'nda';
    return 'public';
  }

  private async getFor(user: AuthUser, id: string, action: Parameters<typeof canListing>[1]): Promise<ListingRecord> {
    const { listing } = await this.get(user, id);
    if (!canListing(user, action, listing)) {
      throw canListing(user, 'readOwner', listing) ? new AppError('FORBIDDEN') : new AppError('NOT_FOUND');
    }
    return listing;
  }

  /**
   * Applies a change only if nobody else wrote in between (version check). The listing is flagged for the
   * search index in the same write only when its index document can change (see touchesIndex).
   */
  private async write(listing: ListingRecord, set: Record<string, unknown>, extraFilter: Record<string, unknown> = {}) {
    const flag = touchesIndex(listing, set);
    const updated = await this.model
      .findOneAndUpdate(
        { _id: listing._id, version: listing.version, ...extraFilter },
        { $set: { ...set, version: listing.version + 1, ...(flag ? { searchDirty: true } : {}) } },
        { new: true },
      )
      .lean<ListingRecord>();
    if (!updated) throw new AppError('EDIT_CONFLICT');
    if (flag) {
      this.publicPages.invalidate();
      this.onWrite();
    }
    return updated;
  }

  async update(user: AuthUser, id: string, patch: Record<string, unknown>, meta: Meta): Promise<ListingRecord> {
    const listing = await this.getFor(user, id, 'update');
    if (!editableStatuses.includes(listing.status) || listing.revision?.status === 'pending_review') {
      throw new AppError('INVALID_STATE', { status: listing.status, revision: listing.revision?.status });
    }
    // null clears an optional field (see clearableFields); a key left out keeps its value.
    const next: Record<string, unknown> = { ...listing.content };
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete next[k];
      else next[k] = v;
    }
    const merged = this.cfg.createBody.safeParse(next);
    if (!merged.success) {
      throw new AppError(
        'VALIDATION_FAILED',
        merged.error.issues.map((i) => ({ in: 'body', path: i.path.join('.'), message: i.message })),
      );
    }
    const content = merged.data as Record<string, unknown>;
    await this.attachmentGuard(String(listing.ownerOrgId), referencedAttachments(content));
    const set: Record<string, unknown> = { content, submarketCode: submarketForRegion(String(content.regionCode)) };
    // Editing a published listing opens a revision; the approved version stays live meanwhile.
    if (listing.status === 'published') set.revision = { status: 'draft' };
    const updated = await this.write(listing, set);
    await this.audit.record(user, {
      entity: this.cfg.entity,
      entityId: id,
      action: listing.status === 'published' ? 'revise' : 'update',
      ip: meta.ip,
    });
    return updated;
  }

  async submit(user: AuthUser, id: string, meta: Meta): Promise<ListingRecord> {
    const listing = await this.getFor(user, id, 'submit');
    if (!(await this.orgs.isVerified(String(listing.ownerOrgId)))) throw new AppError('ORG_NOT_VERIFIED');
    return this.transition(user, listing, 'submit', meta, { submittedAt: new Date() });
  }

  async withdraw(user: AuthUser, id: string, meta: Meta): Promise<ListingRecord> {
    return this.transition(user, await this.getFor(user, id, 'submit'), 'withdraw', meta);
  }

  async review(user: AuthUser, id: string, decision: { decision: 'approve' | 'reject'; reason?: string }, meta: Meta) {
    const listing = await this.getFor(user, id, 'review');
    refuseOwnOrg(user, [listing.ownerOrgId]);
    const review = { reason: decision.reason, decidedAt: new Date(), decidedBy: user.name };
    const extra: Record<string, unknown> = { review };
    if (decision.decision === 'approve') {
      extra.live = listing.content;
      if (listing.status === 'pending_review') extra.publishedAt = new Date();
    }
    const revision = listing.status === 'published' && !!listing.revision?.status;
    const updated = await this.transition(user, listing, decision.decision, meta, extra, decision.reason);
    await this.notify.notify(reviewNotice(this.cfg.entity, updated, decision.decision, revision, decision.reason), {
      orgIds: [listing.ownerOrgId],
    });
    return updated;
  }

  async archive(user: AuthUser, id: string, meta: Meta): Promise<ListingRecord> {
    return this.transition(user, await this.getFor(user, id, 'archive'), 'archive', meta, { archivedAt: new Date() });
  }

  /**
   * One transition through the state table. A published listing with an open revision moves the revision
   * instead (submit/withdraw/approve/reject); archive always acts on the listing itself.
   */
  private async transition(
    user: AuthUser,
    listing: ListingRecord,
    event: 'submit' | 'withdraw' | 'approve' | 'reject' | 'archive',
    meta: Meta,
    extra: Record<string, unknown> = {},
    reason?: string,
  ): Promise<ListingRecord> {
    const revision = listing.revision?.status ?? null;
    if (listing.status === 'published' && revision && event !== 'archive') {
      const to = nextRevision(revision, event);
      if (!to) throw new AppError('INVALID_STATE', { revision, event });
      const set: Record<string, unknown> = {
        ...extra,
        revision: to === 'merged' ? { status: null } : { status: to, reason },
      };
      if (event === 'reject') delete set.live;
      const updated = await this.write(listing, set, { 'revision.status': revision });
      await this.audit.record(user, {
        entity: this.cfg.entity,
        entityId: String(listing._id),
        action: `revision_${event}`,
        from: revision,
        to: String(to),
        reason,
        ip: meta.ip,
      });
      return updated;
    }
    const to = nextStatus(listing.status, event);
    if (!to) throw new AppError('INVALID_STATE', { status: listing.status, event });
    if (event !== 'approve') delete extra.live;
    const updated = await this.write(
      listing,
      { ...extra, status: to, ...(to === 'archived' ? { revision: { status: null } } : {}) },
      { status: listing.status },
    );
    await this.audit.record(user, {
      entity: this.cfg.entity,
      entityId: String(listing._id),
      action: event,
      from: listing.status,
      to,
      reason,
      ip: meta.ip,
    });
    return updated;
  }

  async acceptNda(
    user: AuthUser,
    id: string,
    meta: Meta,
  ): Promise<{ acceptedAt: Date; textVersion: string; listing: ListingRecord }> {
    const { listing } = await this.get(user, id);
    if (!canListing(user, 'acceptNda', listing))
      throw new AppError(listing.status === 'published' ? 'FORBIDDEN' : 'NOT_FOUND');
    const org = await this.orgs.summary(user.orgId);
    if (!org?.verified) throw new AppError('ORG_NOT_VERIFIED');
    const accepted = await this.ndas.accept(this.cfg.kind, listing._id, user, meta);
    await this.notify.notify(ndaNotice(this.cfg.entity, listing, org.name), {
      orgIds: [listing.ownerOrgId],
    });
    return { ...accepted, listing };
  }

  history(id: string) {
    return this.audit.history(this.cfg.entity, id);
  }
}

export function referencedAttachments(content: Record<string, unknown>): string[] {
  const images = (content.imageIds as string[] | undefined) ?? [];
  const confidential = (content.confidential as { attachmentIds?: string[] } | undefined)?.attachmentIds ?? [];
  return [...new Set([...images, ...confidential])];
}
