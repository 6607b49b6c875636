import crypto from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { AppConfig } from '../../config/env';
import { AppError } from '../../http/errors';
import type { ChangePasswordBody, LoginBody, RegisterBody } from '../../shared/schemas';
import type { UserAccounts } from '../users/user-accounts';
import type { UserRecord } from '../users/user.model';
import type { AuthModels } from './auth.models';
import type { AuthUser } from './auth.types';
import type { MailOutbox } from '../mail/mail-outbox';
import { LoginLockout } from './login-lockout';
import { PasswordResets } from './password-reset';
import { dummyHash, hashPassword, verifyPassword } from './password';

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

export function toAuthUser(u: UserRecord): AuthUser {
  return {
    id: String(u._id),
    email: u.email,
    name: u.name,
    orgId: u.orgId ? String(u.orgId) : null,
    orgRole: (u.orgRole as AuthUser['orgRole']) ?? null,
    roles: (u.roles ?? []) as AuthUser['roles'],
    operatorSubmarkets: u.operatorSubmarkets ?? [],
    officialRegion: u.officialRegion ?? undefined,
  };
}

/** One session (logout) or every session of a user (membership change, account disabled). */
export type SessionsEnded = { sessionId: string } | { userId: string };

interface Resolved {
  user: AuthUser;
  sessionId: string;
  /** The stored user without its password hash, for GET /api/auth/me. */
  record: UserRecord;
}

export class AuthService {
  /**
   * A token is checked against MongoDB at most once per SESSION_CACHE_MS per instance: a database round
   * trip per request would cap /api/auth/me far below the bare-server target. Logout evicts at once here;
   * other instances see the revocation within that window (2 s by default).
   */
  private readonly cache: LRUCache<string, Resolved>;
  readonly lockout: LoginLockout;
  private resets: PasswordResets | null = null;

  constructor(
    private readonly models: AuthModels,
    /** Accounts belong to the users module: sign-up and credentials go through its port. */
    private readonly accounts: UserAccounts,
    private readonly config: AppConfig,
  ) {
    this.cache = new LRUCache({ max: 50_000, ttl: Math.max(config.SESSION_CACHE_MS, 1) });
    this.lockout = new LoginLockout(models, config.LOGIN_ACCOUNT_FAILURES, config.LOGIN_ACCOUNT_LOCK_MIN * 60_000);
  }

  async register(body: RegisterBody & { locale: 'zh-CN' | 'en' }): Promise<UserRecord> {
    if (await this.accounts.emailTaken(body.email)) throw new AppError('EMAIL_TAKEN');
    try {
      return await this.accounts.create({
        email: body.email,
        passwordHash: await hashPassword(body.password),
        name: body.name,
        phone: body.phone,
        locale: body.locale,
        consents: [
          { doc: 'terms', version: body.consent.terms, at: new Date() },
          { doc: 'privacy', version: body.consent.privacy, at: new Date() },
        ],
      });
    } catch (err) {
      if ((err as { code?: number }).code === 11000) throw new AppError('EMAIL_TAKEN');
      throw err;
    }
  }

  /** Password reset sends its link through the outbox, which is built after this service. */
  useMail(mail: MailOutbox): void {
    this.resets = new PasswordResets(
      this.accounts,
      this.models.PasswordReset,
      mail,
      { ttlMinutes: this.config.PASSWORD_RESET_TTL_MIN, publicBaseUrl: this.config.PUBLIC_BASE_URL },
      async (user) => {
        await this.endUser(String(user._id));
        await this.lockout.unlock(user.email);
      },
    );
  }

  private get passwordResets(): PasswordResets {
    if (!this.resets) throw new Error('password reset needs the mail outbox (AuthService.useMail)');
    return this.resets;
  }

  requestPasswordReset(email: string, meta: { ip?: string }): Promise<void> {
    return this.passwordResets.request(email, meta);
  }

  resetPassword(token: string, password: string): Promise<void> {
    return this.passwordResets.confirm(token, password);
  }

