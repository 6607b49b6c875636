import { Types } from 'mongoose';
import { AppError } from '../../http/errors';
import type { Page } from '../../http/route';
import type { VerificationStatus } from '../../shared/dto';
import type { CreateOrgBody, OrgLicenceBody, VerifyOrgBody } from '../../shared/schemas';
import type { AttachmentsService } from '../attachments/attachments.service';
import { submarketForRegion } from '../../shared/taxonomy';
import { licenceKindOf } from '../../shared/licence';
import type { AuditService } from '../audit/audit.service';
import type { AuthService } from '../auth/auth.service';
import type { AuthUser } from '../auth/auth.types';
import { refuseOwnOrg } from '../auth/separation-of-duties';
import type { UserAccounts } from '../users/user-accounts';
import type { OrgRecord } from './org.model';
import type { OrgModels } from './orgs.models';
import { withinScope } from '../../http/scope';
import { canOrg, orgListScope } from './orgs.policy';
import { nextOrgStatus } from './orgs.state';

export interface OrgListQuery {
  page: number;
  pageSize: number;
  type?: string;
  regionCode?: string;
  submarketCode?: string;
  status?: VerificationStatus;
  q?: string;
}

interface Meta {
  ip?: string;
}

/** A licence is a photo or scan (image) or a PDF. */
const licenceMimes = /^(image\/(png|jpeg|webp|gif)|application\/pdf)$/;

export class OrgsService {
  constructor(
    private readonly models: Pick<OrgModels, 'Org'>,
    private readonly accounts: UserAccounts,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly attachments: AttachmentsService,
  ) {
    // Operators who verify the organisation (and its members, admins) may open its licence.
    attachments.readers.push((viewer, attachmentId) => this.mayReadLicence(viewer, attachmentId));
  }

  /**
   * The organisation's admin puts its 营业执照 / 事业单位法人证书 on file: one of its own attachments, an
   * image or PDF. A rejected organisation that sends a new document goes back into the queue.
   */
  async setLicence(user: AuthUser, id: string, body: OrgLicenceBody, meta: Meta): Promise<OrgRecord> {
    const org = await this.get(user, id);
    if (!canOrg(user, 'update', org))
      throw canOrg(user, 'readDetail', org) ? new AppError('FORBIDDEN') : new AppError('NOT_FOUND');
    const file = await this.attachments.describeOwned(String(org._id), body.attachmentId);
    if (!licenceMimes.test(file.mime)) throw new AppError('UNSUPPORTED_FILE_TYPE', { allowed: 'image or PDF' });
    const from = (org.verification?.status ?? 'pending') as VerificationStatus;
    const resubmit = from === 'rejected' ? nextOrgStatus('rejected', 'resubmit') : null;
    const licence = {
      attachmentId: body.attachmentId,
      kind: licenceKindOf(org.type),
      filename: file.filename,
      mime: file.mime,
      uploadedAt: new Date(),
      uploadedBy: user.name,
    };
    const updated = await this.models.Org.findOneAndUpdate(
      { _id: org._id },
      { $set: { licence, ...(resubmit ? { 'verification.status': resubmit } : {}) } },
      { new: true },
    ).lean<OrgRecord>();
    if (!updated) throw new AppError('NOT_FOUND');
    const back = resubmit ? { from, reason: 'resubmit' } : {};
    await this.audit.record(user, {
      entity: 'org',
      entityId: id,
      action: 'upload_licence',
      to: file.filename,
      ...back,
      ...meta,
    });
    return updated;
  }

  /** Whether this file is an organisation's licence that the viewer may read (members and its verifiers). */
  private async mayReadLicence(viewer: AuthUser | null, attachmentId: string): Promise<boolean> {
    if (!viewer) return false;
    const org = await this.models.Org.findOne({ 'licence.attachmentId': attachmentId }).lean<OrgRecord>();
    return !!org && (canOrg(viewer, 'verify', org) || canOrg(viewer, 'readDetail', org));
  }

