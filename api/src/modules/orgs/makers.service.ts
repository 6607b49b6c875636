import { Types } from 'mongoose';
import { AppError } from '../../http/errors';
import type { Page } from '../../http/route';
import {
  isMakerOrgType,
  makerOrgTypes,
  makerTypeOf,
  maskResidentId,
  type MakerDto,
  type MakerListQuery,
  type RegisterMakerBody,
  type UpdateMakerBody,
} from '../../shared/makers';
import { submarketForRegion } from '../../shared/taxonomy';
import type { AuditService } from '../audit/audit.service';
import type { AuthService } from '../auth/auth.service';
import type { AuthUser } from '../auth/auth.types';
import { makerIdHash } from './maker-identity';
import type { MembersService } from './members.service';
import type { OrgRecord } from './org.model';
import type { OrgModels } from './orgs.models';
import type { UserAccounts } from '../users/user-accounts';
import { canOrg } from './orgs.policy';
import { escapeRegex } from './org-fields';
import type { OrgsService } from './orgs.service';

interface Meta {
  ip?: string;
}

/**
 * Makers (创客, issue 16 item 5): a signed-in person without an organisation registers as an individual maker
 * or founds a maker team. Either is an organisation of a maker type — so achievements, challenge proposals,
 * financing requests and contracts work as for any organisation — identified by a resident ID kept masked and
 * hashed (maker-identity.ts) instead of a credit code. Verification is the organisations' own: an ID document
 * through PUT /api/orgs/:id/licence, an operator's decision through PUT /api/orgs/:id/verify.
 */
export class MakersService {
  constructor(
    private readonly models: Pick<OrgModels, 'Org'>,
    /** Membership is a field of the account, which the users module owns. */
    private readonly accounts: UserAccounts,
    private readonly orgs: OrgsService,
    private readonly members: MembersService,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
  ) {}

  async register(user: AuthUser, body: RegisterMakerBody, meta: Meta): Promise<OrgRecord> {
    if (user.orgId) throw new AppError('ALREADY_IN_ORG');
    // Platform staff decide on makers' records; they do not become one (separation of duties). Brokers may.
    if (user.roles.some((r) => r !== 'broker')) throw new AppError('FORBIDDEN');
    const idHash = makerIdHash(body.idNumber);
    const _id = new Types.ObjectId();
    // One person is one individual maker; a team is its own party, whoever leads it.
    const makerKey = body.kind === 'individual' ? `person:${idHash}` : `team:${_id}`;
    if (body.kind === 'individual' && (await this.models.Org.exists({ makerKey })))
      throw new AppError('MAKER_ID_TAKEN');
    let org: OrgRecord;
    try {
      const doc = await this.models.Org.create({
        _id,
        name: body.kind === 'individual' ? body.realName : body.teamName,
        type: makerTypeOf(body.kind),
        makerKey,
        maker: {
          kind: body.kind,
          leaderName: body.kind === 'team' ? body.leaderName : undefined,
          idMasked: maskResidentId(body.idNumber),
          idHash,
          fields: body.fields,
          skills: body.skills,
        },
        regionCode: body.regionCode,
        submarketCode: submarketForRegion(body.regionCode),
        description: body.bio,
        contactName: body.kind === 'individual' ? body.realName : body.leaderName,
        contactPhone: body.contactPhone,
        verification: { status: 'pending' },
        createdBy: new Types.ObjectId(user.id),
      });
      org = doc.toObject() as OrgRecord;
    } catch (err) {
      if ((err as { code?: number }).code === 11000) throw new AppError('MAKER_ID_TAKEN');
      throw err;
    }
    // Only attach when the user still has no organisation (a concurrent registration loses cleanly).
    if (!(await this.accounts.join(user.id, org._id, 'org_admin'))) {
      await this.models.Org.deleteOne({ _id: org._id });
      throw new AppError('ALREADY_IN_ORG');
    }
    this.auth.forgetUser(user.id);
    const actor: AuthUser = { ...user, orgId: String(org._id), orgRole: 'org_admin' };
    await this.audit.record(actor, {
      entity: 'org',
      entityId: String(org._id),
      action: 'register_maker',
      to: 'pending',
      ...meta,
    });
    // Team members join through the organisations' invitation flow: they accept on their account page.
    if (body.kind === 'team')
      for (const email of [...new Set(body.inviteEmails)].filter((e) => e !== user.email))
        await this.members.invite(actor, String(org._id), email, 'member', meta);
    return org;
  }

  async update(user: AuthUser, id: string, body: UpdateMakerBody, meta: Meta): Promise<OrgRecord> {
    const org = await this.get(user, id);
    if (!canOrg(user, 'update', org))
      throw canOrg(user, 'readDetail', org) ? new AppError('FORBIDDEN') : new AppError('NOT_FOUND');
    const set: Record<string, unknown> = {};
    if (body.fields) set['maker.fields'] = body.fields;
    if (body.skills) set['maker.skills'] = body.skills;
    if (body.bio !== undefined) set.description = body.bio;
    if (body.contactPhone !== undefined) set.contactPhone = body.contactPhone;
    const updated = await this.models.Org.findOneAndUpdate(
      { _id: org._id, type: org.type },
      { $set: set },
      { new: true },
    ).lean<OrgRecord>();
    if (!updated) throw new AppError('NOT_FOUND');
    await this.audit.record(user, { entity: 'org', entityId: id, action: 'update_maker', ...meta });
    return updated;
  }

  /** A maker the caller may see (verified ones: everybody; others: its members and staff), else 404. */
  async get(viewer: AuthUser | null, id: string): Promise<OrgRecord> {
    const org = await this.orgs.get(viewer, id).catch(() => null);
    if (!org || !isMakerOrgType(org.type) || !org.maker) throw new AppError('NOT_A_MAKER');
    return org;
  }

  /** The public directory: verified makers, by kind, field, region and name, newest first. */
  async list(q: MakerListQuery): Promise<Page<OrgRecord>> {
    const filter: Record<string, unknown> = {
      type: q.kind ? makerTypeOf(q.kind) : { $in: [...makerOrgTypes] },
      'verification.status': 'verified',
    };
    if (q.fieldCode) filter['maker.fields'] = q.fieldCode;
    if (q.regionCode) filter.regionCode = q.regionCode;
    if (q.q) filter.name = { $regex: escapeRegex(q.q), $options: 'i' };
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
}

/** Public card; the maker itself and staff also see the masked ID, the phone and why it was returned. */
export function presentMaker(o: OrgRecord, detail: boolean): MakerDto {
  const m = o.maker!;
  return {
    id: String(o._id),
    kind: m.kind as MakerDto['kind'],
    name: o.name,
    regionCode: o.regionCode,
    fields: m.fields ?? [],
    skills: m.skills ?? [],
    bio: o.description ?? '',
    verificationStatus: (o.verification?.status ?? 'pending') as MakerDto['verificationStatus'],
    createdAt: new Date(o.createdAt).toISOString(),
    ...(m.leaderName ? { leaderName: m.leaderName } : {}),
    ...(detail
      ? {
          idMasked: m.idMasked,
          contactPhone: o.contactPhone ?? undefined,
          verificationReason: o.verification?.reason ?? undefined,
        }
      : {}),
  };
}
