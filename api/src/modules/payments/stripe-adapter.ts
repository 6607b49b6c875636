import Stripe from 'stripe';
import type { AccountView, IntentView, PaymentPort, PortEvent, RefundView } from './payment-port';
import { ProviderError } from './payment-port';

export interface StripeAdapterOptions {
  secretKey: string;
  webhookSecret: string | null;
  /** STRIPE_API_BASE: another server speaking Stripe's API (the local fake, stripe-mock). */
  apiBase?: string;
  maxNetworkRetries?: number;
  timeoutMs?: number;
}

const intentView = (pi: Stripe.PaymentIntent): IntentView => ({
  id: pi.id,
  status: pi.status as IntentView['status'],
  amount: pi.amount,
  currency: pi.currency,
  clientSecret: pi.client_secret ?? null,
  metadata: (pi.metadata ?? {}) as Record<string, string>,
});
const refundView = (r: Stripe.Refund): RefundView => ({
  id: r.id,
  status: (r.status ?? 'pending') as RefundView['status'],
  paymentIntentId: typeof r.payment_intent === 'string' ? r.payment_intent : (r.payment_intent?.id ?? null),
  amount: r.amount,
  metadata: (r.metadata ?? {}) as Record<string, string>,
});
const accountView = (a: Stripe.Account): AccountView => ({
  id: a.id,
  chargesEnabled: !!a.charges_enabled,
  payoutsEnabled: !!a.payouts_enabled,
  detailsSubmitted: !!a.details_submitted,
});

/**
 * The payments port on the official `stripe` client. CNY in 分 (Stripe's smallest unit for cny), card,
 * Alipay and WeChat Pay as PaymentIntent method types, Connect Express accounts for sellers and brokers.
 * Network errors and 5xx are retried by the client (same idempotency key); they surface as retryable.
 */
export class StripeAdapter implements PaymentPort {
  readonly name = 'stripe';
  private readonly stripe: Stripe;

  constructor(private readonly opts: StripeAdapterOptions) {
    const base = opts.apiBase ? new URL(opts.apiBase) : null;
    this.stripe = new Stripe(opts.secretKey, {
      maxNetworkRetries: opts.maxNetworkRetries ?? 2,
      timeout: opts.timeoutMs ?? 20_000,
      telemetry: false,
      appInfo: { name: 'nekj-market' },
      ...(base
        ? {
            host: base.hostname,
            port: base.port || (base.protocol === 'https:' ? 443 : 80),
            protocol: base.protocol.replace(':', '') as 'http' | 'https',
          }
        : {}),
    });
  }

  private async call<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      const e = err as { type?: string; statusCode?: number; message?: string };
      const retryable =
        e.type === 'StripeConnectionError' ||
        e.type === 'StripeAPIError' ||
        e.type === 'StripeRateLimitError' ||
        (e.statusCode ?? 0) >= 500;
      throw new ProviderError(`stripe: ${e.message ?? String(err)}`, retryable);
    }
  }

  createPaymentIntent(input: Parameters<PaymentPort['createPaymentIntent']>[0]) {
    return this.call(async () =>
      intentView(
        await this.stripe.paymentIntents.create(
          {
            amount: input.amountFen,
            currency: 'cny',
            allowed_payment_method_types: [input.methodType],
            description: input.description,
            metadata: input.metadata,
          },
          { idempotencyKey: input.idempotencyKey },
        ),
      ),
    );
  }

  retrievePaymentIntent(id: string) {
    return this.call(async () => intentView(await this.stripe.paymentIntents.retrieve(id)));
  }

  cancelPaymentIntent(id: string, idempotencyKey: string) {
    return this.call(async () => intentView(await this.stripe.paymentIntents.cancel(id, {}, { idempotencyKey })));
  }

  createRefund(input: Parameters<PaymentPort['createRefund']>[0]) {
    return this.call(async () =>
      refundView(
        await this.stripe.refunds.create(
          { payment_intent: input.paymentIntentId, metadata: input.metadata },
          { idempotencyKey: input.idempotencyKey },
        ),
      ),
    );
  }

  retrieveRefund(id: string) {
    return this.call(async () => refundView(await this.stripe.refunds.retrieve(id)));
  }

  createConnectAccount(input: Parameters<PaymentPort['createConnectAccount']>[0]) {
    return this.call(async () =>
      accountView(
        await this.stripe.accounts.create(
          {
            type: 'express',
            ...(input.email ? { email: input.email } : {}),
            capabilities: { transfers: { requested: true } },
            metadata: input.metadata,
          },
          { idempotencyKey: input.idempotencyKey },
        ),
      ),
    );
  }

  retrieveAccount(id: string) {
    return this.call(async () => accountView(await this.stripe.accounts.retrieve(id)));
  }

  createAccountLink(input: Parameters<PaymentPort['createAccountLink']>[0]) {
    return this.call(async () => {
      const link = await this.stripe.accountLinks.create({
        account: input.account,
        refresh_url: input.refreshUrl,
        return_url: input.returnUrl,
        type: 'account_onboarding',
      });
      return { url: link.url };
    });
  }

  createTransfer(input: Parameters<PaymentPort['createTransfer']>[0]) {
    return this.call(async () => {
      const t = await this.stripe.transfers.create(
        {
          amount: input.amountFen,
          currency: 'cny',
          destination: input.destination,
          transfer_group: input.transferGroup,
          metadata: input.metadata,
        },
        { idempotencyKey: input.idempotencyKey },
      );
      return { id: t.id };
    });
  }

  verifyWebhook(rawBody: Buffer, signature: string): PortEvent {
    if (!this.opts.webhookSecret) throw new Error('STRIPE_WEBHOOK_SECRET is not set');
    const event = this.stripe.webhooks.constructEvent(rawBody, signature, this.opts.webhookSecret);
    return {
      id: event.id,
      type: event.type,
      created: event.created,
      object: event.data.object as unknown as PortEvent['object'],
    };
  }
}

/** Signs a payload the way Stripe does (tests, the bench and the fake server's event sender). */
export function signWebhookPayload(payload: string, secret: string, timestamp?: number): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp ? { timestamp } : {}) });
}
