import { Types } from 'mongoose';
import { AppError } from '../../http/errors';
import type { AuditService } from '../audit/audit.service';
import type { AuthService } from '../auth/auth.service';
import type { AuthUser } from '../auth/auth.types';
import type { NotificationsService } from '../notifications/notifications.service';
import type { UserAccounts } from '../users/user-accounts';
import type { UserRecord } from '../users/user.model';
import { expired, type InvitationRecord } from './invitation.model';
import type { OrgRecord } from './org.model';
import type { OrgModels } from './orgs.models';
import { canOrg } from './orgs.policy';
import type { OrgsService } from './orgs.service';

interface Meta {
  ip?: string;
}

const DAY_MS = 86_400_000;

/**
 * Membership by consent (issue 17, finding 3): an org admin invites an e-mail address, the owner of that
 * account accepts or declines from their account page; members leave, admins remove them, and the last admin
 * of an organisation can do neither to themself. Inviting answers the same whether the address has an
 * account, belongs to an organisation or is unknown, so the form tells an admin nothing about anyone.
 */
export class MembersService {
  constructor(
    private readonly models: OrgModels,
    /** Membership is a field of the account, which the users module owns. */
    private readonly accounts: UserAccounts,
    private readonly orgs: OrgsService,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly notifications: NotificationsService,
    private readonly ttlDays: number,
  ) {}

  private async managed(actor: AuthUser, orgId: string): Promise<OrgRecord> {
    const org = await this.orgs.get(actor, orgId);
    if (!canOrg(actor, 'manageMembers', org))
      throw canOrg(actor, 'readDetail', org) ? new AppError('FORBIDDEN') : new AppError('NOT_FOUND');
    return org;
  }

  async members(viewer: AuthUser, orgId: string): Promise<UserRecord[]> {
    const org = await this.orgs.get(viewer, orgId);
    if (!canOrg(viewer, 'readDetail', org)) throw new AppError('NOT_FOUND');
    return this.accounts.membersOf(org._id);
  }

  async invite(
    actor: AuthUser,
    orgId: string,
    email: string,
    orgRole: 'org_admin' | 'member',
    meta: Meta,
  ): Promise<InvitationRecord> {
    const org = await this.managed(actor, orgId);
    const openKey = `${org._id}:${email}`;
    const open = await this.models.Invitation.findOne({ openKey }).lean<InvitationRecord>();
    // Inviting the same address again renews the open invitation rather than stacking another one.
    if (open && !expired(open)) return open;
    if (open) await this.close(open, 'revoked');
    let invitation: InvitationRecord;
    try {
      const doc = await this.models.Invitation.create({
        orgId: org._id,
        email,
        orgRole,
        openKey,
        invitedBy: new Types.ObjectId(actor.id),
        invitedByName: actor.name,
        expiresAt: new Date(Date.now() + this.ttlDays * DAY_MS),
      });
      invitation = doc.toObject() as InvitationRecord;
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
      return (await this.models.Invitation.findOne({ openKey }).lean<InvitationRecord>())!;
    }
    await this.audit.record(actor, { entity: 'org', entityId: orgId, action: 'invite', to: email, ...meta });
    const invitee = await this.accounts.idByEmail(email);
    if (invitee) {
      await this.notifications.notifyUsers([invitee], {
        key: `invitation:${invitation._id}`,
        type: 'org_invitation',
        title: { zh: `${org.name} 邀请您加入`, en: `${org.name} invites you to join` },
        body: {
          zh: `${actor.name} 邀请您以${orgRole === 'org_admin' ? '管理员' : '成员'}身份加入该机构，请在账户页接受或拒绝。`,
          en: `${actor.name} invites you to join as ${orgRole === 'org_admin' ? 'an admin' : 'a member'}; accept or decline on your account page.`,
        },
        link: '/account',
      });
    }
    return invitation;
  }

  /** Invitations with the organisation each is for (one query; those of a deleted organisation drop out). */
  async withOrgs(rows: InvitationRecord[]): Promise<Array<{ invitation: InvitationRecord; org: OrgRecord }>> {
    const orgs = await this.models.Org.find(
      { _id: { $in: [...new Set(rows.map((r) => String(r.orgId)))] } },
      { name: 1, verification: 1 },
    ).lean<OrgRecord[]>();
    const byId = new Map(orgs.map((o) => [String(o._id), o]));
    return rows
      .filter((r) => byId.has(String(r.orgId)))
      .map((r) => ({ invitation: r, org: byId.get(String(r.orgId))! }));
  }

  /** Open invitations of an organisation, for its admins (expired ones drop out of the list). */
  async invitationsOf(actor: AuthUser, orgId: string): Promise<InvitationRecord[]> {
    const org = await this.managed(actor, orgId);
    const rows = await this.models.Invitation.find({ orgId: org._id, status: 'pending' })
      .sort({ createdAt: -1 })
      .limit(200)
      .lean<InvitationRecord[]>();
    return rows.filter((i) => !expired(i));
  }