  async create(user: AuthUser, body: CreateOrgBody & { tags: string[]; description: string }, meta: Meta) {
    if (user.orgId) throw new AppError('ALREADY_IN_ORG');
    if (await this.models.Org.exists({ creditCode: body.creditCode })) throw new AppError('CREDIT_CODE_TAKEN');
    let org: OrgRecord;
    try {
      const doc = await this.models.Org.create({
        ...pickFields(body, [...identityFields, ...plainFields]),
        type: body.type,
        creditCode: body.creditCode,
        submarketCode: submarketForRegion(body.regionCode),
        verification: { status: 'pending' },
        createdBy: new Types.ObjectId(user.id),
      });
      org = doc.toObject() as OrgRecord;
    } catch (err) {
      if ((err as { code?: number }).code === 11000) throw new AppError('CREDIT_CODE_TAKEN');
      throw err;
    }
    // Only attach when the user still has no organisation (a concurrent create loses cleanly).
    if (!(await this.accounts.join(user.id, org._id, 'org_admin'))) {
      await this.models.Org.deleteOne({ _id: org._id });
      throw new AppError('ALREADY_IN_ORG');
    }
    this.auth.forgetUser(user.id);
    await this.audit.record(user, {
      entity: 'org',
      entityId: String(org._id),
      action: 'create',
      to: 'pending',
      ...meta,
    });
    return org;
  }

