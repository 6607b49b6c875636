import { Types } from 'mongoose';
import { AppError } from '../../http/errors';
import type { Page } from '../../http/route';
import { onModelWrite, ReadCache } from '../../db/write-watch';
import { searchQuerySchema } from '../../shared/search-schemas';
import type { AuthUser } from '../auth/auth.types';
import type { SearchDoc, SearchEngine } from '../search/search-engine';
import { filtersOf } from '../search/search.service';
import type { UserDirectory } from '../users/user-directory';
import type { NotificationModels, NotificationRecord, SavedSearchRecord } from './notification.model';

const MAX_SAVED_PER_USER = 50;
/** How recently a listing must have been first published for its indexing to notify anyone. */
const NEWS_WINDOW_MS = 24 * 3_600_000;

export interface NewNotification {
  key: string;
  type: NotificationRecord['type'];
  category?: string;
  title: { zh: string; en: string };
  body: { zh: string; en: string };
  link: string;
}

const linkOf = (d: SearchDoc) => `/${d.kind === 'achievement' ? 'achievements' : 'needs'}/${d.id}`;

/** The notification centre and saved searches, and the producer that turns new index entries into notices. */
export class NotificationsService {
  constructor(
    private readonly models: NotificationModels,
    private readonly engine: SearchEngine,
    /** Members of an organisation (a saved search's owner organisation), through the users module. */
    private readonly users: UserDirectory,
    cacheMs = 0,
  ) {
    this.muted = new ReadCache(cacheMs);
    if (cacheMs > 0) onModelWrite(models.NotificationPref, () => this.muted.clear());
  }

  /** Who muted a category, per user and category (DIRECTORY_CACHE_MS; any preference write clears it). */
  private readonly muted: ReadCache<boolean>;

  /** Of these notice keys, those some user already holds (a producer that runs again skips them). */
  async sentKeys(keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    return new Set<string>(await this.models.Notification.distinct('key', { key: { $in: keys } }));
  }

  async list(
    user: AuthUser,
    page: number,
    pageSize: number,
    unreadOnly: boolean,
  ): Promise<Page<NotificationRecord> & { unread: number }> {
    const filter: Record<string, unknown> = { userId: user.id };
    if (unreadOnly) filter.readAt = null;
    const [items, total, unread] = await Promise.all([
      this.models.Notification.find(filter)
        .sort({ createdAt: -1, _id: -1 })
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .lean<NotificationRecord[]>(),
      this.models.Notification.countDocuments(filter),
      this.models.Notification.countDocuments({ userId: user.id, readAt: null }),
    ]);
    return { items, total, page, pageSize, unread };
  }

  async markRead(user: AuthUser, id: string): Promise<void> {
    const r = await this.models.Notification.updateOne({ _id: id, userId: user.id }, { $set: { readAt: new Date() } });
    if (r.matchedCount === 0) throw new AppError('NOT_FOUND');
  }

  async markAllRead(user: AuthUser): Promise<number> {
    const r = await this.models.Notification.updateMany(
      { userId: user.id, readAt: null },
      { $set: { readAt: new Date() } },
    );
    return r.modifiedCount;
  }

  /** Stores notices once per (user, key); duplicates from a retried batch are ignored. */
  async notifyUsers(userIds: Types.ObjectId[], n: NewNotification): Promise<void> {
    if (userIds.length === 0) return;
    await this.models.Notification.insertMany(
      userIds.map((userId) => ({ ...n, userId })),
      { ordered: false },
    ).catch((err) => {
      const dupOnly = (err as { writeErrors?: Array<{ code?: number; err?: { code?: number } }> }).writeErrors?.every(
        (e) => (e.code ?? e.err?.code) === 11000,
      );
      if ((err as { code?: number }).code !== 11000 && !dupOnly) throw err;
    });
  }

