import type { Logger } from 'pino';
import { whenQuiet } from '../../http/in-flight';
import { BackgroundWork } from '../../background-work';
import type { AppConfig } from '../../config/env';
import type { PaymentModels } from './payment.model';
import { BankPayouts } from './payout-bank.service';
import type { AttachmentsService } from '../attachments/attachments.service';
import type { AuditService } from '../audit/audit.service';
import type { Notifier } from '../notifications/notify';
import type { SettingsService } from '../settings/settings.service';
import { DepositsService } from './deposits.service';
import { PaymentDirectory } from './payment-directory';
import type { PaymentPeers } from './payment-peers';
import { Ledger } from './ledger';
import { MoneyFigures } from './money-figures';
import type { PaymentPort } from './payment-port';
import { PaymentDecisionsService } from './payment-decisions.service';
import { PaymentNotify } from './payment-notify';
import { PaymentStartService } from './payment-start.service';
import { PaymentSteps } from './payment-steps';
import { PayoutsService } from './payouts.service';
import { PlanService } from './plan.service';
import { Reconciler } from './reconcile';
import { StatementsService } from './statements.service';
import { StripeAdapter } from './stripe-adapter';
import { StripeSyncService } from './stripe-sync.service';

/** The Stripe port when STRIPE_SECRET_KEY is set; null = bank transfer only (the embedded default). */
export function paymentPortFrom(config: AppConfig): PaymentPort | null {
  if (!config.STRIPE_SECRET_KEY) return null;
  return new StripeAdapter({
    secretKey: config.STRIPE_SECRET_KEY,
    webhookSecret: config.STRIPE_WEBHOOK_SECRET ?? null,
    apiBase: config.STRIPE_API_BASE,
  });
}

/** Builds the payments module's services on one port (tests pass their own). */
export function createPayments(deps: {
  models: PaymentModels;
  audit: AuditService;
  attachments: AttachmentsService;
  config: AppConfig;
  logger: Logger;
  /** The fee rate and the bank account for 对公转账 (admins change them; the environment gives the defaults). */
  settings: SettingsService;
  /** Rooms, deals, contracts, organisations, people and listings, read through the modules that own them. */
  peers: PaymentPeers;
  port?: PaymentPort | null;
  /** NotifyService (composition/build-context.ts); without it money moves silently (seeds, CLI tools). */
  notify?: Notifier;
}) {
  const { models, audit, attachments, config, logger, settings, peers } = deps;
  const port = deps.port === undefined ? paymentPortFrom(config) : deps.port;
  const stripeEnabled = () => !!port;
  const ledger = new Ledger(models);
  const figures = new MoneyFigures(models, ledger);
  const plans = new PlanService(models, () => settings.feeRateBp(), stripeEnabled, figures, peers);
  const steps = new PaymentSteps(models, ledger, logger);
  const stripeSync = new StripeSyncService(models, steps, port, logger);
  const start = new PaymentStartService(models, steps, stripeSync, plans, audit, attachments);
  const decisions = new PaymentDecisionsService(models, steps, stripeSync, audit);
  const payouts = new PayoutsService(models, ledger, port, config.PUBLIC_BASE_URL, logger, peers.orgs);
  // Not awaited by the settlement (a webhook answers at once); tracked so a test or a stop can await it. Started
  // once the process has answered the requests in flight (http/in-flight.ts): 8 webhooks at once are answered
  // first, then their payouts and notices run.
  const background = new BackgroundWork();
  steps.hooks.afterStripeSettle = (p) =>
    void background
      .track(whenQuiet().then(() => payouts.afterSettle(p)))
      .catch((err) =>
        logger.warn(
          { err: (err as Error).message, paymentId: String(p._id) },
          'payout after settlement failed; reconciliation retries',
        ),
      );
  steps.hooks.afterBankSettle = (p) => payouts.createFor(p);
  // Who must hear of money (issue 13): settled payments, rejections, payouts, deposits, due and overdue.
  const notices = new PaymentNotify(models, logger, peers.contracts);
  if (deps.notify) notices.notifier = deps.notify;
  steps.hooks.afterSettled = (p) => void background.track(whenQuiet().then(() => notices.settled(p)));
  decisions.onRejected = (p, reason) => notices.rejected(p, reason);
  payouts.onPaidOut = (o, reference) => void background.track(notices.payoutSent(o, reference));
  const bankPayouts = new BankPayouts(models, ledger, attachments);
  bankPayouts.onPaidOut = payouts.onPaidOut;
  // Files this module references: finance reads a payer's transfer receipt; the payee and finance a payout's slip.
  attachments.readers.push(
    async (viewer, id) =>
      !!viewer?.roles.includes('finance') && !!(await models.Payment.exists({ 'bank.receiptAttachmentId': id })),
    (viewer, id) => bankPayouts.mayReadSlip(viewer, id),
  );
  stripeSync.onAccountUpdated = (o) => payouts.onAccountUpdated(o);
  const deposits = new DepositsService(models, ledger, audit, port, peers);
  deposits.onDecided = (p, event, reason) => notices.deposit(p, event, reason);
  const statements = new StatementsService(models, ledger, stripeEnabled, figures, peers);
  const reconciler = new Reconciler(
    models,
    steps,
    stripeSync,
    payouts,
    deposits,
    config.PAYMENT_RECONCILE_AFTER_MIN,
    logger,
  );
  const staticConfig = {
    stripeEnabled: !!port,
    publishableKey: config.STRIPE_PUBLISHABLE_KEY ?? null,
    methodTypes: port ? (['card', 'alipay', 'wechat_pay'] as const).slice() : [],
  };
  /** What payers see: how they can pay, and the fee rate and bank account as the admins last set them. */
  const publicConfig = async () => {
    const s = await settings.current();
    return { ...staticConfig, feeRateBp: s.feeRateBp, bankAccount: s.bankAccount };
  };
  /** Resolves when no payout started after a settlement and no reconciliation pass is in flight. */
  const settled = async () => {
    await background.settled();
    await reconciler.settled();
  };
  return {
    directory: new PaymentDirectory(models),
    port,
    ledger,
    figures,
    notices,
    plans,
    steps,
    start,
    decisions,
    stripeSync,
    payouts,
    bankPayouts,
    deposits,
    statements,
    reconciler,
    publicConfig,
    settled,
  };
}

export type Payments = ReturnType<typeof createPayments>;
