import crypto from 'node:crypto';
import type { Model } from 'mongoose';
import { AppError } from '../../http/errors';
import type { MailOutbox } from '../mail/mail-outbox';
import type { UserAccounts } from '../users/user-accounts';
import type { UserRecord } from '../users/user.model';
import type { PasswordResetRecord } from './password-reset.model';
import { hashPassword } from './password';

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
/** At most this many links per account in one window; further requests answer the same and send nothing. */
const MAX_PER_WINDOW = 3;
const WINDOW_MS = 15 * 60_000;

export interface PasswordResetOptions {
  ttlMinutes: number;
  publicBaseUrl: string;
}

/**
 * 忘记密码: a one-time link by e-mail. Asking answers the same whether or not the address has an account (no
 * enumeration); the link holds a random token whose hash is stored, expires after `ttlMinutes` and works
 * once — two tabs submitting it race on one guarded update and one wins. Setting the new password ends every
 * session of the account (a thief signed in is signed out), lifts a sign-in lockout and voids the account's
 * other open links.
 */
export class PasswordResets {
  constructor(
    private readonly users: UserAccounts,
    private readonly resets: Model<PasswordResetRecord>,
    private readonly mail: MailOutbox,
    private readonly opts: PasswordResetOptions,
    private readonly afterReset: (user: UserRecord) => Promise<void>,
  ) {}

  async request(email: string, meta: { ip?: string }): Promise<void> {
    const user = await this.users.byEmail(email);
    if (!user || user.disabledAt) return;
    const recent = await this.resets.countDocuments({
      userId: user._id,
      createdAt: { $gt: new Date(Date.now() - WINDOW_MS) },
    });
    if (recent >= MAX_PER_WINDOW) return;
    const token = crypto.randomBytes(32).toString('base64url');
    const id = sha256(token);
    const expiresAt = new Date(Date.now() + this.opts.ttlMinutes * 60_000);
    await this.resets.create({ _id: id, userId: user._id, expiresAt, ip: meta.ip ?? null });
    const link = `${this.opts.publicBaseUrl.replace(/\/$/, '')}/reset-password?token=${token}`;
    await this.mail.enqueue({ key: `password-reset:${id}`, to: [user.email], ...resetMail(user, link, this.opts) });
  }

  async confirm(token: string, password: string): Promise<void> {
    const now = new Date();
    const claimed = await this.resets
      .findOneAndUpdate({ _id: sha256(token), usedAt: null, expiresAt: { $gt: now } }, { $set: { usedAt: now } })
      .lean<PasswordResetRecord>();
    if (!claimed) throw new AppError('RESET_LINK_INVALID');
    const user = await this.users.byId(claimed.userId);
    if (!user || user.disabledAt) throw new AppError('RESET_LINK_INVALID');
    await this.users.setPassword(user._id, await hashPassword(password));
    await this.resets.updateMany({ userId: user._id, usedAt: null }, { $set: { usedAt: now } });
    await this.afterReset(user);
  }

  async purge(now = new Date()): Promise<number> {
    return (await this.resets.deleteMany({ expiresAt: { $lt: now } })).deletedCount ?? 0;
  }
}

function resetMail(user: UserRecord, link: string, opts: PasswordResetOptions) {
  const zh = [
    `${user.name}，您好：`,
    '',
    `我们收到了重置您在东北科技大市场的账户（${user.email}）密码的请求。请在 ${opts.ttlMinutes} 分钟内打开下面的链接设置新密码，链接只能使用一次：`,
    link,
    '',
    '如果这不是您本人的操作，请忽略本邮件，您的密码不会改变。',
  ];
  const en = [
    `Hello ${user.name},`,
    '',
    `Someone asked to reset the password of your Northeast China Technology Grand Market account (${user.email}). Open the link above within ${opts.ttlMinutes} minutes to choose a new password; it works once.`,
    'If this was not you, ignore this message: your password stays as it is.',
  ];
  return { subject: '重置密码 Reset your password · 东北科技大市场', text: [...zh, '', '—', '', ...en].join('\n') };
}
