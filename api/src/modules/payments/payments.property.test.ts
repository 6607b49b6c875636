/**
 * Property test: random sequences of what payers, Stripe, finance and crashes can do to a contract's
 * payables — Stripe attempts completed, failed or left processing at Stripe; webhook events delivered late,
 * twice or in any order; bank transfers declared, confirmed or rejected; refunds; reconciliation passes;
 * a crash after a journal was written but before anything else was — and after every sequence:
 * Events may arrive twice with the same id or as a copy with a new id.
 *   - the ledger balances (Σ debit = Σ credit);
 *   - each payable's cached paid/refunded amounts equal what its journals say;
 *   - the contract's payment status shown by the API matches the ledger;
 *   - nothing is charged twice (net paid ≤ amount) and nothing is lost (every intent Stripe marks
 *     succeeded is in the ledger once all events are delivered and reconciliation has run).
 */
import fc from 'fast-check';
import { startTestApp, type TestApp } from '../../test-support/harness';
import { journals } from './ledger';
import type { PayableRecord, PaymentRecord } from './payment.model';
import { FakeStripe } from './testing/fake-stripe';
import {
  bankBody,
  idem,
  paymentCast,
  plan,
  receipt,
  signedContract,
  STRIPE_KEY,
  WEBHOOK_SECRET,
  type PaymentCast,
} from './testing/payment-fixtures';

let app: TestApp;
let fake: FakeStripe;
let cast: PaymentCast;
let hook: string;
let attachmentId: string;

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
  attachmentId = await receipt(app, cast.buyer);
});
afterAll(async () => {
  await app.stop();
  await fake.stop();
});

const item = fc.constantFrom(0, 1);
const op = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('stripe' as const), item }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('payer' as const),
      item,
      to: fc.constantFrom('processing', 'succeeded', 'succeeded', 'failed'),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('deliver' as const), pick: fc.nat() }) },
  // Stripe can report the same change in a second event with its own id (e.g. a re-generated event).
  { weight: 2, arbitrary: fc.record({ op: fc.constant('echo' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('bank' as const), item }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('confirm' as const), item }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reject' as const), item }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('refund' as const), item }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reconcile' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('crash' as const), item }) },
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

const eventType: Record<string, string> = {
  processing: 'payment_intent.processing',
  succeeded: 'payment_intent.succeeded',
  requires_payment_method: 'payment_intent.payment_failed',
  canceled: 'payment_intent.canceled',
};

