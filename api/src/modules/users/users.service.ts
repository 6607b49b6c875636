import { AppError } from '../../http/errors';
import type { Page } from '../../http/route';
import type { AuditService } from '../audit/audit.service';
import type { AuthService } from '../auth/auth.service';
import type { AuthUser } from '../auth/auth.types';
import { escapeRegex } from '../orgs/orgs.service';
import type { UserModels, UserRecord } from './user.model';

export type UserView = 'self' | 'admin' | 'colleague';

export class UsersService {
  constructor(
    private readonly models: UserModels,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
  ) {}

  async list(
    viewer: AuthUser,
    q: { page: number; pageSize: number; role?: string; q?: string; orgId?: string },
  ): Promise<Page<UserRecord>> {
    if (!viewer.roles.includes('admin')) throw new AppError('FORBIDDEN');
    const filter: Record<string, unknown> = {};
    if (q.role) filter.roles = q.role;
    if (q.orgId) filter.orgId = q.orgId;
    if (q.q)
      filter.$or = [
        { email: { $regex: escapeRegex(q.q), $options: 'i' } },
        { name: { $regex: escapeRegex(q.q), $options: 'i' } },
      ];
    const [items, total] = await Promise.all([
      this.models.User.find(filter)
        .sort({ createdAt: -1, _id: -1 })
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .lean<UserRecord[]>(),
      this.models.User.countDocuments(filter),
    ]);
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  /** Self and admins see everything; colleagues in the same organisation see the public card; others get 404. */
  async get(viewer: AuthUser, id: string): Promise<{ user: UserRecord; view: UserView }> {
    const user = await this.models.User.findById(id).lean<UserRecord>();
    if (!user) throw new AppError('NOT_FOUND');
    if (viewer.id === id) return { user, view: 'self' };
    if (viewer.roles.includes('admin')) return { user, view: 'admin' };
    if (viewer.orgId && user.orgId && String(user.orgId) === viewer.orgId) return { user, view: 'colleague' };
    throw new AppError('NOT_FOUND');
  }

  async updateMe(viewer: AuthUser, body: { name?: string; phone?: string; locale?: string }): Promise<UserRecord> {
    const set: Record<string, unknown> = {};
    for (const k of ['name', 'phone', 'locale'] as const) if (body[k] !== undefined) set[k] = body[k];
    const updated = await this.models.User.findOneAndUpdate(
      { _id: viewer.id },
      { $set: set },
      { new: true },
    ).lean<UserRecord>();
    if (!updated) throw new AppError('NOT_FOUND');
    this.auth.forgetUser(viewer.id);
    return updated;
  }

  async setRoles(
    admin: AuthUser,
    id: string,
    body: { roles: string[]; brokerCertNo?: string; operatorSubmarkets: string[]; officialRegion?: string },
    meta: { ip?: string },
  ): Promise<UserRecord> {
    if (!admin.roles.includes('admin')) throw new AppError('FORBIDDEN');
    // An admin who dropped their own admin role would lock the platform out of its user list.
    if (admin.id === id) throw new AppError('FORBIDDEN', { reason: 'you cannot change your own roles' });
    const before = await this.models.User.findById(id).lean<UserRecord>();
    if (!before) throw new AppError('NOT_FOUND');
    const updated = await this.models.User.findOneAndUpdate(
      { _id: id },
      {
        $set: {
          roles: [...new Set(body.roles)],
          brokerCertNo: body.roles.includes('broker') ? body.brokerCertNo : undefined,
          operatorSubmarkets: body.roles.includes('operator') ? body.operatorSubmarkets : [],
          officialRegion: body.roles.includes('official') ? body.officialRegion : undefined,
        },
      },
      { new: true },
    ).lean<UserRecord>();
    this.auth.forgetUser(id);
    await this.audit.record(admin, {
      entity: 'user',
      entityId: id,
      action: 'set_roles',
      from: (before.roles ?? []).join(','),
      to: body.roles.join(','),
      ...meta,
    });
    return updated!;
  }

  /** An admin lifts a sign-in lock (every address's counter for the account); audited. */
  async unlock(admin: AuthUser, id: string, meta: { ip?: string }): Promise<number> {
    if (!admin.roles.includes('admin')) throw new AppError('FORBIDDEN');
    const user = await this.models.User.findById(id, { email: 1 }).lean<UserRecord>();
    if (!user) throw new AppError('NOT_FOUND');
    const cleared = await this.auth.lockout.unlock(user.email);
    await this.audit.record(admin, { entity: 'user', entityId: id, action: 'unlock', to: String(cleared), ...meta });
    return cleared;
  }

  /** The operators of each of these sub-markets (HUB operators run the hub), for the admins' sub-market list. */
  async operatorsOf(codes: string[]): Promise<Map<string, Array<{ id: string; name: string; email: string }>>> {
    const found = await this.models.User.find(
      { roles: 'operator', operatorSubmarkets: { $in: codes } },
      { name: 1, email: 1, operatorSubmarkets: 1 },
    ).lean<UserRecord[]>();
    const out = new Map<string, Array<{ id: string; name: string; email: string }>>();
    for (const u of found)
      for (const code of u.operatorSubmarkets ?? [])
        if (codes.includes(code))
          out.set(code, [...(out.get(code) ?? []), { id: String(u._id), name: u.name, email: u.email }]);
    return out;
  }

  /** Which of these accounts are locked out from at least one address (for the admin list). */
  lockedEmails(users: UserRecord[]): Promise<Set<string>> {
    return this.auth.lockout.lockedEmails(users.map((u) => u.email));
  }

  /** An admin disables (or enables again) an account; disabling ends its sessions and sockets at once. */
  async setDisabled(admin: AuthUser, id: string, disabled: boolean, meta: { ip?: string }): Promise<UserRecord> {
    if (!admin.roles.includes('admin')) throw new AppError('FORBIDDEN');
    if (admin.id === id) throw new AppError('FORBIDDEN', { reason: 'you cannot disable your own account' });
    const updated = await this.models.User.findOneAndUpdate(
      { _id: id },
      { $set: { disabledAt: disabled ? new Date() : null } },
      { new: true },
    ).lean<UserRecord>();
    if (!updated) throw new AppError('NOT_FOUND');
    if (disabled) await this.auth.endUser(id);
    await this.audit.record(admin, { entity: 'user', entityId: id, action: disabled ? 'disable' : 'enable', ...meta });
    return updated;
  }
}
