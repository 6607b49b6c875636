/**
 * Payments end to end through HTTP: bad list queries, payment plans and bank transfers (对公转账) confirmed or
 * rejected by finance. Set-up (the app with Stripe replaced by the local fake server) in payments.fixture.ts;
 * Stripe in payments.stripe.test.ts, deposits, royalties and exports in payments.deposits.test.ts.
 */
import type { PayableRecord } from './payment.model';
import { bankBody, idem, plan, receipt, signedContract } from './testing/payment-fixtures';
import { app, balance, cast, trial, usePaymentsApp } from './payments.fixture';

usePaymentsApp();

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