async function run(ops: Op[], order: number[]) {
  const contractId = await signedContract(app, cast);
  const payables = (await plan(app, cast.buyer, contractId)).payables as Array<{ id: string; amountFen: number }>;
  const queue: object[] = [];
  const latest = async (i: number, method?: string) =>
    (
      await app.models.Payment.find({ payableId: payables[i].id, ...(method ? { method } : {}) })
        .sort({ createdAt: -1, _id: -1 })
        .limit(1)
        .lean<PaymentRecord[]>()
    )[0] ?? null;
  const snapshotCancelled = () => {
    for (const pi of fake.intents.values()) {
      if (pi.status !== 'canceled' || pi.cancelQueued) continue;
      pi.cancelQueued = true;
      queue.push(fake.event(eventType.canceled, { ...pi }));
    }
  };

  for (const o of ops) {
    const p = 'item' in o ? payables[o.item] : null;
    switch (o.op) {
      case 'stripe':
        await app.http('POST', `/api/payments/payables/${p!.id}/stripe`, {
          token: cast.buyer.token,
          headers: { 'Idempotency-Key': idem() },
          body: {},
        });
        snapshotCancelled();
        break;
      case 'payer': {
        const pay = await latest(o.item, 'stripe');
        const pi = pay?.stripe ? fake.intents.get(pay.stripe.paymentIntentId) : undefined;
        if (!pi || ['succeeded', 'canceled'].includes(String(pi.status))) break;
        const status = o.to === 'failed' ? 'requires_payment_method' : o.to;
        queue.push(fake.event(eventType[status], fake.setIntentStatus(pi.id, status)));
        break;
      }
      case 'deliver':
        if (queue.length) await FakeStripe.deliver(hook, WEBHOOK_SECRET, queue[o.pick % queue.length]);
        break;
      case 'echo':
        if (queue.length)
          await FakeStripe.deliver(hook, WEBHOOK_SECRET, {
            ...(queue[o.pick % queue.length] as object),
            id: `evt_echo_${idem()}`,
          });
        break;
      case 'bank':
        await app.http('POST', `/api/payments/payables/${p!.id}/bank-transfer`, {
          token: cast.buyer.token,
          headers: { 'Idempotency-Key': idem() },
          body: bankBody(attachmentId, p!.amountFen),
        });
        snapshotCancelled();
        break;
      case 'confirm':
      case 'reject': {
        const pay = await latest(o.item, 'bank_transfer');
        if (pay)
          await app.http('POST', `/api/payments/payments/${pay._id}/${o.op}`, {
            token: cast.finance.token,
            body: o.op === 'confirm' ? { receivedFen: pay.amountFen } : { reason: '未到账' },
          });
        break;
      }
      case 'refund': {
        const pay = await latest(o.item);
        if (pay)
          await app.http('POST', `/api/payments/payments/${pay._id}/refund`, {
            token: cast.finance.token,
            headers: { 'Idempotency-Key': idem() },
            body: { reason: '退款' },
          });
        for (const r of fake.refunds.values()) {
          if (r.queued) continue;
          r.queued = true;
          queue.push(fake.event('refund.updated', { ...r }));
        }
        break;
      }
      case 'reconcile':
        await app.http('POST', '/api/payments/reconcile', { token: cast.finance.token });
        break;
      case 'crash': {
        // The process died right after writing a succeeded intent's journal.
        const pay = await latest(o.item, 'stripe');
        const pi = pay?.stripe ? fake.intents.get(pay.stripe.paymentIntentId) : undefined;
        if (pay && pi?.status === 'succeeded')
          await app.running.ctx.services.payments.ledger.post(journals.payment(pay));
        break;
      }
    }
  }
  // Whatever was still in flight arrives, in a random order, and reconciliation runs.
  for (const i of order) if (queue.length) await FakeStripe.deliver(hook, WEBHOOK_SECRET, queue[i % queue.length]);
  for (const e of queue) await FakeStripe.deliver(hook, WEBHOOK_SECRET, e);
  await app.http('POST', '/api/payments/reconcile', { token: cast.finance.token });

  const { ledger } = app.running.ctx.services.payments;
  const trial = (await app.http('GET', '/api/payments/ledger/balances', { token: cast.finance.token })).body;
  expect(trial.balanced).toBe(true);
  let derivedPaid = 0;
  for (const dto of payables) {
    const cached = (await app.models.Payable.findById(dto.id).lean<PayableRecord>())!;
    const derived = await ledger.derived(dto.id);
    expect({ inFen: cached.inFen, refundedFen: cached.refundedFen, journalIds: [...cached.journalIds].sort() }).toEqual(
      derived,
    );
    expect(derived.inFen - derived.refundedFen).toBeLessThanOrEqual(dto.amountFen);
    expect(derived.inFen - derived.refundedFen).toBeGreaterThanOrEqual(0);
    derivedPaid += Math.min(derived.inFen - derived.refundedFen, dto.amountFen);
  }
  const view = await plan(app, cast.buyer, contractId);
  const total = payables.reduce((s, p) => s + p.amountFen, 0);
  expect(view.totals.paidFen).toBe(derivedPaid);
  expect(view.status).toBe(derivedPaid >= total ? 'paid' : derivedPaid > 0 ? 'partially_paid' : 'unpaid');
  // Nothing lost: every intent of this contract that Stripe says succeeded is booked exactly once.
  const mine = await app.models.Payment.find({ contractId, method: 'stripe' }).lean<PaymentRecord[]>();
  for (const pay of mine) {
    const pi = pay.stripe ? fake.intents.get(pay.stripe.paymentIntentId) : undefined;
    if (pi?.status === 'succeeded')
      expect(await app.models.Journal.countDocuments({ _id: `payment:${pay._id}` })).toBe(1);
  }
}

test('for random sequences of payments, events, crashes and reconciliation, the ledger balances and the contract status matches it', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(op, { minLength: 3, maxLength: 18 }),
      fc.array(fc.nat(), { maxLength: 6 }),
      (ops, order) => run(ops, order),
    ),
    { numRuns: Number(process.env.PAYMENTS_PROPERTY_RUNS ?? 40), interruptAfterTimeLimit: 100_000 },
  );
}, 180_000);
