/**
 * Authorization matrix of the payments routes that read (config, a contract's payments, statements, finance
 * views) and malformed ids: anonymous 401, another organisation 404, the party 2xx, finance as specified.
 * The last test fails when a /api/payments route is added without a row in one of the payments matrix
 * files (payments.matrix.*.test.ts: reading, paying, deposits, payouts).
 * Set-up and request helpers in payments.matrix.fixture.ts.
 */
import { cover, matrixRows } from '../../test-support/matrix-coverage';
import { payByBank, signedContract } from './testing/payment-fixtures';
import { app, call, cast, firstPayable, key, status, usePaymentsMatrixApp } from './payments.matrix.fixture';

usePaymentsMatrixApp();

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
    cover('GET', '/api/payments/finance/queue');
    cover('GET', '/api/payments/finance/payments');
    cover('GET', '/api/payments/ledger/balances');
    cover('GET', '/api/payments/ledger/export');
    cover('GET', '/api/payments/payouts');
    for (const path of [
      '/api/payments/finance/queue',
      '/api/payments/finance/payments?status=succeeded',
      '/api/payments/ledger/balances',
      '/api/payments/ledger/export?format=csv',
      '/api/payments/payouts',
    ]) {
      expect(await status('GET', path, null)).toBe(401);
      for (const who of [cast.buyer, cast.seller, cast.broker, cast.official])
        expect(await status('GET', path, who)).toBe(403);
      for (const who of [cast.finance, cast.admin]) expect(await status('GET', path, who)).toBe(200);
    }
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

test('every /api/payments route has a row in this matrix', () => {
  const covered = matrixRows(__dirname, /^payments\.matrix\.[\w-]+\.test\.ts$/);
  const declared = app.running.ctx.registry
    .list()
    .filter((op) => op.path.startsWith('/api/payments'))
    .map((op) => `${op.method.toUpperCase()} ${op.path}`);
  expect(declared.length).toBe(27);
  expect(declared.filter((r) => !covered.has(r))).toEqual([]);
});