  /** Of these users, those who switched a notice category off (NotifyService and the saved-search producer obey it). */
  async mutedAmong(userIds: Array<Types.ObjectId | string>, category: string): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const out = new Set<string>();
    const unknown: string[] = [];
    for (const id of userIds.map(String)) {
      const muted = this.muted.get(`${id}|${category}`);
      if (muted === undefined) unknown.push(id);
      else if (muted) out.add(id);
    }
    if (unknown.length === 0) return out;
    const version = this.muted.version;
    const off = await this.models.NotificationPref.find({ _id: { $in: unknown }, off: category }, { _id: 1 }).lean();
    const offIds = new Set(off.map((p) => String(p._id)));
    for (const id of unknown) {
      if (offIds.has(id)) out.add(id);
      this.muted.set(`${id}|${category}`, offIds.has(id), version);
    }
    return out;
  }

  /**
   * Called by search-sync with listings it just indexed: saved searches that the new listings satisfy
   * notify their owners, unless they switched 匹配推荐与保存的搜索 (`match`) off. (Need ↔ achievement match
   * alerts are the search module's digest, search/match-alerts.ts, which sends through NotifyService.)
   */
  async onIndexed(indexed: SearchDoc[]): Promise<void> {
    // Only listings first published recently are news; a revision or a re-index of an old listing is not
    // (and skipping them keeps the indexer's cost per write flat).
    const since = Date.now() - NEWS_WINDOW_MS;
    const docs = indexed.filter((d) => d.publishedAt >= since);
    if (docs.length === 0) return;
    const saved = await this.models.SavedSearch.find({ notify: true }).lean<SavedSearchRecord[]>();
    const muted = await this.mutedAmong([...new Set(saved.map((s) => String(s.userId)))], 'match');
    const ids = docs.map((d) => d.id);
    for (const s of saved) {
      if (muted.has(String(s.userId))) continue;
      const parsed = searchQuerySchema.safeParse(s.query);
      if (!parsed.success) continue;
      const r = await this.engine.search({
        q: parsed.data.q,
        filters: { ...filtersOf(parsed.data), ids },
        facets: [],
        sort: 'newest',
        offset: 0,
        limit: ids.length,
      });
      for (const h of r.hits) {
        await this.notifyUsers([s.userId], {
          key: `saved:${s._id}:${h.doc.id}`,
          type: 'saved_search',
          title: { zh: `保存的搜索「${s.name}」有新结果`, en: `New result for your saved search "${s.name}"` },
          body: { zh: h.doc.title, en: h.doc.title },
          link: linkOf(h.doc),
        });
      }
    }
  }

  private async orgMembers(orgId: string): Promise<Types.ObjectId[]> {
    return (await this.users.memberIds([orgId])).map((id) => new Types.ObjectId(id));
  }

  listSaved(user: AuthUser) {
    return this.models.SavedSearch.find({ userId: user.id }).sort({ createdAt: -1 }).lean<SavedSearchRecord[]>();
  }

  async createSaved(
    user: AuthUser,
    body: { name: string; query: Record<string, string>; notify: boolean },
  ): Promise<SavedSearchRecord> {
    const parsed = searchQuerySchema.safeParse(body.query);
    if (!parsed.success) {
      throw new AppError(
        'VALIDATION_FAILED',
        parsed.error.issues.map((i) => ({ in: 'body', path: `query.${i.path.join('.')}`, message: i.message })),
      );
    }
    if ((await this.models.SavedSearch.countDocuments({ userId: user.id })) >= MAX_SAVED_PER_USER) {
      throw new AppError('VALIDATION_FAILED', [
        { in: 'body', path: '', message: `at most ${MAX_SAVED_PER_USER} saved searches` },
      ]);
    }
    const doc = await this.models.SavedSearch.create({
      userId: new Types.ObjectId(user.id),
      name: body.name,
      query: body.query,
      notify: body.notify,
    });
    return doc.toObject() as SavedSearchRecord;
  }

  async deleteSaved(user: AuthUser, id: string): Promise<void> {
    const r = await this.models.SavedSearch.deleteOne({ _id: id, userId: user.id });
    if (r.deletedCount === 0) throw new AppError('NOT_FOUND');
  }
}

export function presentNotification(n: NotificationRecord) {
  return {
    id: String(n._id),
    type: n.type,
    category: (n as { category?: string | null }).category ?? null,
    title: n.title,
    body: n.body,
    link: n.link,
    readAt: n.readAt ? new Date(n.readAt).toISOString() : null,
    createdAt: new Date(n.createdAt).toISOString(),
  };
}

export function presentSavedSearch(s: SavedSearchRecord) {
  return {
    id: String(s._id),
    name: s.name,
    query: s.query,
    notify: s.notify,
    createdAt: new Date(s.createdAt).toISOString(),
  };
}
