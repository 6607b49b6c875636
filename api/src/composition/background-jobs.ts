import type { AppContext } from '../app-context';

/**
 * The API's periodic work once it listens: the session purge, offer and room expiry, payment reconciliation,
 * due and overdue reminders (payments and follow-up reports), the mail outbox and the daily match digest.
 * Timers are unref'd so they never keep the process alive; the returned `clearTimers` stops them (the
 * workers with a `stop()` of their own are stopped by the server, in order).
 */
export function startBackgroundJobs(ctx: AppContext): { clearTimers(): void } {
  const { config, logger } = ctx;
  const sessionSweep = setInterval(() => void ctx.services.auth.purgeExpired().catch(() => undefined), 3_600_000);
  sessionSweep.unref();
  const negotiationSweep = setInterval(() => {
    void ctx.services.negotiationOffers
      .expireDue()
      .then(() => ctx.services.negotiations.closing.expireIdle())
      .catch((err) => logger.warn({ err }, 'negotiation expiry sweep failed'));
  }, 60_000);
  negotiationSweep.unref();
  ctx.services.payments.reconciler.start(config.PAYMENT_RECONCILE_INTERVAL_MS);
  // Due and overdue reminders: the first run one interval after start (keys make every run idempotent).
  const reminders =
    config.PAYMENT_REMINDER_INTERVAL_MS > 0
      ? setInterval(
          () =>
            void ctx.services.payments.notices
              .runOnce(new Date(), config.PAYMENT_DUE_REMINDER_DAYS)
              .catch((err) => logger.warn({ err }, 'payment reminders failed')),
          config.PAYMENT_REMINDER_INTERVAL_MS,
        )
      : null;
  reminders?.unref();
  // Overdue follow-up reports on the same interval (the plan's claim makes every run idempotent); each run
  // first opens the plans of contracts registered without one.
  const followupReminders =
    config.PAYMENT_REMINDER_INTERVAL_MS > 0
      ? setInterval(
          () =>
            void ctx.services.followup.reminders
              .runOnce(new Date())
              .catch((err) => logger.warn({ err }, 'follow-up reminders failed')),
          config.PAYMENT_REMINDER_INTERVAL_MS,
        )
      : null;
  followupReminders?.unref();
  ctx.services.mail.start(config.MAIL_OUTBOX_INTERVAL_MS);
  // Match alerts go out as one digest per user a day (after 08:00 CST); alerts are stored at indexing.
  ctx.services.matchAlerts.start();
  return {
    clearTimers() {
      clearInterval(sessionSweep);
      clearInterval(negotiationSweep);
      if (reminders) clearInterval(reminders);
      if (followupReminders) clearInterval(followupReminders);
    },
  };
}
