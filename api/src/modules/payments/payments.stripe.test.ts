/**
 * Payments by Stripe end to end through HTTP, with Stripe replaced by the local fake server (the real `stripe`
 * client talks to it) and webhooks signed with `stripe.webhooks.generateTestHeaderString`: intents, webhooks,
 * reconciliation, refunds and Connect payouts. Set-up in payments.fixture.ts.
 */
import { journals } from './ledger';
import type { PayableRecord } from './payment.model';
import { FakeStripe } from './testing/fake-stripe';
import { idem, payByBank, plan, signedContract, WEBHOOK_SECRET } from './testing/payment-fixtures';
import { app, cast, deliver, fake, hook, payment, startStripe, trial, usePaymentsApp } from './payments.fixture';

usePaymentsApp();

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