  async revoke(actor: AuthUser, orgId: string, invitationId: string, meta: Meta): Promise<InvitationRecord> {
    const org = await this.managed(actor, orgId);
    const invitation = await this.models.Invitation.findOne({
      _id: invitationId,
      orgId: org._id,
    }).lean<InvitationRecord>();
    if (!invitation) throw new AppError('NOT_FOUND');
    if (invitation.status !== 'pending') throw new AppError('INVALID_STATE', { status: invitation.status });
    const closed = await this.close(invitation, 'revoked');
    await this.audit.record(actor, {
      entity: 'org',
      entityId: orgId,
      action: 'revoke_invitation',
      to: invitation.email,
      ...meta,
    });
    return closed;
  }

  /** The signed-in user's open invitations (by their account's e-mail). */
  async mine(user: AuthUser): Promise<InvitationRecord[]> {
    const rows = await this.models.Invitation.find({ email: user.email, status: 'pending' })
      .sort({ createdAt: -1 })
      .limit(50)
      .lean<InvitationRecord[]>();
    return rows.filter((i) => !expired(i));
  }

  private async addressedTo(user: AuthUser, invitationId: string): Promise<InvitationRecord> {
    const invitation = await this.models.Invitation.findById(invitationId).lean<InvitationRecord>();
    // Someone else's invitation looks like a missing one.
    if (!invitation || invitation.email !== user.email) throw new AppError('NOT_FOUND');
    return invitation;
  }

  /**
   * Joins the organisation: the user is attached first (only while in no organisation), then the invitation
   * is closed; a retry after a crash between the two finds the user already in that organisation and
   * completes the second step.
   */
  async accept(
    user: AuthUser,
    invitationId: string,
    meta: Meta,
  ): Promise<{ invitation: InvitationRecord; org: OrgRecord }> {
    const invitation = await this.addressedTo(user, invitationId);
    const joinedAlready =
      invitation.status === 'accepted' || (invitation.status === 'pending' && user.orgId === String(invitation.orgId));
    if (!joinedAlready) {
      if (invitation.status !== 'pending' || expired(invitation)) throw new AppError('INVITATION_EXPIRED');
      if (user.orgId) throw new AppError('ALREADY_IN_ORG');
      const org = await this.models.Org.exists({ _id: invitation.orgId });
      if (!org) throw new AppError('INVITATION_EXPIRED');
      if (!(await this.accounts.join(user.id, invitation.orgId, invitation.orgRole)))
        throw new AppError('ALREADY_IN_ORG');
      this.auth.membershipChanged(user.id);
      await this.audit.record(user, {
        entity: 'org',
        entityId: String(invitation.orgId),
        action: 'join',
        to: user.id,
        ...meta,
      });
    }
    const closed = invitation.status === 'pending' ? await this.close(invitation, 'accepted') : invitation;
    return { invitation: closed, org: (await this.models.Org.findById(invitation.orgId).lean<OrgRecord>())! };
  }

  async decline(user: AuthUser, invitationId: string, meta: Meta): Promise<InvitationRecord> {
    const invitation = await this.addressedTo(user, invitationId);
    if (invitation.status === 'declined') return invitation;
    if (invitation.status !== 'pending' || expired(invitation)) throw new AppError('INVITATION_EXPIRED');
    const closed = await this.close(invitation, 'declined');
    await this.audit.record(user, {
      entity: 'org',
      entityId: String(invitation.orgId),
      action: 'decline_invitation',
      to: user.id,
      ...meta,
    });
    return closed;
  }

  private async close(
    invitation: InvitationRecord,
    status: 'accepted' | 'declined' | 'revoked',
  ): Promise<InvitationRecord> {
    const closed = await this.models.Invitation.findOneAndUpdate(
      { _id: invitation._id, status: 'pending' },
      { $set: { status, openKey: `done:${invitation._id}`, decidedAt: new Date() } },
      { new: true },
    ).lean<InvitationRecord>();
    if (!closed) throw new AppError('INVALID_STATE', { reason: 'decided meanwhile' });
    return closed;
  }

  /** An admin removes a member (or another admin); removing oneself is leaving. */
  async remove(actor: AuthUser, orgId: string, userId: string, meta: Meta): Promise<void> {
    const org = await this.managed(actor, orgId);
    await this.detach(actor, org, userId, 'remove_member', meta);
  }

  async leave(user: AuthUser, orgId: string, meta: Meta): Promise<void> {
    if (user.orgId !== orgId) throw new AppError('NOT_FOUND');
    const org = await this.orgs.get(user, orgId);
    await this.detach(user, org, user.id, 'leave', meta);
  }

  private async detach(
    actor: AuthUser,
    org: OrgRecord,
    userId: string,
    action: 'remove_member' | 'leave',
    meta: Meta,
  ): Promise<void> {
    const target = await this.accounts.memberOf(userId, org._id);
    if (!target) throw new AppError('NOT_FOUND');
    if (target.orgRole === 'org_admin') {
      const admins = await this.accounts.adminCount(org._id);
      if (admins <= 1) throw new AppError('LAST_ORG_ADMIN');
    }
    if (!(await this.accounts.leave(target._id, org._id))) throw new AppError('NOT_FOUND');
    // The member's sessions and sockets must not keep the organisation's rooms or rights.
    this.auth.membershipChanged(userId);
    await this.audit.record(actor, { entity: 'org', entityId: String(org._id), action, to: userId, ...meta });
  }
}