  async login(body: LoginBody, meta: { ip?: string; userAgent?: string }) {
    const ip = meta.ip ?? 'unknown';
    await this.lockout.check(body.email, ip);
    const user = await this.accounts.byEmail(body.email);
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), body.password);
    if (!user || !ok) {
      await this.lockout.failed(body.email, ip);
      throw new AppError('INVALID_CREDENTIALS');
    }
    await this.lockout.succeeded(body.email, ip);
    // Told only after the right password, so the answer reveals nothing to someone guessing.
    if (user.disabledAt) throw new AppError('ACCOUNT_DISABLED');
    return { ...(await this.createSession(user, meta)), user };
  }

  async createSession(user: UserRecord, meta: { ip?: string; userAgent?: string }) {
    const token = crypto.randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.SESSION_TTL_HOURS * 3_600_000);
    await this.models.Session.create({
      _id: sha256(token),
      userId: user._id,
      expiresAt,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300),
    });
    return { token, expiresAt };
  }

  async resolve(token: string): Promise<Resolved | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const id = sha256(token);
    const cached = this.cache.get(id);
    if (cached) return cached;
    const session = await this.models.Session.findById(id).lean();
    if (!session || session.revokedAt || session.expiresAt.getTime() <= Date.now()) return null;
    const user = await this.accounts.byId(session.userId);
    if (!user || user.disabledAt) return null;
    const { passwordHash: _hash, ...record } = user;
    const resolved = { user: toAuthUser(user), sessionId: id, record: record as UserRecord };
    this.cache.set(id, resolved);
    return resolved;
  }

  /**
   * Set by the realtime layer: disconnects the sockets of one session or of one user, on every instance
   * (through the Redis adapter when REDIS_URL is set). Without it a socket opened before a logout kept
   * sending and receiving (issue 17, finding 5).
   */
  endSockets: (target: SessionsEnded) => void = () => undefined;

  async logout(sessionId: string): Promise<void> {
    this.cache.delete(sessionId);
    await this.models.Session.updateOne({ _id: sessionId }, { $set: { revokedAt: new Date() } });
    this.endSockets({ sessionId });
  }

  /**
   * Joining or leaving an organisation changes what a user may see and which rooms their sockets belong to:
   * the cached session is dropped and their sockets closed, so they reconnect with rooms decided anew.
   */
  membershipChanged(userId: string): void {
    this.forgetUser(userId);
    this.endSockets({ userId });
  }

  /** Role or membership changes must not wait for the cache to expire. */
  forgetUser(userId: string): void {
    for (const [key, value] of this.cache.entries()) if (value.user.id === userId) this.cache.delete(key);
  }

  /**
   * The signed-in person changes their password with the current one; every other session of the account
   * ends (a stolen session does not outlive the change), the one in use stays.
   */
  async changePassword(userId: string, sessionId: string, body: ChangePasswordBody): Promise<void> {
    const user = await this.accounts.byId(userId);
    if (!user || !(await verifyPassword(user.passwordHash, body.currentPassword))) throw new AppError('WRONG_PASSWORD');
    const passwordHash = await hashPassword(body.newPassword);
    await this.accounts.setPassword(userId, passwordHash, new Date());
    await this.models.Session.updateMany(
      { userId, _id: { $ne: sessionId }, revokedAt: null },
      { $set: { revokedAt: new Date() } },
    );
    for (const [key, value] of this.cache.entries())
      if (value.user.id === userId && key !== sessionId) this.cache.delete(key);
  }

  /** A disabled account: every session revoked, cached copies dropped, sockets closed on every instance. */
  async endUser(userId: string): Promise<void> {
    await this.models.Session.updateMany({ userId, revokedAt: null }, { $set: { revokedAt: new Date() } });
    this.membershipChanged(userId);
  }

  /** Drops cached sessions another instance ended (told through the socket.io adapter). */
  forget(target: SessionsEnded): void {
    if ('sessionId' in target) this.cache.delete(target.sessionId);
    else this.forgetUser(target.userId);
  }

  async purgeExpired(): Promise<number> {
    const res = await this.models.Session.deleteMany({ expiresAt: { $lt: new Date() } });
    await this.lockout.purge();
    await this.resets?.purge();
    return res.deletedCount ?? 0;
  }
}
