/**
 * Authorization matrix of deposits, Stripe Connect onboarding, reconciliation and the Stripe webhook
 * (payouts: payments.matrix.payouts.test.ts).
 * Set-up and request helpers in payments.matrix.fixture.ts.
 */
import { cover } from '../../test-support/matrix-coverage';
import type { PayableRecord } from './payment.model';
import { FakeStripe } from './testing/fake-stripe';
import { bankBody, receipt, WEBHOOK_SECRET } from './testing/payment-fixtures';
import { app, call, cast, fake, key, status, usePaymentsMatrixApp, type Who } from './payments.matrix.fixture';

usePaymentsMatrixApp();

describe('deposits, Connect, reconciliation, webhook', () => {
  test('deposits: members of verified organisations create; finance releases and forfeits', async () => {
    cover('POST', '/api/payments/deposits');
    cover('POST', '/api/payments/deposits/:id/release');
    cover('POST', '/api/payments/deposits/:id/forfeit');
    const { publish, needBody } = await import('../../test-support/catalog-fixtures');
    const reviewer = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['HUB'] });
    const needId = await publish(
      app,
      'needs',
      cast.buyer,
      reviewer,
      needBody({ challenge: { rewardFen: 10_000_000, closesAt: new Date(Date.now() + 86_400_000).toISOString() } }),
    );
    const body = { subjectKind: 'challenge', subjectId: needId };
    expect(await status('POST', '/api/payments/deposits', null, body)).toBe(401);
    expect(await status('POST', '/api/payments/deposits', cast.loner, body)).toBe(403);
    expect(await status('POST', '/api/payments/deposits', cast.seller, { ...body, amountFen: 1 })).toBe(400);
    expect(await status('POST', '/api/payments/deposits', cast.seller, { ...body, subjectId: 'nope' })).toBe(400);
    const pending = await app.createUser({ org: await app.createOrg({ status: 'pending' }) });
    expect(await status('POST', '/api/payments/deposits', pending, body)).toBe(403);
    const made = await call('POST', '/api/payments/deposits', cast.seller, body);
    expect(made.status).toBe(201);
    expect(made.body.payable.amountFen).toBe(200_000);
    const id = made.body.payable.id as string;
    await payByBankAs(cast.seller, id, 200_000);
    const other = await call('POST', '/api/payments/deposits', cast.other, body);
    await payByBankAs(cast.other, other.body.payable.id, 200_000);
    cover('GET', '/api/payments/deposits');
    const list = async (who: Who, q = '') =>
      (await call('GET', `/api/payments/deposits?subjectKind=challenge&subjectId=${needId}${q}`, who)).body.items?.map(
        (p: { id: string }) => p.id,
      );
    expect(await status('GET', '/api/payments/deposits', null)).toBe(401);
    expect(await list(cast.seller)).toEqual([id]);
    expect(await list(cast.other)).toEqual([other.body.payable.id]);
    expect(await list(cast.buyer)).toEqual([]);
    expect(await list(cast.loner)).toEqual([]);
    expect(new Set(await list(cast.finance))).toEqual(new Set([id, other.body.payable.id]));
    expect(new Set(await list(cast.admin))).toEqual(new Set([id, other.body.payable.id]));
    expect(await status('GET', '/api/payments/deposits?subjectId=nope', cast.finance)).toBe(400);
    expect(await status('GET', '/api/payments/deposits?subjectId[$ne]=x', cast.finance)).toBe(400);
    expect(await status('GET', '/api/payments/deposits?payerOrgId=x', cast.finance)).toBe(400);
    for (const action of ['release', 'forfeit']) {
      const path = `/api/payments/deposits/${id}/${action}`;
      expect(await status('POST', path, null, { reason: '测试' })).toBe(401);
      expect(await status('POST', path, cast.buyer, { reason: '测试' })).toBe(404);
      expect(await status('POST', path, cast.seller, { reason: '测试' })).toBe(403);
      expect(await status('POST', path, cast.finance, { reason: '' })).toBe(400);
    }
    expect((await app.models.Payable.findById(id).lean<PayableRecord>())!.journalIds).toHaveLength(1);
    expect(
      (await call('POST', `/api/payments/deposits/${id}/forfeit`, cast.finance, { reason: '中榜后拒签' })).body.payable
        .status,
    ).toBe('forfeited');
    expect(
      (
        await call('POST', `/api/payments/deposits/${other.body.payable.id}/release`, cast.finance, {
          reason: '未中榜',
        })
      ).body.payable.status,
    ).toBe('released');
  });

  test('Connect: org admins of verified organisations and brokers; members and others refused', async () => {
    cover('POST', '/api/payments/connect/onboarding');
    cover('GET', '/api/payments/connect/status');
    expect(await status('POST', '/api/payments/connect/onboarding', null, { as: 'org' })).toBe(401);
    expect(await status('POST', '/api/payments/connect/onboarding', cast.buyerMember, { as: 'org' })).toBe(403);
    expect(await status('POST', '/api/payments/connect/onboarding', cast.seller, { as: 'broker' })).toBe(403);
    expect(await status('POST', '/api/payments/connect/onboarding', cast.loner, { as: 'org' })).toBe(403);
    expect(await status('POST', '/api/payments/connect/onboarding', cast.seller, { as: 'bank' })).toBe(400);
    const org = await call('POST', '/api/payments/connect/onboarding', cast.seller, { as: 'org' });
    expect(org.status).toBe(200);
    const again = await call('POST', '/api/payments/connect/onboarding', cast.seller, { as: 'org' });
    expect(again.body.accountId).toBe(org.body.accountId);
    expect((await call('POST', '/api/payments/connect/onboarding', cast.broker, { as: 'broker' })).status).toBe(200);
    expect(await app.models.ConnectAccount.countDocuments({ _id: `org:${cast.sellerOrg._id}` })).toBe(1);
    expect(await status('GET', '/api/payments/connect/status?as=org', null)).toBe(401);
    expect((await call('GET', '/api/payments/connect/status?as=org', cast.seller)).body).toMatchObject({
      accountId: org.body.accountId,
      onboarded: false,
    });
    expect((await call('GET', '/api/payments/connect/status?as=org', cast.other)).body.accountId).toBeNull();
    expect(await status('GET', '/api/payments/connect/status?as=x', cast.seller)).toBe(400);
  });

  test('reconcile now: finance and admin', async () => {
    cover('POST', '/api/payments/reconcile');
    expect(await status('POST', '/api/payments/reconcile', null)).toBe(401);
    expect(await status('POST', '/api/payments/reconcile', cast.buyer)).toBe(403);
    const res = await call('POST', '/api/payments/reconcile', cast.finance);
    expect(res.status).toBe(200);
    expect(res.body).toHaveProperty('checked');
  });

  test('webhook: anyone may call it, only a valid signature gets in', async () => {
    cover('POST', '/api/payments/stripe/webhook');
    const hook = `${app.url}/api/payments/stripe/webhook`;
    const evt = fake.event('customer.created', { id: 'cus_1' });
    expect((await FakeStripe.deliver(hook, 'whsec_wrong_wrong_wrong', evt)).status).toBe(400);
    expect((await FakeStripe.deliver(hook, WEBHOOK_SECRET, evt)).status).toBe(200);
    expect((await app.models.PaymentEvent.findById(evt.id).lean())!.outcome).toBe('ignored');
    const junk = await fetch(hook, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=abc' },
      body: '{not json',
    });
    expect(junk.status).toBe(400);
  });
});

async function payByBankAs(who: { token: string }, payableId: string, amount: number) {
  const start = await call(
    'POST',
    `/api/payments/payables/${payableId}/bank-transfer`,
    who,
    bankBody(await receipt(app, who), amount),
    key(),
  );
  if (start.status !== 201) throw new Error(JSON.stringify(start.body));
  await call('POST', `/api/payments/payments/${start.body.payment.id}/confirm`, cast.finance, { receivedFen: amount });
}
