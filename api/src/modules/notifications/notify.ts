import { Types } from 'mongoose';
import type { Logger } from 'pino';
import type { UserDirectory } from '../users/user-directory';
import type { MailOutbox } from '../mail/mail-outbox';
import type { NotificationModels } from './notification.model';
import type { NotificationsService, NewNotification } from './notifications.service';

/**
 * The categories a user can switch off (in the notification centre and by e-mail alike). Every event a module
 * announces names one; `account` (security notices) cannot be switched off.
 */
export const notificationCategories = [
  { code: 'listing', zh: '成果与需求审核', en: 'Listing reviews' },
  { code: 'negotiation', zh: '洽谈与报价', en: 'Negotiations and offers' },
  { code: 'broker', zh: '技术经纪', en: 'Brokers' },
  { code: 'contract', zh: '合同签署', en: 'Contract signing' },
  { code: 'registration', zh: '认定登记', en: 'Registration' },
  { code: 'payment', zh: '付款与结算', en: 'Payments and payouts' },
  { code: 'deposit', zh: '保证金', en: 'Deposits' },
  { code: 'challenge', zh: '揭榜挂帅', en: 'Challenges' },
  { code: 'match', zh: '匹配推荐与保存的搜索', en: 'Matches and saved searches' },
  { code: 'financing', zh: '融资对接', en: 'Financing' },
  { code: 'followup', zh: '产业化跟踪', en: 'Industrialisation follow-up' },
  { code: 'evaluation', zh: '成果评估', en: 'Achievement evaluation' },
] as const;
export type NotificationCategory = (typeof notificationCategories)[number]['code'] | 'account';
export const switchableCategories = notificationCategories.map((c) => c.code) as string[];

export interface Recipients {
  /** Every member of these organisations. */
  orgIds?: Array<Types.ObjectId | string | null | undefined>;
  userIds?: Array<Types.ObjectId | string | null | undefined>;
  /** Never these (the actor: nobody is told of what they did themselves). */
  except?: Array<Types.ObjectId | string | null | undefined>;
}

export interface NotifyEvent extends NewNotification {
  category: NotificationCategory;
}

/** What a module's service calls; the null notifier keeps services usable without one (CLI tools, seeds). */
export interface Notifier {
  notify(event: NotifyEvent, to: Recipients): Promise<void>;
  /** Of these notice keys, those already sent (a reminder run skips them); without a store, none. */
  sentKeys?(keys: string[]): Promise<Set<string>>;
}
export const nullNotifier: Notifier = { notify: async () => undefined };

const ids = (list: Recipients['orgIds']) =>
  (list ?? []).filter((x): x is Types.ObjectId | string => !!x).map((x) => String(x));

/**
 * One notify service for every module: resolves the recipients (organisation members and named users, less
 * the actor), drops those who switched the category off, stores the notice once per (user, key), pushes it
 * over socket.io to `user:<id>`, and puts an e-mail in the outbox under `notify:<key>:<user>` — so a retried
 * request notifies nobody twice, in the centre or by mail.
 */
export class NotifyService implements Notifier {
  /** Set once socket.io is attached: pushes the new notice to the user's sockets. */
  push: (userIds: string[], n: NewNotification) => void = () => undefined;

  constructor(
    private readonly models: NotificationModels,
    /** Active accounts by organisation or id, through the users module. */
    private readonly users: UserDirectory,
    private readonly centre: NotificationsService,
    private readonly mail: MailOutbox,
    private readonly logger: Logger,
  ) {}

  async recipients(to: Recipients): Promise<Array<{ _id: Types.ObjectId; email: string }>> {
    const except = new Set(ids(to.except));
    const users = await this.users.activeContacts(ids(to.orgIds), ids(to.userIds));
    return users.filter((u) => !except.has(String(u._id)));
  }

  sentKeys(keys: string[]): Promise<Set<string>> {
    return this.centre.sentKeys(keys);
  }

  async notify(event: NotifyEvent, to: Recipients): Promise<void> {
    const { category, ...notice } = event;
    let users = await this.recipients(to);
    if (!users.length) return;
    if (category !== 'account') {
      const muted = await this.centre.mutedAmong(
        users.map((u) => u._id),
        category,
      );
      users = users.filter((u) => !muted.has(String(u._id)));
    }
    if (!users.length) return;
    await this.centre.notifyUsers(
      users.map((u) => u._id),
      { ...notice, category },
    );
    this.push(
      users.map((u) => String(u._id)),
      notice,
    );
    await this.mail
      .enqueueMany(
        users.map((u) => ({
          key: `notify:${notice.key}:${u._id}`,
          to: [u.email],
          subject: `${notice.title.zh} · ${notice.title.en}`,
          text: `${notice.body.zh}\n\n${notice.body.en}\n\n${notice.link}`,
        })),
      )
      .catch((err) =>
        this.logger.warn({ err: (err as Error).message, key: notice.key }, 'notification mail not queued'),
      );
  }

  async preferences(userId: string): Promise<string[]> {
    const p = await this.models.NotificationPref.findById(userId).lean<{ off?: string[] }>();
    return p?.off ?? [];
  }

  async setPreferences(userId: string, off: string[]): Promise<string[]> {
    const clean = [...new Set(off)].filter((c) => switchableCategories.includes(c)).sort();
    await this.models.NotificationPref.updateOne({ _id: userId }, { $set: { off: clean } }, { upsert: true });
    return clean;
  }
}
