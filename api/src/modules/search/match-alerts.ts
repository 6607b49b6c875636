import { Types } from 'mongoose';
import type { NewNotification } from '../notifications/notifications.service';
import type { Notifier } from '../notifications/notify';
import type { UserDirectory } from '../users/user-directory';
import type { DigestFrequency, MatchAlertRecord } from './match-alert.model';
import type { SearchModels } from './search.models';
import type { MatchService } from './match.service';
import type { SearchDoc } from './search-engine';

/** How recently a listing must have been first published for its indexing to alert anyone. */
const NEWS_WINDOW_MS = 24 * 3_600_000;
const MAX_ALERTS_PER_LISTING = 20;
/** Digests go out after 08:00 China Standard Time, with what arrived up to then. */
const DIGEST_HOUR_CST = 8;
const CST_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
/** Lines of a digest; the rest are counted ("… and 7 more"). */
const DIGEST_LINES = 5;
const CHECK_EVERY_MS = 15 * 60_000;

/**
 * The digest cut-off in force at `now` and its day: daily, today's 08:00 CST once it has passed, else
 * yesterday's; weekly, the latest Monday 08:00 CST.
 */
export function digestCutoff(now: Date, frequency: DigestFrequency = 'daily'): { cutoff: Date; day: string } {
  const cst = now.getTime() + CST_MS;
  let start = Math.floor(cst / DAY_MS) * DAY_MS + DIGEST_HOUR_CST * 3_600_000;
  if (start > cst) start -= DAY_MS;
  // CST wall time held as UTC: getUTCDay() is the weekday in China (1 = Monday).
  if (frequency === 'weekly') while (new Date(start).getUTCDay() !== 1) start -= DAY_MS;
  return { cutoff: new Date(start - CST_MS), day: new Date(start).toISOString().slice(0, 10) };
}

const linkOf = (kind: string, id: string) => `/${kind === 'achievement' ? 'achievements' : 'needs'}/${id}`;

/**
 * Need ↔ achievement match alerts as a digest per user. When search-sync indexes a newly published
 * listing, the owners of counterparts it matches above the alert threshold (match-score.ts) get a pending
 * alert — once per (user, own listing, counterpart). After 08:00 CST each user with pending alerts gets one
 * notice listing them, best first, with the reasons: every day, or on Mondays for those who chose a weekly
 * digest. The notice goes through the notify service, so a user who switched `match` off gets none (in the
 * centre or by e-mail) and the alerts are marked handled all the same.
 */