  /** Public callers see verified organisations; staff see their scope and may filter by status. */
  async list(viewer: AuthUser | null, q: OrgListQuery): Promise<Page<OrgRecord>> {
    const asked: Record<string, unknown> = {};
    if (q.type) asked.type = q.type;
    if (q.regionCode) asked.regionCode = q.regionCode;
    if (q.submarketCode) asked.submarketCode = q.submarketCode;
    if (q.q) asked.name = { $regex: escapeRegex(q.q), $options: 'i' };
    const filter = withinScope(orgListScope(viewer, q.status), asked);
    const [items, total] = await Promise.all([
      this.models.Org.find(filter)
        .sort({ createdAt: -1, _id: -1 })
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .lean<OrgRecord[]>(),
      this.models.Org.countDocuments(filter),
    ]);
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  /** A record the caller may not see answers 404, the same as a missing one. */
  async get(viewer: AuthUser | null, id: string): Promise<OrgRecord> {
    const org = await this.models.Org.findById(id).lean<OrgRecord>();
    if (!org || !canOrg(viewer, 'read', org)) throw new AppError('NOT_FOUND');
    return org;
  }

  history(id: string) {
    return this.audit.history('org', id);
  }

  /**
   * Edits the profile. The fields that identify an organisation (name, credit code, type, region) are what
   * an operator verified: on a verified organisation a change to them waits in `pendingChange` for an
   * operator, and the verified values stay shown meanwhile (issue 17, finding 4: a verified organisation
   * renamed itself 东北大学 and stayed verified). Before verification they change at once, but never the
   * sub-market: which sub-market's queue an organisation sits in is an operator's decision.
   */
  async update(user: AuthUser, id: string, body: Record<string, unknown>, meta: Meta): Promise<OrgRecord> {
    const org = await this.get(user, id);
    if (!canOrg(user, 'update', org))
      throw canOrg(user, 'readDetail', org) ? new AppError('FORBIDDEN') : new AppError('NOT_FOUND');
    const status = (org.verification?.status ?? 'pending') as VerificationStatus;
    const set: Record<string, unknown> = pickFields(body, plainFields);
    const identity = pickFields(body, identityFields);
    if (typeof identity.creditCode === 'string' && identity.creditCode !== org.creditCode) {
      if (await this.models.Org.exists({ creditCode: identity.creditCode, _id: { $ne: org._id } }))
        throw new AppError('CREDIT_CODE_TAKEN');
    }
    let action = 'update';
    if (status === 'verified') {
      const change: Record<string, unknown> = { ...(org.pendingChange ?? {}), ...identity };
      // Asking for the verified value again withdraws that part of the request.
      for (const f of identityFields) if (change[f] === undefined || change[f] === org[f]) delete change[f];
      delete change.requestedAt;
      delete change.requestedBy;
      const asked = Object.keys(change).length > 0;
      set.pendingChange = asked ? { ...change, requestedAt: new Date(), requestedBy: user.name } : null;
      if (Object.keys(identity).length > 0) action = asked ? 'request_change' : 'withdraw_change';
    } else Object.assign(set, identity);
    // A rejected organisation that corrects its profile goes back into the queue.
    const resubmit = status === 'rejected' ? nextOrgStatus('rejected', 'resubmit') : null;
    if (resubmit) set['verification.status'] = resubmit;
    let updated: OrgRecord | null;
    try {
      updated = await this.models.Org.findOneAndUpdate(
        { _id: org._id },
        { $set: set },
        { new: true },
      ).lean<OrgRecord>();
    } catch (err) {
      if ((err as { code?: number }).code === 11000) throw new AppError('CREDIT_CODE_TAKEN');
      throw err;
    }
    if (!updated) throw new AppError('NOT_FOUND');
    await this.audit.record(user, {
      entity: 'org',
      entityId: id,
      action: resubmit ? 'resubmit' : action,
      ...(resubmit ? { from: 'rejected', to: resubmit } : {}),
      ...meta,
    });
    return updated;
  }

  /**
   * An operator of the organisation's sub-market (or an admin) decides: a first verification, or a requested
   * change of a verified organisation's identity (approve applies it, reject keeps the verified profile).
   * Approving may move the organisation to another sub-market; without one named it stays where it is,
   * except that an approved change of region follows the region.
   */
  async verify(user: AuthUser, id: string, body: VerifyOrgBody, meta: Meta): Promise<OrgRecord> {
    const org = await this.get(user, id);
    if (!canOrg(user, 'verify', org))
      throw canOrg(user, 'readDetail', org) ? new AppError('FORBIDDEN') : new AppError('NOT_FOUND');
    refuseOwnOrg(user, [org._id]);
    const from = (org.verification?.status ?? 'pending') as VerificationStatus;
    if (from === 'verified' && org.pendingChange) return this.decideChange(user, org, body, meta);
    const to = nextOrgStatus(from, body.decision);
    if (!to) throw new AppError('INVALID_STATE', { from, decision: body.decision });
    // Verification is of the document, not of a typed code alone.
    if (to === 'verified' && !org.licence) throw new AppError('LICENCE_MISSING');
    const move = body.decision === 'approve' && body.submarketCode ? { submarketCode: body.submarketCode } : {};
    // Filter on the expected state so two operators deciding at once cannot both win.
    const updated = await this.models.Org.findOneAndUpdate(
      { _id: org._id, 'verification.status': from },
      {
        $set: {
          ...move,
          verification: { status: to, reason: body.reason, decidedAt: new Date(), decidedBy: user.name },
        },
      },
      { new: true },
    ).lean<OrgRecord>();
    if (!updated) throw new AppError('INVALID_STATE', { from, decision: body.decision });
    await this.audit.record(user, {
      entity: 'org',
      entityId: id,
      action: body.decision,
      from,
      to,
      reason: body.reason,
      ...meta,
    });
    return updated;
  }

  private async decideChange(user: AuthUser, org: OrgRecord, body: VerifyOrgBody, meta: Meta): Promise<OrgRecord> {
    const change = org.pendingChange!;
    const set: Record<string, unknown> = { pendingChange: null };
    if (body.decision === 'approve') {
      for (const f of identityFields) if (change[f] !== undefined && change[f] !== null) set[f] = change[f];
      const region = change.regionCode ?? null;
      if (body.submarketCode || region) set.submarketCode = body.submarketCode ?? submarketForRegion(region!);
      set.verification = { ...org.verification, decidedAt: new Date(), decidedBy: user.name, reason: undefined };
    }
    let updated: OrgRecord | null;
    try {
      // Guarded on the request decided: a newer request made meanwhile is not decided blind.
      updated = await this.models.Org.findOneAndUpdate(
        { _id: org._id, 'pendingChange.requestedAt': change.requestedAt },
        { $set: set },
        { new: true },
      ).lean<OrgRecord>();
    } catch (err) {
      if ((err as { code?: number }).code === 11000) throw new AppError('CREDIT_CODE_TAKEN');
      throw err;
    }
    if (!updated) throw new AppError('EDIT_CONFLICT');
    const summary = identityFields
      .filter((f) => change[f] !== undefined && change[f] !== null)
      .map((f) => `${f}=${String(change[f])}`)
      .join('; ');
    await this.audit.record(user, {
      entity: 'org',
      entityId: String(org._id),
      action: `${body.decision}_change`,
      to: summary,
      reason: body.reason,
      ...meta,
    });
    return updated;
  }
}

/** What identifies an organisation: verified by an operator, changed only through one afterwards. */
const identityFields = ['name', 'creditCode', 'type', 'regionCode'] as const;
const plainFields = ['nameEn', 'tags', 'description', 'website', 'contactName', 'contactPhone'] as const;

function pickFields(body: Record<string, unknown>, names: readonly string[]) {
  const out: Record<string, unknown> = {};
  for (const n of names) if (body[n] !== undefined) out[n] = body[n];
  return out;
}

export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
