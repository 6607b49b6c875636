import { Types } from 'mongoose';
import type { Models } from '../../db/models';
import { AppError } from '../../http/errors';
import type { Page } from '../../http/route';
import type { VerificationStatus } from '../../shared/dto';
import type { CreateOrgBody, VerifyOrgBody } from '../../shared/schemas';
import { submarketForRegion } from '../../shared/taxonomy';
import type { AuditService } from '../audit/audit.service';
import type { AuthService } from '../auth/auth.service';
import type { AuthUser } from '../auth/auth.types';
import type { OrgRecord } from './org.model';
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

export class OrgsService {
  constructor(
    private readonly models: Models,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
  ) {}

  async create(user: AuthUser, body: CreateOrgBody & { tags: string[]; description: string }, meta: Meta) {
    if (user.orgId) throw new AppError('ALREADY_IN_ORG');
    if (await this.models.Org.exists({ creditCode: body.creditCode })) throw new AppError('CREDIT_CODE_TAKEN');
    let org: OrgRecord;
    try {
      const doc = await this.models.Org.create({
        ...pickOrgFields(body),
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
    const attached = await this.models.User.updateOne(
      { _id: user.id, orgId: null },
      { $set: { orgId: org._id, orgRole: 'org_admin' } },
    );
    if (attached.modifiedCount !== 1) {
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

  async update(user: AuthUser, id: string, body: Record<string, unknown>, meta: Meta): Promise<OrgRecord> {
    const org = await this.get(user, id);
    if (!canOrg(user, 'update', org))
      throw canOrg(user, 'readDetail', org) ? new AppError('FORBIDDEN') : new AppError('NOT_FOUND');
    const set: Record<string, unknown> = pickOrgFields(body);
    if (typeof body.regionCode === 'string') set.submarketCode = submarketForRegion(body.regionCode);
    // A rejected organisation that corrects its profile goes back into the queue.
    const resubmit = org.verification?.status === 'rejected' ? nextOrgStatus('rejected', 'resubmit') : null;
    if (resubmit) set['verification.status'] = resubmit;
    const updated = await this.models.Org.findOneAndUpdate(
      { _id: org._id },
      { $set: set },
      { new: true },
    ).lean<OrgRecord>();
    if (!updated) throw new AppError('NOT_FOUND');
    await this.audit.record(user, {
      entity: 'org',
      entityId: id,
      action: resubmit ? 'resubmit' : 'update',
      ...(resubmit ? { from: 'rejected', to: resubmit } : {}),
      ...meta,
    });
    return updated;
  }

  async verify(user: AuthUser, id: string, body: VerifyOrgBody, meta: Meta): Promise<OrgRecord> {
    const org = await this.get(user, id);
    if (!canOrg(user, 'verify', org))
      throw canOrg(user, 'readDetail', org) ? new AppError('FORBIDDEN') : new AppError('NOT_FOUND');
    const from = (org.verification?.status ?? 'pending') as VerificationStatus;
    const to = nextOrgStatus(from, body.decision);
    if (!to) throw new AppError('INVALID_STATE', { from, decision: body.decision });
    // Filter on the expected state so two operators deciding at once cannot both win.
    const updated = await this.models.Org.findOneAndUpdate(
      { _id: org._id, 'verification.status': from },
      { $set: { verification: { status: to, reason: body.reason, decidedAt: new Date(), decidedBy: user.name } } },
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
}

function pickOrgFields(body: Record<string, unknown>) {
  const names = [
    'name',
    'nameEn',
    'regionCode',
    'tags',
    'description',
    'website',
    'contactName',
    'contactPhone',
  ] as const;
  const out: Record<string, unknown> = {};
  for (const n of names) if (body[n] !== undefined) out[n] = body[n];
  return out;
}

export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