export class MatchAlerts {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly models: Pick<SearchModels, 'MatchAlert' | 'MatchDigestPref'>,
    private readonly matches: MatchService,
    private readonly users: Pick<UserDirectory, 'memberIds'>,
    private readonly notifier: Notifier,
  ) {}

  async frequency(userId: string): Promise<DigestFrequency> {
    const row = await this.models.MatchDigestPref.findById(userId).lean<{ frequency: DigestFrequency }>();
    return row?.frequency ?? 'daily';
  }

  async setFrequency(userId: string, frequency: DigestFrequency): Promise<DigestFrequency> {
    await this.models.MatchDigestPref.updateOne({ _id: userId }, { $set: { frequency } }, { upsert: true });
    return frequency;
  }

  /** Called by search-sync with the listings it just indexed. */
  async onIndexed(indexed: SearchDoc[]): Promise<void> {
    const since = Date.now() - NEWS_WINDOW_MS;
    for (const doc of indexed.filter((d) => d.publishedAt >= since)) {
      for (const m of await this.matches.alertsFor(doc, MAX_ALERTS_PER_LISTING)) {
        const users = m.doc.orgId ? await this.users.memberIds([m.doc.orgId]) : [];
        if (users.length === 0) continue;
        const alert = {
          ownId: m.doc.id,
          ownTitle: m.doc.title,
          otherId: doc.id,
          otherKind: doc.kind,
          otherTitle: doc.title,
          score: m.score,
          reasons: { zh: m.reasons.map((r) => r.zh).join('；'), en: m.reasons.map((r) => r.en).join('; ') },
        };
        await this.models.MatchAlert.insertMany(
          users.map((u) => ({ ...alert, userId: new Types.ObjectId(u) })),
          { ordered: false },
        ).catch((err) => {
          const writeErrors = (err as { writeErrors?: Array<{ code?: number; err?: { code?: number } }> }).writeErrors;
          const dupOnly = writeErrors?.every((e) => (e.code ?? e.err?.code) === 11000);
          if ((err as { code?: number }).code !== 11000 && !dupOnly) throw err;
        });
      }
    }
  }

  /**
   * Sends every user their digest of the alerts pending before the cut-off in force at `now`; idempotent
   * (a digest's key is its day, and sent alerts are marked). Returns how many digests were sent.
   */
  async sendDigests(now = new Date()): Promise<number> {
    const daily = digestCutoff(now, 'daily');
    const weekly = digestCutoff(now, 'weekly');
    const pending = await this.models.MatchAlert.find({ sentAt: null, createdAt: { $lt: daily.cutoff } })
      .sort({ createdAt: 1 })
      .limit(10_000)
      .lean<MatchAlertRecord[]>();
    const byUser = new Map<string, MatchAlertRecord[]>();
    for (const a of pending) byUser.set(String(a.userId), [...(byUser.get(String(a.userId)) ?? []), a]);
    const weeklyUsers = new Set(
      (
        await this.models.MatchDigestPref.find(
          { _id: { $in: [...byUser.keys()] }, frequency: 'weekly' },
          { _id: 1 },
        ).lean<Array<{ _id: Types.ObjectId }>>()
      ).map((p) => String(p._id)),
    );
    let sent = 0;
    for (const [userId, all] of byUser) {
      const week = weeklyUsers.has(userId);
      // A weekly reader's alerts wait for the Monday cut-off; what came after it waits for the next one.
      const alerts = week ? all.filter((a) => a.createdAt < weekly.cutoff) : all;
      if (alerts.length === 0) continue;
      await this.notifier.notify(
        { ...digestOf(alerts, week ? weekly.day : daily.day, week ? 'weekly' : 'daily'), category: 'match' },
        { userIds: [userId] },
      );
      await this.models.MatchAlert.updateMany({ _id: { $in: alerts.map((a) => a._id) } }, { $set: { sentAt: now } });
      sent++;
    }
    return sent;
  }

  /** Checks for due digests every 15 minutes (several API instances send each digest once: its key is unique). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.running = this.sendDigests().catch(() => undefined);
    }, CHECK_EVERY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}

/** One user's digest: the count, then the best matches with their reasons. */
export function digestOf(
  alerts: MatchAlertRecord[],
  day: string,
  frequency: DigestFrequency = 'daily',
): NewNotification {
  const best = [...alerts].sort((a, b) => b.score - a.score);
  const lines = best.slice(0, DIGEST_LINES);
  const more = best.length - lines.length;
  const kindZh = (k: string) => (k === 'need' ? '需求' : '成果');
  return {
    key: frequency === 'weekly' ? `match-digest:week:${day}` : `match-digest:${day}`,
    type: 'listing_match',
    title:
      frequency === 'weekly'
        ? {
            zh: `匹配周报（${day} 周）：${best.length} 条新的匹配`,
            en: `Weekly matches (week of ${day}): ${best.length} new`,
          }
        : { zh: `匹配日报（${day}）：${best.length} 条新的匹配`, en: `Daily matches (${day}): ${best.length} new` },
    body: {
      zh:
        lines.map((a) => `「${a.ownTitle}」↔ ${kindZh(a.otherKind)}「${a.otherTitle}」：${a.reasons.zh}`).join('\n') +
        (more > 0 ? `\n……另有 ${more} 条` : ''),
      en:
        lines.map((a) => `"${a.ownTitle}" ↔ ${a.otherKind} "${a.otherTitle}": ${a.reasons.en}`).join('\n') +
        (more > 0 ? `\n… and ${more} more` : ''),
    },
    link: linkOf(best[0].otherKind, best[0].otherId),
  };
}
