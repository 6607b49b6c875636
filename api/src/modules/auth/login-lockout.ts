import { AppError } from '../../http/errors';
import type { AuthModels } from './auth.models';
import type { LoginFailureRecord } from './login-failure.model';

export interface LockNotice {
  email: string;
  ip: string;
  lockedUntil: Date;
}

/**
 * Locks an (account, client address) pair after `limit` failed sign-ins within `lockMs`, for `lockMs`. The
 * counters live in MongoDB, so every api instance counts together; a wrong password from one address does
 * not lock the owner out on another. (The per-address request limit still caps how fast anyone guesses.)
 */
export class LoginLockout {
  /** Told once per lock, so the account's owner hears of it. */
  onLocked: (notice: LockNotice) => Promise<void> = async () => undefined;

  constructor(
    private readonly models: Pick<AuthModels, 'LoginFailure'>,
    private readonly limit: number,
    private readonly lockMs: number,
  ) {}

  private key = (email: string, ip: string) => `${email} ${ip}`;

  /** Throws ACCOUNT_LOCKED (with Retry-After) while the pair is locked. */
  async check(email: string, ip: string, now = new Date()): Promise<void> {
    const doc = await this.models.LoginFailure.findById(this.key(email, ip)).lean<LoginFailureRecord>();
    if (doc?.lockedUntil && doc.lockedUntil.getTime() > now.getTime()) {
      const seconds = Math.ceil((doc.lockedUntil.getTime() - now.getTime()) / 1000);
      throw new AppError('ACCOUNT_LOCKED', undefined, { 'Retry-After': String(seconds) });
    }
  }

  async failed(email: string, ip: string, now = new Date()): Promise<void> {
    const _id = this.key(email, ip);
    const { LoginFailure } = this.models;
    let doc = await LoginFailure.findOneAndUpdate(
      { _id, windowEndsAt: { $gt: now } },
      { $inc: { count: 1 } },
      { new: true },
    ).lean<LoginFailureRecord>();
    if (!doc) {
      // The first failure, or the first after the window: the count starts again.
      const fresh = { email, ip, count: 1, windowEndsAt: new Date(now.getTime() + this.lockMs), lockedUntil: null };
      doc = await LoginFailure.findOneAndUpdate({ _id }, { $set: fresh }, { upsert: true, new: true })
        .lean<LoginFailureRecord>()
        .catch(async (err) => {
          if ((err as { code?: number }).code !== 11000) throw err;
          return LoginFailure.findOneAndUpdate(
            { _id },
            { $inc: { count: 1 } },
            { new: true },
          ).lean<LoginFailureRecord>();
        });
    }
    if (!doc || doc.count < this.limit || doc.lockedUntil) return;
    const lockedUntil = new Date(now.getTime() + this.lockMs);
    const locked = await LoginFailure.updateOne({ _id, lockedUntil: null }, { $set: { lockedUntil } });
    if (locked.modifiedCount === 1) await this.onLocked({ email, ip, lockedUntil });
  }

  async succeeded(email: string, ip: string): Promise<void> {
    await this.models.LoginFailure.deleteOne({ _id: this.key(email, ip) });
  }

  /** An admin's unlock: every address's counter for the account goes. */
  async unlock(email: string): Promise<number> {
    return (await this.models.LoginFailure.deleteMany({ email })).deletedCount ?? 0;
  }

  async lockedEmails(emails: string[], now = new Date()): Promise<Set<string>> {
    const rows = await this.models.LoginFailure.find(
      { email: { $in: emails }, lockedUntil: { $gt: now } },
      { email: 1 },
    ).lean<LoginFailureRecord[]>();
    return new Set(rows.map((r) => r.email));
  }

  async purge(now = new Date()): Promise<number> {
    return (
      (
        await this.models.LoginFailure.deleteMany({
          windowEndsAt: { $lt: now },
          $or: [{ lockedUntil: null }, { lockedUntil: { $lt: now } }],
        })
      ).deletedCount ?? 0
    );
  }
}
