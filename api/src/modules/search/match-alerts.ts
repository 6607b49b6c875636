import type { Types } from 'mongoose';
import type { Models } from '../../db/models';
import type { NewNotification } from '../notifications/notifications.service';
import type { MatchAlertRecord } from './match-alert.model';
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

/** The digest cut-off in force at `now` (today's 08:00 CST once it has passed, else yesterday's) and its day. */
export function digestCutoff(now: Date): { cutoff: Date; day: string } {
  const cst = now.getTime() + CST_MS;
  let start = Math.floor(cst / DAY_MS) * DAY_MS + DIGEST_HOUR_CST * 3_600_000;
  if (start > cst) start -= DAY_MS;
  return { cutoff: new Date(start - CST_MS), day: new Date(start).toISOString().slice(0, 10) };
}

const linkOf = (kind: string, id: string) => `/${kind === 'achievement' ? 'achievements' : 'needs'}/${id}`;

/**
 * Need ↔ achievement match alerts as a daily digest per user. When search-sync indexes a newly published
 * listing, the owners of counterparts it matches above the alert threshold (match-score.ts) get a pending
 * alert — once per (user, own listing, counterpart). Once a day after 08:00 CST each user with pending
 * alerts gets one notification through the notifications module listing them, best first, with the reasons.
 */
export class MatchAlerts {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly models: Models,
    private readonly matches: MatchService,
    private readonly notifications: { notifyUsers(userIds: Types.ObjectId[], n: NewNotification): Promise<void> },
  ) {}

  /** Called by search-sync with the listings it just indexed. */
  async onIndexed(indexed: SearchDoc[]): Promise<void> {
    const since = Date.now() - NEWS_WINDOW_MS;
    for (const doc of indexed.filter((d) => d.publishedAt >= since)) {
      for (const m of await this.matches.alertsFor(doc, MAX_ALERTS_PER_LISTING)) {
        const users = await this.models.User.find({ orgId: m.doc.orgId }, { _id: 1 }).lean();
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
          users.map((u) => ({ ...alert, userId: u._id })),
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
    const { cutoff, day } = digestCutoff(now);
    const pending = await this.models.MatchAlert.find({ sentAt: null, createdAt: { $lt: cutoff } })
      .sort({ createdAt: 1 })
      .limit(10_000)
      .lean<MatchAlertRecord[]>();
    const byUser = new Map<string, MatchAlertRecord[]>();
    for (const a of pending) byUser.set(String(a.userId), [...(byUser.get(String(a.userId)) ?? []), a]);
    for (const alerts of byUser.values()) {
      await this.notifications.notifyUsers([alerts[0].userId], digestOf(alerts, day));
      await this.models.MatchAlert.updateMany({ _id: { $in: alerts.map((a) => a._id) } }, { $set: { sentAt: now } });
    }
    return byUser.size;
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
export function digestOf(alerts: MatchAlertRecord[], day: string): NewNotification {
  const best = [...alerts].sort((a, b) => b.score - a.score);
  const lines = best.slice(0, DIGEST_LINES);
  const more = best.length - lines.length;
  const kindZh = (k: string) => (k === 'need' ? '需求' : '成果');
  return {
    key: `match-digest:${day}`,
    type: 'listing_match',
    title: {
      zh: `匹配日报（${day}）：${best.length} 条新的匹配`,
      en: `Daily matches (${day}): ${best.length} new`,
    },
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
