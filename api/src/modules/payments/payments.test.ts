/**
 * Payments end to end through HTTP, with Stripe replaced by the local fake server (the real `stripe` client
 * talks to it) and webhooks signed with `stripe.webhooks.generateTestHeaderString`.
 */
import { startTestApp, type TestApp } from '../../test-support/harness';
import { journals } from './ledger';
import type { PayableRecord, PaymentRecord } from './payment.model';
import { FakeStripe } from './testing/fake-stripe';
import {
  bankBody,
  idem,
  payByBank,
  paymentCast,
  plan,
  receipt,
  royaltyDraft,
  signedContract,
  STRIPE_KEY,
  WEBHOOK_SECRET,
  type PaymentCast,
} from './testing/payment-fixtures';

let app: TestApp;
let fake: FakeStripe;
let cast: PaymentCast;
let hook: string;

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

const trial = async () => (await app.http('GET', '/api/payments/ledger/balances', { token: cast.finance.token })).body;
const balance = (t: { accounts: Array<{ account: string; balanceFen: number }> }, account: string) =>
  t.accounts.find((a) => a.account === account)?.balanceFen ?? 0;
const payment = (id: string) => app.models.Payment.findById(id).lean<PaymentRecord>();

async function startStripe(payableId: string, key = idem()) {
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
const deliver = (type: string, object: Record<string, unknown> & { id: string }, id?: string) =>
  FakeStripe.deliver(hook, WEBHOOK_SECRET, fake.event(type, object, id));

test('when the finance and deposit lists get a bad query, then 400 VALIDATION_FAILED names it', async () => {
  for (const path of [
    '/api/payments/finance/payments?status=paid',
    '/api/payments/deposits?subjectKind=listing',
    '/api/payments/deposits?subjectId=nope',
    '/api/payments/deposits?pageSize=100000',
  ]) {
    const res = await app.http('GET', path, { token: cast.finance.token });
    expect([path, res.status, res.body.error.code]).toEqual([path, 400, 'VALIDATION_FAILED']);
    expect(res.body.error.message.zh).toBeTruthy();
    expect(res.body.error.message.en).toBeTruthy();
  }
});

describe('payment plans', () => {
  test('when a signed contract is read, then each schedule item is a payable with fee and commission from the stored terms, made once', async () => {
    const contractId = await signedContract(app, cast);
    const [a, b] = await Promise.all([plan(app, cast.buyer, contractId), plan(app, cast.seller, contractId)]);
    expect(a.payables).toHaveLength(2);
    expect(b.payables.map((p: { id: string }) => p.id)).toEqual(a.payables.map((p: { id: string }) => p.id));
    expect(await app.models.Payable.countDocuments({ contractId })).toBe(2);
    const [first, last] = a.payables;
    // 1% fee; the 24,000 元 commission split 30:50 over the items.
    expect(first).toMatchObject({
      kind: 'instalment',
      amountFen: 30_000_000,
      feeFen: 300_000,
      commissionFen: 900_000,
      sellerShareFen: 28_800_000,
      status: 'overdue',
      paidFen: 0,
    });
    expect(last).toMatchObject({ amountFen: 50_000_000, feeFen: 500_000, commissionFen: 1_500_000, status: 'due' });
    expect(first.viewer.canPay).toBe(true);
    expect(b.payables[0].viewer.canPay).toBe(false);
    expect(a).toMatchObject({
      status: 'unpaid',
      totals: { amountFen: 80_000_000, paidFen: 0, commissionFen: 2_400_000, feeFen: 800_000 },
    });
    const broker = await app.models.Payable.findById(first.id).lean();
    expect(broker!.broker).toMatchObject({
      userId: String(cast.broker.user._id),
      account: `broker:${cast.broker.user._id}:commission`,
    });
  });
});

describe('bank transfer (对公转账)', () => {
  test('when the buyer uploads a receipt and finance confirms the amount, then the payable is paid and the ledger splits fee, commission and seller share', async () => {
    const contractId = await signedContract(app, cast);
    const [first] = (await plan(app, cast.buyer, contractId)).payables;
    const att = await receipt(app, cast.buyer);
    const key = idem();
    const start = await app.http('POST', `/api/payments/payables/${first.id}/bank-transfer`, {
      token: cast.buyer.token,
      headers: { 'Idempotency-Key': key },
      body: bankBody(att, 30_000_000),
    });
    expect(start.status).toBe(201);
    expect(start.body.payment).toMatchObject({
      status: 'pending_confirmation',
      amountFen: 30_000_000,
      method: 'bank_transfer',
    });
    // The same request again (a retry) is the same payment.
    const again = await app.http('POST', `/api/payments/payables/${first.id}/bank-transfer`, {
      token: cast.buyer.token,
      headers: { 'Idempotency-Key': key },
      body: bankBody(att, 30_000_000),
    });
    expect(again.body.payment.id).toBe(start.body.payment.id);
    expect(await app.models.Payment.countDocuments({ payableId: first.id })).toBe(1);
    // A second payment while the first waits for finance is refused.
    const second = await app.http('POST', `/api/payments/payables/${first.id}/bank-transfer`, {
      token: cast.buyer.token,
      headers: { 'Idempotency-Key': idem() },
      body: bankBody(att, 30_000_000),
    });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('PAYMENT_IN_PROGRESS');
    expect((await plan(app, cast.buyer, contractId)).payables[0].status).toBe('pending_confirmation');

    const queue = await app.http('GET', '/api/payments/finance/queue?pageSize=100', { token: cast.finance.token });
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(start.body.payment.id);
    const before = await trial();
    const wrong = await app.http('POST', `/api/payments/payments/${start.body.payment.id}/confirm`, {
      token: cast.finance.token,
      body: { receivedFen: 29_999_999 },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('PAYMENT_AMOUNT_MISMATCH');
    expect((await trial()).journals).toBe(before.journals);
    const ok = await app.http('POST', `/api/payments/payments/${start.body.payment.id}/confirm`, {
      token: cast.finance.token,
      body: { receivedFen: 30_000_000, note: '工行回单已核' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.payment).toMatchObject({ status: 'succeeded', bank: { receivedFen: 30_000_000 } });
    // Confirming twice changes nothing.
    expect(
      (
        await app.http('POST', `/api/payments/payments/${start.body.payment.id}/confirm`, {
          token: cast.finance.token,
          body: { receivedFen: 30_000_000 },
        })
      ).status,
    ).toBe(200);

    const view = await plan(app, cast.seller, contractId);
    expect(view.status).toBe('partially_paid');
    expect(view.payables[0]).toMatchObject({ status: 'paid', paidFen: 30_000_000 });
    const after = await trial();
    expect(after.balanced).toBe(true);
    expect(after.journals).toBe(before.journals + 1);
    expect(balance(after, 'clearing:bank') - balance(before, 'clearing:bank')).toBe(-30_000_000);
    expect(balance(after, 'platform:fees') - balance(before, 'platform:fees')).toBe(300_000);
    const seller = await app.http('GET', `/api/payments/orgs/${cast.sellerOrg._id}/statement`, {
      token: cast.seller.token,
    });
    expect(
      seller.body.balances.find((b: { account: string }) => b.account === `org:${cast.sellerOrg._id}:payable`)
        .balanceFen,
    ).toBeGreaterThanOrEqual(28_800_000);
    const broker = await app.http('GET', `/api/payments/brokers/${cast.broker.user._id}/statement`, {
      token: cast.broker.token,
    });
    expect(broker.status).toBe(200);
    expect(
      broker.body.lines.some(
        (l: { creditFen: number; role: string }) => l.role === 'broker_commission' && l.creditFen === 900_000,
      ),
    ).toBe(true);
  });

  test('when two payments of one payable start at the same moment, then exactly one is in flight and the payable points at it', async () => {
    const contractId = await signedContract(app, cast);
    const [first] = (await plan(app, cast.buyer, contractId)).payables;
    const att = await receipt(app, cast.buyer);
    const results = await Promise.all([
      app.http('POST', `/api/payments/payables/${first.id}/bank-transfer`, {
        token: cast.buyer.token,
        headers: { 'Idempotency-Key': idem() },
        body: bankBody(att, 30_000_000),
      }),
      app.http('POST', `/api/payments/payables/${first.id}/bank-transfer`, {
        token: cast.buyerMember.token,
        headers: { 'Idempotency-Key': idem() },
        body: bankBody(att, 30_000_000),
      }),
      app.http('POST', `/api/payments/payables/${first.id}/stripe`, {
        token: cast.buyer.token,
        headers: { 'Idempotency-Key': idem() },
        body: {},
      }),
    ]);
    const won = results.filter((r) => r.status === 201);
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(2);
    expect(await app.models.Payment.countDocuments({ payableId: first.id })).toBe(1);
    expect(String((await app.models.Payable.findById(first.id).lean<PayableRecord>())!.openPaymentId)).toBe(
      won[0].body.payment.id,
    );
  });

  test('when finance rejects a declared transfer, then the payable is due again and nothing was booked', async () => {
    const contractId = await signedContract(app, cast);
    const [first] = (await plan(app, cast.buyer, contractId)).payables;
    const att = await receipt(app, cast.buyer);
    const start = await app.http('POST', `/api/payments/payables/${first.id}/bank-transfer`, {
      token: cast.buyer.token,
      headers: { 'Idempotency-Key': idem() },
      body: bankBody(att, 1),
    });
    const rej = await app.http('POST', `/api/payments/payments/${start.body.payment.id}/reject`, {
      token: cast.finance.token,
      body: { reason: '未查到到账记录' },
    });
    expect(rej.body.payment).toMatchObject({ status: 'rejected', bank: { reason: '未查到到账记录' } });
    expect((await plan(app, cast.buyer, contractId)).payables[0].status).toBe('overdue');
    expect(await app.models.Journal.countDocuments({ payableId: first.id })).toBe(0);
    expect(
      (
        await app.http('POST', `/api/payments/payments/${start.body.payment.id}/confirm`, {
          token: cast.finance.token,
          body: { receivedFen: 30_000_000 },
        })
      ).status,
    ).toBe(409);
  });
});

describe('Stripe', () => {
  test('when the buyer pays by Stripe, then the PaymentIntent is made once per Idempotency-Key with the amount from the terms, and the webhook settles it', async () => {
    const contractId = await signedContract(app, cast);
    const [first] = (await plan(app, cast.buyer, contractId)).payables;
    const key = idem();
    const a = await startStripe(first.id, key);
    const b = await startStripe(first.id, key);
    expect(b).toEqual(a);
    expect(fake.intents.get(a.intentId)).toMatchObject({
      amount: 30_000_000,
      currency: 'cny',
      metadata: { paymentId: a.paymentId },
    });
    expect(fake.calls.filter((c) => c.idempotencyKey === `payment:${a.paymentId}`).length).toBe(1);

    const succeeded = fake.setIntentStatus(a.intentId, 'succeeded');
    const evt = fake.event('payment_intent.succeeded', succeeded);
    expect((await FakeStripe.deliver(hook, WEBHOOK_SECRET, evt)).status).toBe(200);
    // The same event again: recorded once, one effect.
    const dup = await FakeStripe.deliver(hook, WEBHOOK_SECRET, evt);
    expect(dup.body).toEqual({ received: true, duplicate: true });
    // Out of order: a late `processing` and a stray failure never move a succeeded payment back.
    await deliver('payment_intent.processing', { ...succeeded, status: 'processing' });
    await deliver('payment_intent.payment_failed', { ...succeeded, status: 'requires_payment_method' });
    expect((await payment(a.paymentId))!.status).toBe('succeeded');
    expect(await app.models.Journal.countDocuments({ paymentId: a.paymentId })).toBe(1);
    expect((await plan(app, cast.buyer, contractId)).payables[0]).toMatchObject({
      status: 'paid',
      paidFen: 30_000_000,
    });
    expect((await app.models.PaymentEvent.findById(evt.id).lean())!.deliveries).toBe(2);
    expect((await trial()).balanced).toBe(true);
    // Settled by the webhook, as by finance for a transfer: both organisations' members hear it, once each,
    // also after the duplicate delivery; nobody else (another organisation, the broker, finance) does.
    await app.settled();
    const told = await app.models.Notification.find({ key: `payment:${a.paymentId}:confirmed` }).lean();
    expect(told.map((n) => String(n.userId)).sort()).toEqual(
      [cast.buyer, cast.buyerMember, cast.seller].map((w) => String(w.user._id)).sort(),
    );
    expect(new Set(told.map((n) => n.type))).toEqual(new Set(['transfer_confirmed']));
  });

  test('when events arrive before the intent was recorded or out of order (succeeded before processing), then the payment ends succeeded once', async () => {
    const contractId = await signedContract(app, cast);
    const [, second] = (await plan(app, cast.buyer, contractId)).payables;
    const s = await startStripe(second.id);
    const processing = fake.setIntentStatus(s.intentId, 'processing');
    const succeeded = fake.setIntentStatus(s.intentId, 'succeeded');
    await deliver('payment_intent.succeeded', succeeded);
    await deliver('payment_intent.processing', processing);
    await deliver('payment_intent.succeeded', succeeded);
    expect((await payment(s.paymentId))!.status).toBe('succeeded');
    expect((await app.models.Payable.findById(second.id).lean<PayableRecord>())!.inFen).toBe(50_000_000);
  });

  test('when a webhook has a bad signature, a stale one or none, then 400 and nothing changes', async () => {
    const contractId = await signedContract(app, cast);
    const [first] = (await plan(app, cast.buyer, contractId)).payables;
    const s = await startStripe(first.id);
    const evt = fake.event('payment_intent.succeeded', fake.setIntentStatus(s.intentId, 'succeeded'));
    const forged = await FakeStripe.deliver(hook, 'whsec_someone_else_entirely', evt);
    expect(forged.status).toBe(400);
    expect((forged.body as { error: { code: string } }).error.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    const stale = await FakeStripe.deliver(hook, WEBHOOK_SECRET, evt, {
      signature: `t=${Math.floor(Date.now() / 1000) - 3600},v1=${'0'.repeat(64)}`,
    });
    expect(stale.status).toBe(400);
    const none = await fetch(hook, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(evt),
    });
    expect(none.status).toBe(400);
    // A body changed after signing fails too.
    const tampered = await fetch(hook, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': (await import('./stripe-adapter')).signWebhookPayload(JSON.stringify(evt), WEBHOOK_SECRET),
      },
      body: JSON.stringify({ ...evt, type: 'payment_intent.canceled' }),
    });
    expect(tampered.status).toBe(400);
    expect(await app.models.PaymentEvent.countDocuments({ _id: evt.id })).toBe(0);
    expect((await payment(s.paymentId))!.status).toBe('requires_payment');
  });

  test('when a signed event reports an amount other than the amount due, then nothing is booked', async () => {
    const contractId = await signedContract(app, cast);
    const [first] = (await plan(app, cast.buyer, contractId)).payables;
    const s = await startStripe(first.id);
    const pi = fake.setIntentStatus(s.intentId, 'succeeded');
    await deliver('payment_intent.succeeded', { ...pi, amount: 100 });
    expect((await payment(s.paymentId))!.status).toBe('requires_payment');
    expect(await app.models.Journal.countDocuments({ paymentId: s.paymentId })).toBe(0);
  });

  test('when Stripe charged but the webhook never came, or we crashed half-way through recording, then reconciliation repairs it once', async () => {
    const contractId = await signedContract(app, cast);
    const [first, second] = (await plan(app, cast.buyer, contractId)).payables;
    // (1) Charged, never told.
    const lost = await startStripe(first.id);
    fake.setIntentStatus(lost.intentId, 'succeeded');
    // (2) Crashed after writing the journal, before the payable and the payment were updated.
    const half = await startStripe(second.id);
    fake.setIntentStatus(half.intentId, 'succeeded');
    await app.running.ctx.services.payments.ledger.post(journals.payment((await payment(half.paymentId))!));
    expect((await app.models.Payable.findById(second.id).lean<PayableRecord>())!.inFen).toBe(0);

    const rec = await app.http('POST', '/api/payments/reconcile', { token: cast.finance.token });
    expect(rec.status).toBe(200);
    expect(rec.body.settled).toBeGreaterThanOrEqual(2);
    for (const [s, amount] of [
      [lost, 30_000_000],
      [half, 50_000_000],
    ] as const) {
      expect((await payment(s.paymentId))!.status).toBe('succeeded');
      expect(await app.models.Journal.countDocuments({ paymentId: s.paymentId })).toBe(1);
      const p = await app.models.Payable.findById((await payment(s.paymentId))!.payableId).lean<PayableRecord>();
      expect(p!.inFen).toBe(amount);
      expect(await app.running.ctx.services.payments.ledger.derived(p!._id)).toMatchObject({
        inFen: amount,
        refundedFen: 0,
      });
    }
    // The webhook arriving late after all changes nothing; another pass finds nothing to do.
    await deliver('payment_intent.succeeded', fake.intents.get(lost.intentId)!);
    expect((await app.http('POST', '/api/payments/reconcile', { token: cast.finance.token })).body.settled).toBe(0);
    expect((await plan(app, cast.buyer, contractId)).status).toBe('paid');
  });

  test('when Stripe is down while starting a payment, then 502, and a retry with the same key gets one intent', async () => {
    const contractId = await signedContract(app, cast);
    const [first] = (await plan(app, cast.buyer, contractId)).payables;
    const key = idem();
    fake.failNext(10);
    const down = await app.http('POST', `/api/payments/payables/${first.id}/stripe`, {
      token: cast.buyer.token,
      headers: { 'Idempotency-Key': key },
      body: {},
    });
    expect(down.status).toBe(502);
    expect(down.body.error.code).toBe('PAYMENT_PROVIDER_ERROR');
    fake.failNext(0);
    const up = await startStripe(first.id, key);
    expect(await app.models.Payment.countDocuments({ payableId: first.id })).toBe(1);
    expect(
      [...fake.intents.values()].filter((i) => (i.metadata as Record<string, string>).paymentId === up.paymentId),
    ).toHaveLength(1);
  });

  test('when the payer abandons a Stripe attempt and pays by bank instead, then the old intent is cancelled at Stripe and cannot be paid any more', async () => {
    const contractId = await signedContract(app, cast);
    const [first] = (await plan(app, cast.buyer, contractId)).payables;
    const s = await startStripe(first.id);
    const id = await payByBank(app, cast, first.id, 30_000_000);
    expect(fake.intents.get(s.intentId)!.status).toBe('canceled');
    expect((await payment(s.paymentId))!.status).toBe('canceled');
    expect((await payment(id))!.status).toBe('succeeded');
    const again = await app.http('POST', `/api/payments/payables/${first.id}/stripe`, {
      token: cast.buyer.token,
      headers: { 'Idempotency-Key': idem() },
      body: {},
    });
    expect(again.body.error.code).toBe('ALREADY_PAID');
  });

  test('when finance refunds a Stripe payment, then Stripe refunds it once and the ledger reverses fee, commission and share', async () => {
    const contractId = await signedContract(app, cast);
    const [first] = (await plan(app, cast.buyer, contractId)).payables;
    const s = await startStripe(first.id);
    await deliver('payment_intent.succeeded', fake.setIntentStatus(s.intentId, 'succeeded'));
    fake.refundStatus = 'pending';
    const res = await app.http('POST', `/api/payments/payments/${s.paymentId}/refund`, {
      token: cast.finance.token,
      headers: { 'Idempotency-Key': idem() },
      body: { reason: '合同解除，全额退款' },
    });
    fake.refundStatus = 'succeeded';
    expect(res.status).toBe(200);
    expect(res.body.payment.status).toBe('succeeded');
    const refundId = res.body.payment.refund.stripeRefundId as string;
    const refunded = fake.setRefundStatus(refundId, 'succeeded');
    await deliver('refund.updated', refunded);
    await deliver('refund.updated', refunded);
    expect((await payment(s.paymentId))!.status).toBe('refunded');
    expect([...fake.refunds.values()].filter((r) => r.payment_intent === s.intentId)).toHaveLength(1);
    const p = await app.models.Payable.findById(first.id).lean<PayableRecord>();
    expect(p).toMatchObject({ inFen: 30_000_000, refundedFen: 30_000_000 });
    expect((await plan(app, cast.buyer, contractId)).payables[0].status).toBe('refunded');
    expect((await trial()).balanced).toBe(true);
  });

  test('when the seller onboards to Connect after being paid, then the seller share goes out as one transfer; a refund after that is refused', async () => {
    const sellerOrg = await app.createOrg({ regionCode: '210100' });
    const seller = { ...(await app.createUser({ org: sellerOrg })), org: sellerOrg };
    const local = { ...cast, sellerOrg, seller };
    const contractId = await signedContract(app, local, { broker: null });
    const [first] = (await plan(app, cast.buyer, contractId)).payables;
    const s = await startStripe(first.id);
    await deliver('payment_intent.succeeded', fake.setIntentStatus(s.intentId, 'succeeded'));
    const onboard = await app.http('POST', '/api/payments/connect/onboarding', {
      token: seller.token,
      body: { as: 'org' },
    });
    expect(onboard.status).toBe(200);
    expect(onboard.body.onboardingUrl).toContain('/connect/onboarding/');
    const payoutId = `payout:${first.id}:seller`;
    // Nobody can receive money yet: nothing is sent, the seller's share stays owed in the ledger.
    expect(await app.models.Payout.countDocuments({ _id: payoutId, status: 'paid' })).toBe(0);
    await deliver('account.updated', fake.completeOnboarding(onboard.body.accountId));
    const payout = await app.models.Payout.findById(payoutId).lean();
    expect(payout).toMatchObject({ status: 'paid', amountFen: 30_000_000 - 300_000 });
    expect([...fake.transfers.values()].filter((t) => t.destination === onboard.body.accountId)).toHaveLength(1);
    const statement = await app.http('GET', `/api/payments/orgs/${sellerOrg._id}/statement`, { token: seller.token });
    expect(
      statement.body.balances.find((b: { account: string }) => b.account === `org:${sellerOrg._id}:payable`).balanceFen,
    ).toBe(0);
    const refund = await app.http('POST', `/api/payments/payments/${s.paymentId}/refund`, {
      token: cast.finance.token,
      headers: { 'Idempotency-Key': idem() },
      body: { reason: '尝试退款' },
    });
    expect(refund.body.error.code).toBe('REFUND_NOT_ALLOWED');
    // The finance desk's list says so before anyone tries.
    const listed = await app.http('GET', '/api/payments/finance/payments?status=succeeded&pageSize=100', {
      token: cast.finance.token,
    });
    expect(listed.body.items.find((i: { id: string }) => i.id === s.paymentId)).toMatchObject({
      status: 'succeeded',
      refundBlockedBy: 'PAID_OUT',
      payable: { id: first.id },
    });
    expect((await trial()).balanced).toBe(true);
  });
});

describe('deposits (保证金)', () => {
  test('when a supplier answers a challenge, then a deposit by rule is paid, held and released by finance', async () => {
    const { publish, needBody } = await import('../../test-support/catalog-fixtures');
    const reviewer = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['HUB'] });
    const needId = await publish(
      app,
      'needs',
      cast.buyer,
      reviewer,
      needBody({
        challenge: { rewardFen: 300_000_000, closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString() },
      }),
    );
    const res = await app.http('POST', '/api/payments/deposits', {
      token: cast.seller.token,
      body: { subjectKind: 'challenge', subjectId: needId },
    });
    expect(res.status).toBe(201);
    // 2% of the 300万 reward, capped at 10万元.
    expect(res.body.payable).toMatchObject({ kind: 'deposit', amountFen: 6_000_000, feeFen: 0, status: 'due' });
    expect(
      (
        await app.http('POST', '/api/payments/deposits', {
          token: cast.seller.token,
          body: { subjectKind: 'challenge', subjectId: needId },
        })
      ).status,
    ).toBe(200);
    // The poster does not pay a deposit on its own challenge.
    expect(
      (
        await app.http('POST', '/api/payments/deposits', {
          token: cast.buyer.token,
          body: { subjectKind: 'challenge', subjectId: needId },
        })
      ).status,
    ).toBe(404);
    const att = await receipt(app, cast.seller);
    const start = await app.http('POST', `/api/payments/payables/${res.body.payable.id}/bank-transfer`, {
      token: cast.seller.token,
      headers: { 'Idempotency-Key': idem() },
      body: bankBody(att, 6_000_000),
    });
    await app.http('POST', `/api/payments/payments/${start.body.payment.id}/confirm`, {
      token: cast.finance.token,
      body: { receivedFen: 6_000_000 },
    });
    const st = await app.http('GET', `/api/payments/orgs/${cast.sellerOrg._id}/statement`, {
      token: cast.seller.token,
    });
    expect(
      st.body.balances.find((b: { account: string }) => b.account === `org:${cast.sellerOrg._id}:deposits`).balanceFen,
    ).toBeGreaterThanOrEqual(6_000_000);
    expect(st.body.payables.find((p: { id: string }) => p.id === res.body.payable.id).status).toBe('held');
    // Finance lists it (deposits are released, not refunded), and the depositor finds it by its subject.
    const settled = await app.http('GET', '/api/payments/finance/payments?pageSize=100', { token: cast.finance.token });
    expect(settled.body.items.find((i: { id: string }) => i.id === start.body.payment.id).refundBlockedBy).toBe(
      'DEPOSIT',
    );
    const mine = await app.http('GET', `/api/payments/deposits?subjectKind=challenge&subjectId=${needId}`, {
      token: cast.seller.token,
    });
    expect(mine.body.items.map((p: { id: string; status: string }) => [p.id, p.status])).toEqual([
      [res.body.payable.id, 'held'],
    ]);
    const rel = await app.http('POST', `/api/payments/deposits/${res.body.payable.id}/release`, {
      token: cast.finance.token,
      body: { reason: '未中榜，退还保证金' },
    });
    expect(rel.body.payable.status).toBe('released');
    expect(
      (
        await app.http('POST', `/api/payments/deposits/${res.body.payable.id}/release`, {
          token: cast.finance.token,
          body: { reason: '再次' },
        })
      ).status,
    ).toBe(200);
    expect(await app.models.Journal.countDocuments({ _id: `deposit_release:${res.body.payable.id}` })).toBe(1);
    expect(
      (
        await app.http('POST', `/api/payments/deposits/${res.body.payable.id}/forfeit`, {
          token: cast.finance.token,
          body: { reason: '违约' },
        })
      ).status,
    ).toBe(409);
    expect((await trial()).balanced).toBe(true);
  });
});

describe('deposits paid through Stripe', () => {
  test('when finance releases a deposit paid by card, then Stripe refunds it once and the ledger releases it once', async () => {
    const { openRoom } = await import('../../test-support/negotiation-fixtures');
    const reviewer = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['HUB'] });
    const room = await openRoom(app, cast.seller, cast.buyer, reviewer);
    const d = await app.http('POST', '/api/payments/deposits', {
      token: cast.buyer.token,
      body: { subjectKind: 'negotiation', subjectId: room },
    });
    const s = await startStripe(d.body.payable.id);
    await deliver('payment_intent.succeeded', fake.setIntentStatus(s.intentId, 'succeeded'));
    const path = `/api/payments/deposits/${d.body.payable.id}/release`;
    expect(
      (await app.http('POST', path, { token: cast.finance.token, body: { reason: '洽谈终止' } })).body.payable.status,
    ).toBe('released');
    expect((await app.http('POST', path, { token: cast.finance.token, body: { reason: '再次' } })).status).toBe(200);
    expect([...fake.refunds.values()].filter((r) => r.payment_intent === s.intentId)).toHaveLength(1);
    expect(await app.models.Journal.countDocuments({ _id: `deposit_release:${d.body.payable.id}` })).toBe(1);
    expect((await trial()).balanced).toBe(true);
  });
});

