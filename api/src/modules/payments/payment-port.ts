import type { StripeMethodType } from '../../shared/payment-schemas';

/** A PaymentIntent as the payments service needs it (Stripe's statuses, our metadata). */
export interface IntentView {
  id: string;
  status:
    | 'requires_payment_method'
    | 'requires_confirmation'
    | 'requires_action'
    | 'processing'
    | 'requires_capture'
    | 'canceled'
    | 'succeeded';
  amount: number;
  currency: string;
  clientSecret: string | null;
  metadata: Record<string, string>;
}

export interface RefundView {
  id: string;
  status: 'pending' | 'requires_action' | 'succeeded' | 'failed' | 'canceled';
  paymentIntentId: string | null;
  amount: number;
  metadata: Record<string, string>;
}

export interface AccountView {
  id: string;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
}

/** The fields of an event's object that processing reads (PaymentIntent, Refund, Charge, Account). */
export interface EventObject {
  id?: string;
  object?: string;
  status?: string;
  amount?: number;
  currency?: string;
  metadata?: Record<string, string>;
  refunded?: boolean;
  payment_intent?: unknown;
  charges_enabled?: boolean;
  payouts_enabled?: boolean;
  details_submitted?: boolean;
}

/** A verified webhook event: only what processing reads. */
export interface PortEvent {
  id: string;
  type: string;
  created: number;
  object: EventObject;
}

/**
 * The payments port: everything the service asks of a payment provider. Idempotency keys are always derived
 * from our own ids by the caller, so a retried call after a crash or a timeout is the same call to Stripe.
 * The Stripe adapter (`stripe-adapter.ts`) is the only implementation; without STRIPE_SECRET_KEY there is no
 * port and only bank transfer is offered.
 */
export interface PaymentPort {
  readonly name: string;
  createPaymentIntent(input: {
    amountFen: number;
    methodType: StripeMethodType;
    description: string;
    metadata: Record<string, string>;
    idempotencyKey: string;
  }): Promise<IntentView>;
  retrievePaymentIntent(id: string): Promise<IntentView>;
  /** Cancels an unfinished intent so it can never be paid later (a new attempt supersedes it). */
  cancelPaymentIntent(id: string, idempotencyKey: string): Promise<IntentView>;
  createRefund(input: {
    paymentIntentId: string;
    metadata: Record<string, string>;
    idempotencyKey: string;
  }): Promise<RefundView>;
  retrieveRefund(id: string): Promise<RefundView>;
  createConnectAccount(input: {
    email: string | null;
    metadata: Record<string, string>;
    idempotencyKey: string;
  }): Promise<AccountView>;
  retrieveAccount(id: string): Promise<AccountView>;
  createAccountLink(input: { account: string; refreshUrl: string; returnUrl: string }): Promise<{ url: string }>;
  createTransfer(input: {
    amountFen: number;
    destination: string;
    transferGroup: string;
    metadata: Record<string, string>;
    idempotencyKey: string;
  }): Promise<{ id: string }>;
  /** Checks `Stripe-Signature` against the raw bytes; throws on a bad or stale signature. */
  verifyWebhook(rawBody: Buffer, signature: string): PortEvent;
}

export class ProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}
