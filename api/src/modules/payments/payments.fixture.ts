/**
 * Set-up shared by the payments end-to-end files (payments.transfers, payments.stripe, payments.deposits):
 * the real app with Stripe replaced by the local fake server, one payment cast, and their helpers. Each
 * test file calls `usePaymentsApp()` once at its top: its own app, database and fake Stripe, started and
 * stopped around that file alone. The bindings below are live: they hold that file's app once started.
 */
import { startTestApp, type TestApp } from '../../test-support/harness';
import type { PaymentRecord } from './payment.model';
import { FakeStripe } from './testing/fake-stripe';
import { idem, paymentCast, STRIPE_KEY, WEBHOOK_SECRET, type PaymentCast } from './testing/payment-fixtures';

export let app: TestApp;
export let fake: FakeStripe;
export let cast: PaymentCast;
export let hook: string;

export function usePaymentsApp(): void {
  beforeAll(async () => {
    fake = await new FakeStripe().start();
    app = await startTestApp({
      SEARCH_SYNC: 'external',
      STRIPE_SECRET_KEY: STRIPE_KEY,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: fake.url,
      PAYMENT_RECONCILE_AFTER_MIN: 0,
      PAYMENT_RECONCILE_INTERVAL_MS: 0,
    });
    cast = await paymentCast(app);
    hook = `${app.url}/api/payments/stripe/webhook`;
  });
  afterAll(async () => {
    await app.stop();
    await fake.stop();
  });
}

export const trial = async () =>
  (await app.http('GET', '/api/payments/ledger/balances', { token: cast.finance.token })).body;
export const balance = (t: { accounts: Array<{ account: string; balanceFen: number }> }, account: string) =>
  t.accounts.find((a) => a.account === account)?.balanceFen ?? 0;
export const payment = (id: string) => app.models.Payment.findById(id).lean<PaymentRecord>();

export async function startStripe(payableId: string, key = idem()) {
  const res = await app.http('POST', `/api/payments/payables/${payableId}/stripe`, {
    token: cast.buyer.token,
    headers: { 'Idempotency-Key': key },
    body: { methodType: 'alipay' },
  });
  if (res.status !== 201) throw new Error(`stripe start failed: ${JSON.stringify(res.body)}`);
  return {
    paymentId: res.body.payment.id as string,
    intentId: res.body.payment.stripe.paymentIntentId as string,
    clientSecret: res.body.clientSecret as string,
  };
}
export const deliver = (type: string, object: Record<string, unknown> & { id: string }, id?: string) =>
  FakeStripe.deliver(hook, WEBHOOK_SECRET, fake.event(type, object, id));