describe('royalties and negotiation deposits', () => {
  test("when a licensee reports net sales, then the royalty is the deal's stored rate of them, once per period", async () => {
    const id = await royaltyDraft(app, cast);
    // Not signed yet: no plan.
    expect((await plan(app, cast.buyer, id)).payables).toHaveLength(0);
    for (const who of [cast.seller, cast.buyer]) {
      const c = (await app.http('GET', `/api/contracts/${id}`, { token: who.token })).body.contract;
      expect(
        (
          await app.http('POST', `/api/contracts/${id}/sign`, {
            token: who.token,
            body: { side: c.viewer.side, docHash: c.docHash },
          })
        ).status,
      ).toBe(200);
    }
    expect(
      (await plan(app, cast.buyer, id)).payables.map((p: { kind: string; amountFen: number }) => [p.kind, p.amountFen]),
    ).toEqual([['royalty_fee', 20_000_000]]);
    const body = { period: '2026-Q4', netSalesFen: 500_000_000, amountFen: 1 };
    expect(
      (await app.http('POST', `/api/payments/contracts/${id}/royalty-reports`, { token: cast.buyer.token, body }))
        .status,
    ).toBe(400);
    const { amountFen: _ignored, ...report } = body;
    const r = await app.http('POST', `/api/payments/contracts/${id}/royalty-reports`, {
      token: cast.buyer.token,
      body: report,
    });
    expect(r.status).toBe(201);
    // 3% of 500万 net sales; 1% platform fee.
    expect(r.body.payable).toMatchObject({
      kind: 'royalty',
      amountFen: 15_000_000,
      feeFen: 150_000,
      commissionFen: 0,
      status: 'due',
    });
    const again = await app.http('POST', `/api/payments/contracts/${id}/royalty-reports`, {
      token: cast.buyer.token,
      body: report,
    });
    expect(again.status).toBe(200);
    expect(again.body.payable.id).toBe(r.body.payable.id);
    const view = await plan(app, cast.seller, id);
    expect(view.payables).toHaveLength(2);
    expect([view.royaltyBp, view.payables[1].period, view.payables[0].period]).toEqual([300, '2026-Q4', null]);
  });

  test('when a buyer deposits for a negotiation that then closes, then reconciliation releases the deposit by rule', async () => {
    const { openRoom } = await import('../../test-support/negotiation-fixtures');
    const reviewer = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['HUB'] });
    const room = await openRoom(app, cast.seller, cast.buyer, reviewer);
    const d = await app.http('POST', '/api/payments/deposits', {
      token: cast.buyer.token,
      body: { subjectKind: 'negotiation', subjectId: room },
    });
    // 1% of the 120万元 asking price.
    expect(d.body.payable).toMatchObject({ kind: 'deposit', amountFen: 1_200_000 });
    expect(
      (
        await app.http('POST', '/api/payments/deposits', {
          token: cast.seller.token,
          body: { subjectKind: 'negotiation', subjectId: room },
        })
      ).status,
    ).toBe(404);
    await payByBank(app, cast, d.body.payable.id, 1_200_000);
    expect(
      (await app.http('POST', '/api/payments/reconcile', { token: cast.finance.token })).body.depositsReleased,
    ).toBe(0);
    await app.http('POST', `/api/negotiations/${room}/withdraw`, {
      token: cast.buyer.token,
      body: { reason: '改用其他方案' },
    });
    expect(
      (await app.http('POST', '/api/payments/reconcile', { token: cast.finance.token })).body.depositsReleased,
    ).toBeGreaterThanOrEqual(1);
    const st = await app.http('GET', `/api/payments/orgs/${cast.buyerOrg._id}/statement`, { token: cast.buyer.token });
    expect(st.body.payables.find((p: { id: string }) => p.id === d.body.payable.id).status).toBe('released');
    expect(await app.models.Journal.countDocuments({ _id: `deposit_release:${d.body.payable.id}` })).toBe(1);
  });
});

describe('exports', () => {
  test('when finance exports the ledger as CSV and XLSX, then every line is there and debits equal credits', async () => {
    const { readRows } = await import('../imports/spreadsheet');
    for (const format of ['csv', 'xlsx'] as const) {
      const res = await fetch(`${app.url}/api/payments/ledger/export?format=${format}`, {
        headers: { authorization: `Bearer ${cast.finance.token}` },
      });
      expect(res.status).toBe(200);
      const rows = await readRows(format, Buffer.from(await res.arrayBuffer()));
      expect(rows.length).toBeGreaterThan(5);
      const sum = (h: string) => Math.round(rows.reduce((s, r) => s + Number(r.cells[h]), 0) * 100);
      expect(sum('借方(元) debit')).toBe(sum('贷方(元) credit'));
    }
  });
});
