/**
 * Authorization matrix and bad input for every payments route: anonymous 401, another organisation 404,
 * the payer/party 2xx, finance as specified, checking stored state. Client-sent amounts never count.
 * The last test fails when a /api/payments route is added without a row here.
 */
import { files, upload } from '../../test-support/catalog-fixtures';
import { startTestApp, type TestApp } from '../../test-support/harness';
import type { PayableRecord, PaymentRecord } from './payment.model';
import { FakeStripe } from './testing/fake-stripe';
import {
  bankBody,
  idem,
  payByBank,
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
const covered = new Set<string>();
const cover = (method: string, path: string) => covered.add(`${method} ${path}`);
type Who = { token: string } | null;
const call = (method: string, path: string, who: Who, body?: unknown, headers: Record<string, string> = {}) =>
  app.http(method, path, { token: who?.token, body, headers });
const status = async (method: string, path: string, who: Who, body?: unknown, headers?: Record<string, string>) =>
  (await call(method, path, who, body, headers)).status;
const key = () => ({ 'Idempotency-Key': idem() });

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

async function firstPayable() {
  const contractId = await signedContract(app, cast);
  const view = await plan(app, cast.buyer, contractId);
  return { contractId, payableId: view.payables[0].id as string, second: view.payables[1].id as string };
}

describe('reading', () => {
  test('config: any signed-in user', async () => {
    cover('GET', '/api/payments/config');
    expect(await status('GET', '/api/payments/config', null)).toBe(401);
    const res = await call('GET', '/api/payments/config', cast.loner);
    expect(res.body).toMatchObject({
      stripeEnabled: true,
      feeRateBp: 100,
      methodTypes: ['card', 'alipay', 'wechat_pay'],
    });
  });

  test("a contract's payments: parties, finance and admin; another organisation and officials 404", async () => {
    cover('GET', '/api/payments/contracts/:id');
    const contractId = await signedContract(app, cast);
    const path = `/api/payments/contracts/${contractId}`;
    expect(await status('GET', path, null)).toBe(401);
    expect(await status('GET', path, cast.other)).toBe(404);
    expect(await status('GET', path, cast.official)).toBe(404);
    expect(await status('GET', path, cast.broker)).toBe(404);
    expect(await app.models.Payable.countDocuments({ contractId })).toBe(0);
    for (const who of [cast.buyer, cast.buyerMember, cast.seller, cast.finance, cast.admin])
      expect(await status('GET', path, who)).toBe(200);
    expect(await app.models.Payable.countDocuments({ contractId })).toBe(2);
  });

  test('one payment: payer, payee, finance, admin', async () => {
    cover('GET', '/api/payments/payments/:id');
    const { payableId } = await firstPayable();
    const id = await payByBank(app, cast, payableId, 30_000_000);
    const path = `/api/payments/payments/${id}`;
    expect(await status('GET', path, null)).toBe(401);
    expect(await status('GET', path, cast.other)).toBe(404);
    expect(await status('GET', path, cast.official)).toBe(404);
    for (const who of [cast.buyer, cast.seller, cast.finance, cast.admin])
      expect(await status('GET', path, who)).toBe(200);
  });

  test("statements: an organisation's own members and finance; nobody reads another organisation's", async () => {
    cover('GET', '/api/payments/orgs/:id/statement');
    cover('GET', '/api/payments/orgs/:id/statement/export');
    const { payableId } = await firstPayable();
    await payByBank(app, cast, payableId, 30_000_000);
    for (const suffix of ['', '/export?format=csv']) {
      const path = `/api/payments/orgs/${cast.buyerOrg._id}/statement${suffix}`;
      expect(await status('GET', path, null)).toBe(401);
      expect(await status('GET', path, cast.other)).toBe(404);
      expect(await status('GET', path, cast.seller)).toBe(404);
      expect(await status('GET', path, cast.official)).toBe(404);
      for (const who of [cast.buyer, cast.buyerMember, cast.finance, cast.admin])
        expect(await status('GET', path, who)).toBe(200);
    }
    const own = await call('GET', `/api/payments/orgs/${cast.buyerOrg._id}/statement`, cast.buyer);
    expect(own.body.holder).toMatchObject({ kind: 'org', id: String(cast.buyerOrg._id) });
    expect(own.body.payables.every((p: { payerOrgId: string }) => p.payerOrgId === String(cast.buyerOrg._id))).toBe(
      true,
    );
    // Its own accounts' lines, and the cash line of each payment it made (a payer has no account of its own).
    const paidByBuyer = new Set(
      (await app.models.Payment.find({ payerOrgId: cast.buyerOrg._id }, { _id: 1 }).lean()).map((p) => String(p._id)),
    );
    for (const l of own.body.lines as Array<{ account: string; paymentId: string | null }>)
      expect(
        l.account.startsWith(`org:${cast.buyerOrg._id}:`) ||
          (l.account.startsWith('clearing:') && paidByBuyer.has(String(l.paymentId))),
      ).toBe(true);
  });

  test("a broker's commission statement: the broker and finance only", async () => {
    cover('GET', '/api/payments/brokers/:id/statement');
    const path = `/api/payments/brokers/${cast.broker.user._id}/statement`;
    const otherBroker = await app.createUser({ roles: ['broker'], brokerCertNo: 'LN-TB-OTHER' });
    expect(await status('GET', path, null)).toBe(401);
    expect(await status('GET', path, otherBroker)).toBe(404);
    expect(await status('GET', path, cast.seller)).toBe(404);
    for (const who of [cast.broker, cast.finance, cast.admin]) expect(await status('GET', path, who)).toBe(200);
    expect(await status('GET', `/api/payments/brokers/${cast.seller.user._id}/statement`, cast.finance)).toBe(404);
  });

  test('finance views (queue, settled payments, balances, ledger export, payouts): finance and admin; others 403', async () => {
    for (const path of [
      '/api/payments/finance/queue',
      '/api/payments/finance/payments?status=succeeded',
      '/api/payments/ledger/balances',
      '/api/payments/ledger/export?format=csv',
      '/api/payments/payouts',
    ]) {
      cover('GET', path.split('?')[0]);
      expect(await status('GET', path, null)).toBe(401);
      for (const who of [cast.buyer, cast.seller, cast.broker, cast.official])
        expect(await status('GET', path, who)).toBe(403);
      for (const who of [cast.finance, cast.admin]) expect(await status('GET', path, who)).toBe(200);
    }
  });
});

describe('paying', () => {
  test('Stripe: only the payer, with an Idempotency-Key; the amount is always the payable’s', async () => {
    cover('POST', '/api/payments/payables/:id/stripe');
    const { payableId } = await firstPayable();
    const path = `/api/payments/payables/${payableId}/stripe`;
    expect(await status('POST', path, null, {}, key())).toBe(401);
    expect(await status('POST', path, cast.other, {}, key())).toBe(404);
    expect(await status('POST', path, cast.seller, {}, key())).toBe(404);
    expect(await status('POST', path, cast.finance, {}, key())).toBe(403);
    const noKey = await call('POST', path, cast.buyer, {});
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    expect(await status('POST', path, cast.buyer, {}, { 'Idempotency-Key': 'short' })).toBe(400);
    // An amount from the client is refused, not used.
    expect(await status('POST', path, cast.buyer, { methodType: 'card', amountFen: 1 }, key())).toBe(400);
    expect(await status('POST', path, cast.buyer, { methodType: 'bitcoin' }, key())).toBe(400);
    expect(await app.models.Payment.countDocuments({ payableId })).toBe(0);
    const ok = await call('POST', path, cast.buyerMember, { methodType: 'wechat_pay' }, key());
    expect(ok.status).toBe(201);
    expect(fake.intents.get(ok.body.payment.stripe.paymentIntentId)!.amount).toBe(30_000_000);
    // The same key for another payable is refused.
    const reused = await call(
      'POST',
      `/api/payments/payables/${(await firstPayable()).payableId}/bank-transfer`,
      cast.buyerMember,
      bankBody(await receipt(app, cast.buyer), 1),
      { 'Idempotency-Key': 'reused-key-1' },
    );
    expect(reused.status).toBe(201);
    const clash = await call('POST', path, cast.buyerMember, {}, { 'Idempotency-Key': 'reused-key-1' });
    expect(clash.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  test('bank transfer: only the payer, with its own receipt; the declared amount does not change what is due', async () => {
    cover('POST', '/api/payments/payables/:id/bank-transfer');
    const { payableId } = await firstPayable();
    const path = `/api/payments/payables/${payableId}/bank-transfer`;
    const mine = await receipt(app, cast.buyer);
    const theirs = await receipt(app, cast.other);
    expect(await status('POST', path, null, bankBody(mine, 1), key())).toBe(401);
    expect(await status('POST', path, cast.other, bankBody(theirs, 1), key())).toBe(404);
    expect(await status('POST', path, cast.finance, bankBody(mine, 1), key())).toBe(403);
    expect((await call('POST', path, cast.buyer, bankBody(theirs, 1), key())).body.error.code).toBe(
      'ATTACHMENT_NOT_USABLE',
    );
    expect(await status('POST', path, cast.buyer, bankBody(mine, 1))).toBe(400);
    expect(await status('POST', path, cast.buyer, { ...bankBody(mine, 1), amountFen: 1 }, key())).toBe(400);
    expect(
      await status('POST', path, cast.buyer, { ...bankBody(mine, 1), receiptAttachmentId: { $ne: null } }, key()),
    ).toBe(400);
    expect(await status('POST', path, cast.buyer, { ...bankBody(mine, 1), bankReference: 'x'.repeat(61) }, key())).toBe(
      400,
    );
    expect(await app.models.Payment.countDocuments({ payableId })).toBe(0);
    const ok = await call('POST', path, cast.buyer, bankBody(mine, 1), key());
    expect(ok.status).toBe(201);
    expect(ok.body.payment.amountFen).toBe(30_000_000);
  });

  test('confirm and reject: finance only', async () => {
    cover('POST', '/api/payments/payments/:id/confirm');
    cover('POST', '/api/payments/payments/:id/reject');
    const { payableId, second } = await firstPayable();
    const declare = async (id: string) =>
      (
        await call(
          'POST',
          `/api/payments/payables/${id}/bank-transfer`,
          cast.buyer,
          bankBody(await receipt(app, cast.buyer), 30_000_000),
          key(),
        )
      ).body.payment.id as string;
    const a = await declare(payableId);
    const b = await declare(second);
    for (const [path, body] of [
      [`/api/payments/payments/${a}/confirm`, { receivedFen: 30_000_000 }],
      [`/api/payments/payments/${b}/reject`, { reason: '未到账' }],
    ] as const) {
      expect(await status('POST', path, null, body)).toBe(401);
      expect(await status('POST', path, cast.other, body)).toBe(404);
      expect(await status('POST', path, cast.buyer, body)).toBe(403);
      expect(await status('POST', path, cast.seller, body)).toBe(403);
      expect(await status('POST', path, cast.admin, body)).toBe(403);
    }
    expect(await status('POST', `/api/payments/payments/${a}/confirm`, cast.finance, { receivedFen: '30000000' })).toBe(
      400,
    );
    expect(await status('POST', `/api/payments/payments/${b}/reject`, cast.finance, { reason: '' })).toBe(400);
    expect((await app.models.Payment.findById(a).lean<PaymentRecord>())!.status).toBe('pending_confirmation');
    expect(
      (await call('POST', `/api/payments/payments/${a}/confirm`, cast.finance, { receivedFen: 30_000_000 })).body
        .payment.status,
    ).toBe('succeeded');
    expect(
      (await call('POST', `/api/payments/payments/${b}/reject`, cast.finance, { reason: '未到账' })).body.payment
        .status,
    ).toBe('rejected');
  });

  test('refund: finance only, with an Idempotency-Key', async () => {
    cover('POST', '/api/payments/payments/:id/refund');
    const { payableId } = await firstPayable();
    const id = await payByBank(app, cast, payableId, 30_000_000);
    const path = `/api/payments/payments/${id}/refund`;
    const body = { reason: '合同解除' };
    expect(await status('POST', path, null, body, key())).toBe(401);
    expect(await status('POST', path, cast.other, body, key())).toBe(404);
    expect(await status('POST', path, cast.buyer, body, key())).toBe(403);
    expect(await status('POST', path, cast.finance, body)).toBe(400);
    expect((await app.models.Payment.findById(id).lean<PaymentRecord>())!.status).toBe('succeeded');
    const row = async (q: string) =>
      (await call('GET', `/api/payments/finance/payments?${q}&pageSize=100`, cast.finance)).body.items.find(
        (i: { id: string }) => i.id === id,
      );
    expect(await row('status=succeeded')).toMatchObject({ refundBlockedBy: null, refund: null });
    const ok = await call('POST', path, cast.finance, body, key());
    expect(ok.body.payment.status).toBe('refunded');
    expect((await call('POST', path, cast.finance, body, key())).body.payment.status).toBe('refunded');
    expect(await app.models.Journal.countDocuments({ _id: `refund:${id}` })).toBe(1);
    expect(await row('status=refunded')).toMatchObject({
      status: 'refunded',
      refundBlockedBy: 'NOT_SUCCEEDED',
      refund: { reason: '合同解除' },
    });
    expect(await row('status=succeeded')).toBeUndefined();
  });

  test('royalty reports: the buyer party only; a contract without royalty terms is refused', async () => {
    cover('POST', '/api/payments/contracts/:id/royalty-reports');
    const { contractId } = await firstPayable();
    const path = `/api/payments/contracts/${contractId}/royalty-reports`;
    const body = { period: '2026-Q1', netSalesFen: 100_000_000 };
    expect(await status('POST', path, null, body)).toBe(401);
    expect(await status('POST', path, cast.other, body)).toBe(404);
    expect(await status('POST', path, cast.seller, body)).toBe(404);
    expect(await status('POST', path, cast.finance, body)).toBe(403);
    expect(await status('POST', path, cast.buyer, { ...body, period: '2026-13' })).toBe(400);
    expect(await status('POST', path, cast.buyer, { ...body, amountFen: 5 })).toBe(400);
    expect((await call('POST', path, cast.buyer, body)).body.error.code).toBe('INVALID_STATE');
    expect(await app.models.Payable.countDocuments({ contractId, kind: 'royalty' })).toBe(0);
  });
});

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

  test('confirming a bank payout: finance only', async () => {
    cover('POST', '/api/payments/payouts/:id/confirm');
    const { payableId } = await firstPayable();
    await payByBank(app, cast, payableId, 30_000_000);
    const id = `payout:${payableId}:seller`;
    const path = `/api/payments/payouts/${encodeURIComponent(id)}/confirm`;
    const body = { bankReference: 'ICBC20261201001' };
    expect(await status('POST', path, null, body)).toBe(401);
    for (const who of [cast.seller, cast.buyer, cast.other, cast.admin])
      expect(await status('POST', path, who, body)).toBe(403);
    expect(await status('POST', path, cast.finance, { bankReference: '' })).toBe(400);
    expect(
      await status(
        'POST',
        `/api/payments/payouts/${encodeURIComponent('payout:x:seller')}/confirm`,
        cast.finance,
        body,
      ),
    ).toBe(400);
    expect(
      await status(
        'POST',
        `/api/payments/payouts/${encodeURIComponent(`payout:${'a'.repeat(24)}:seller`)}/confirm`,
        cast.finance,
        body,
      ),
    ).toBe(404);
    expect((await app.models.Payout.findById(id).lean())!.status).toBe('pending');
    const payable = 30_000_000 - 300_000 - 900_000;
    // More than is payable, or less, is refused and changes nothing.
    const over = await call('POST', path, cast.finance, { ...body, amountFen: payable + 1 });
    expect([over.status, over.body.error.code, !!over.body.error.message.zh]).toEqual([
      422,
      'PAYOUT_EXCEEDS_PAYABLE',
      true,
    ]);
    expect((await call('POST', path, cast.finance, { ...body, amountFen: payable - 1 })).status).toBe(422);
    expect([
      (await app.models.Payout.findById(id).lean())!.status,
      await app.models.Journal.countDocuments({ _id: id }),
    ]).toEqual(['pending', 0]);
    const ok = await call('POST', path, cast.finance, { ...body, amountFen: payable, paidOn: '2026-12-02' });
    expect(ok.body.payout).toMatchObject({
      status: 'paid',
      source: 'bank_transfer',
      amountFen: 30_000_000 - 300_000 - 900_000,
    });
    expect((await app.models.Payout.findById(id).lean()) as unknown).toMatchObject({
      bank: { reference: 'ICBC20261201001', paidOn: '2026-12-02' },
    });
    // Paying out twice is refused (ALREADY_PAID_OUT) and books nothing more.
    const twice = await call('POST', path, cast.finance, body);
    expect([twice.status, twice.body.error.code]).toEqual([409, 'ALREADY_PAID_OUT']);
    expect(twice.body.error.message).toEqual({ zh: expect.any(String), en: expect.any(String) });
    expect(await app.models.Journal.countDocuments({ _id: id })).toBe(1);
    expect(ok.body.payout).toMatchObject({
      bank: { reference: 'ICBC20261201001', paidOn: '2026-12-02' },
      receiptUrl: `/api/payments/payouts/${encodeURIComponent(id)}/receipt.pdf`,
    });
    // The trial balance names the seller's account by the organisation, not its id.
    const tb = (await call('GET', '/api/payments/ledger/balances', cast.finance)).body;
    const payableAccount = tb.accounts.find((x: { account: string }) => x.account.endsWith(':payable'));
    expect(payableAccount.holderName).toEqual(expect.any(String));
  });

  test('two finance staff recording one payout at once: one 200, the other 409 ALREADY_PAID_OUT, one journal', async () => {
    const { payableId } = await firstPayable();
    await payByBank(app, cast, payableId, 30_000_000);
    const id = `payout:${payableId}:seller`;
    const path = `/api/payments/payouts/${encodeURIComponent(id)}/confirm`;
    const colleague = await app.createUser({ roles: ['finance'] });
    const [a, b] = await Promise.all([
      call('POST', path, cast.finance, { bankReference: 'ICBC-RACE-A' }),
      call('POST', path, colleague, { bankReference: 'ICBC-RACE-B' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    const winner = a.status === 200 ? a : b;
    expect(loser.body.error.code).toBe('ALREADY_PAID_OUT');
    expect(loser.body.error.message).toEqual({ zh: expect.any(String), en: expect.any(String) });
    expect(await app.models.Journal.countDocuments({ _id: id })).toBe(1);
    const stored = (await app.models.Payout.findById(id).lean())!;
    expect(stored).toMatchObject({ status: 'paid', bank: { reference: winner.body.payout.bank.reference } });
  });

  test("a payout's bank slip: finance uploads it and records it with the payout; the payee and finance open it, nobody else", async () => {
    const { payableId } = await firstPayable();
    await payByBank(app, cast, payableId, 30_000_000);
    const id = `payout:${payableId}:seller`;
    const path = `/api/payments/payouts/${encodeURIComponent(id)}/confirm`;
    // Finance belongs to no organisation: its upload is the platform's own file, readable by the uploader only.
    const up = await upload(app, cast.finance, '银行回单.pdf', files.pdf());
    expect(up.status).toBe(201);
    const slipId = up.body.attachment.id as string;
    expect((await app.models.Attachment.findById(slipId).lean())!.ownerOrgId).toBeNull();
    expect(await status('GET', `/api/attachments/${slipId}`, cast.seller)).toBe(404);
    // An organisation's file, another finance user's upload or a malformed id is not a slip: 4xx, nothing booked.
    const colleague = await app.createUser({ roles: ['finance'] });
    const theirs = (await upload(app, colleague, '回单.pdf', files.pdf())).body.attachment.id as string;
    const orgFile = await receipt(app, cast.seller);
    for (const slipAttachmentId of [theirs, orgFile]) {
      const r = await call('POST', path, cast.finance, { bankReference: 'ICBC-SLIP-1', slipAttachmentId });
      expect([r.status, r.body.error.code]).toEqual([400, 'ATTACHMENT_NOT_USABLE']);
      expect(r.body.error.message).toEqual({ zh: expect.any(String), en: expect.any(String) });
    }
    expect(await status('POST', path, cast.finance, { bankReference: 'ICBC-SLIP-1', slipAttachmentId: 'x' })).toBe(400);
    expect([
      (await app.models.Payout.findById(id).lean())!.status,
      await app.models.Journal.countDocuments({ _id: id }),
    ]).toEqual(['pending', 0]);
    const ok = await call('POST', path, cast.finance, { bankReference: 'ICBC-SLIP-1', slipAttachmentId: slipId });
    expect(ok.status).toBe(200);
    expect(ok.body.payout.bank).toMatchObject({ reference: 'ICBC-SLIP-1', slipAttachmentId: slipId });
    // The payee (the seller's members) and finance open the slip; the buyer, another organisation, anonymous do not.
    expect(await status('GET', `/api/attachments/${slipId}`, cast.seller)).toBe(200);
    expect(await status('GET', `/api/attachments/${slipId}`, colleague)).toBe(200);
    expect(await status('GET', `/api/attachments/${slipId}`, cast.finance)).toBe(200);
    for (const who of [null, cast.buyer, cast.other])
      expect(await status('GET', `/api/attachments/${slipId}`, who)).toBe(404);
  });

  test("a payout's receipt: its beneficiary and finance; nobody else", async () => {
    cover('GET', '/api/payments/payouts/:id/receipt.pdf');
    const { payableId } = await firstPayable();
    await payByBank(app, cast, payableId, 30_000_000);
    const seller = `payout:${payableId}:seller`;
    const broker = `payout:${payableId}:broker`;
    const path = (id: string) => `/api/payments/payouts/${encodeURIComponent(id)}/receipt.pdf`;
    // Not paid yet: nothing to show (the beneficiary asks too early).
    expect(await status('GET', path(seller), cast.seller)).toBe(409);
    await call('POST', `/api/payments/payouts/${encodeURIComponent(seller)}/confirm`, cast.finance, {
      bankReference: 'BOC-RECEIPT-1',
      paidOn: '2026-12-03',
    });
    await call('POST', `/api/payments/payouts/${encodeURIComponent(broker)}/confirm`, cast.finance, {
      bankReference: 'BOC-RECEIPT-2',
    });
    expect(await status('GET', path(seller), null)).toBe(401);
    for (const who of [cast.buyer, cast.other, cast.broker, cast.official])
      expect(await status('GET', path(seller), who)).toBe(404);
    for (const who of [cast.buyer, cast.seller, cast.other]) expect(await status('GET', path(broker), who)).toBe(404);
    for (const [who, id] of [
      [cast.seller, seller],
      [cast.finance, seller],
      [cast.admin, seller],
      [cast.broker, broker],
    ] as const) {
      const res = await fetch(app.url + path(id), { headers: { authorization: `Bearer ${who.token}` } });
      expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/pdf']);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1_000);
    }
    expect(await status('GET', path('payout:x:seller'), cast.finance)).toBe(400);
    expect(await status('GET', path(`payout:${'b'.repeat(24)}:seller`), cast.finance)).toBe(404);
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

describe('malformed ids', () => {
  test('every :id route answers 400 INVALID_ID to a malformed id', async () => {
    for (const [m, p] of [
      ['GET', '/api/payments/contracts/x'],
      ['GET', '/api/payments/payments/1'],
      ['POST', '/api/payments/payables/zz/stripe'],
      ['GET', '/api/payments/orgs/%7B%24ne%7D/statement'],
    ] as const) {
      const res = await call(m, p, cast.finance, m === 'POST' ? {} : undefined, key());
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('INVALID_ID');
    }
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

test('every /api/payments route has a row in this matrix', () => {
  const declared = app.running.ctx.registry
    .list()
    .filter((op) => op.path.startsWith('/api/payments'))
    .map((op) => `${op.method.toUpperCase()} ${op.path}`);
  expect(declared.length).toBe(27);
  expect(declared.filter((r) => !covered.has(r))).toEqual([]);
});
