/**
 * Set-up shared by the payments authorization matrix (payments.matrix.*.test.ts: reading, paying, deposits,
 * payouts): the real app with Stripe replaced by the local fake server, one payment cast, and the request
 * helpers of the matrix. Each file calls `usePaymentsMatrixApp()` once at its top: its own app, database and
 * fake Stripe, started and stopped around that file alone. The bindings below are live.
 */
import { startTestApp, type TestApp } from '../../test-support/harness';
import { FakeStripe } from './testing/fake-stripe';
import {
  idem,
  paymentCast,
  plan,
  signedContract,
  STRIPE_KEY,
  WEBHOOK_SECRET,
  type PaymentCast,
} from './testing/payment-fixtures';

export let app: TestApp;
export let fake: FakeStripe;
export let cast: PaymentCast;
export type Who = { token: string } | null;
export const call = (method: string, path: string, who: Who, body?: unknown, headers: Record<string, string> = {}) =>
  app.http(method, path, { token: who?.token, body, headers });
export const status = async (
  method: string,
  path: string,
  who: Who,
  body?: unknown,
  headers?: Record<string, string>,
) => (await call(method, path, who, body, headers)).status;
export const key = () => ({ 'Idempotency-Key': idem() });

export function usePaymentsMatrixApp(): void {
  beforeAll(async () => {
    fake = await new FakeStripe().start();
    app = await startTestApp({
      SEARCH_SYNC: 'external',
      STRIPE_SECRET_KEY: STRIPE_KEY,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE: fake.url,
      PAYMENT_RECONCILE_INTERVAL_MS: 0,
    });
    cast = await paymentCast(app);
  });
  afterAll(async () => {
    await app.stop();
    await fake.stop();
  });
}

export async function firstPayable() {
  const contractId = await signedContract(app, cast);
  const view = await plan(app, cast.buyer, contractId);
  return { contractId, payableId: view.payables[0].id as string, second: view.payables[1].id as string };
}
