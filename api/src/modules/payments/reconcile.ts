import type { Logger } from 'pino';
import type { PaymentModels } from './payment.model';
import type { ReconcileReportDto } from '../../shared/payment-schemas';
import type { DepositsService } from './deposits.service';
import type { PaymentRecord } from './payment.model';
import { paymentRank } from './payment.state';
import type { PaymentSteps } from './payment-steps';
import type { PayoutsService } from './payouts.service';
import type { StripeSyncService } from './stripe-sync.service';

/**
 * The reconciliation job: Stripe payments still below `succeeded` after `afterMin` minutes are re-read from
 * Stripe (a lost webhook, or a crash between Stripe charging and us recording it, is repaired here); a
 * payment whose intent was never recorded gets it back through the same idempotency key; refunds waiting
 * on Stripe are re-read; pending payouts go to beneficiaries who onboarded since; deposits due back by rule
 * are released. Every step is the same idempotent step the live path takes.
 */
export class Reconciler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<ReconcileReportDto> | null = null;

  constructor(
    private readonly models: PaymentModels,
    private readonly steps: PaymentSteps,
    private readonly stripe: StripeSyncService,
    private readonly payouts: PayoutsService,
    private readonly deposits: DepositsService,
    private readonly afterMin: number,
    private readonly logger: Logger,
  ) {}

  start(intervalMs: number) {
    if (intervalMs <= 0) return;
    this.timer = setInterval(
      () => void this.run().catch((err) => this.logger.warn({ err }, 'payment reconciliation failed')),
      intervalMs,
    );
    this.timer.unref();
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.settled();
  }

  /** Resolves when no pass is in flight (the timer's or a caller's). */
  async settled() {
    await this.running?.catch(() => undefined);
  }

  /** One pass; a pass already running is shared, not doubled. */
  run(opts: { olderThanMs?: number } = {}): Promise<ReconcileReportDto> {
    this.running ??= this.pass(opts.olderThanMs ?? this.afterMin * 60_000).finally(() => (this.running = null));
    return this.running;
  }

  private async pass(olderThanMs: number): Promise<ReconcileReportDto> {
    const r: ReconcileReportDto = {
      checked: 0,
      settled: 0,
      updated: 0,
      unchanged: 0,
      repairedPayables: 0,
      payoutsMade: 0,
      depositsReleased: 0,
      errors: 0,
    };
    const cutoff = new Date(Date.now() - olderThanMs);
    if (this.stripe.port) {
      const stale = await this.models.Payment.find({
        method: 'stripe',
        rank: { $lt: paymentRank.succeeded },
        updatedAt: { $lte: cutoff },
      })
        .limit(500)
        .lean<PaymentRecord[]>();
      for (const p of stale) {
        r.checked++;
        try {
          const outcome = await this.stripe.reread(p);
          if (outcome === 'settled') r.settled++;
          else if (outcome === 'stale' || outcome === 'already settled') r.unchanged++;
          else r.updated++;
        } catch (err) {
          r.errors++;
          this.logger.warn(
            { err: (err as Error).message, paymentId: String(p._id) },
            'reconciliation could not re-read a payment',
          );
        }
      }
      r.payoutsMade = await this.payouts.catchUp();
    }
    // Refunds asked for but not completed: Stripe's are re-read, bank ones (sent back by finance) recorded.
    const refunding = await this.models.Payment.find({
      rank: paymentRank.succeeded,
      'refund.id': { $exists: true },
      'refund.at': null,
    })
      .limit(500)
      .lean<PaymentRecord[]>();
    for (const p of refunding) {
      r.checked++;
      try {
        if (p.method === 'stripe') await this.stripe.requestStripeRefund(p);
        else await this.steps.completeBankRefund(String(p._id));
        r.repairedPayables++;
      } catch (err) {
        r.errors++;
        this.logger.warn(
          { err: (err as Error).message, paymentId: String(p._id) },
          'reconciliation could not complete a refund',
        );
      }
    }
    r.depositsReleased = await this.deposits.releaseDue();
    if (r.settled || r.repairedPayables || r.errors) this.logger.info(r, 'payments reconciled');
    return r;
  }
}
