/**
 * Platform settings as data (/api/admin/settings): only admins read and change them; every other caller is
 * refused and nothing changes; a change is stored, audited, shown to payers at once and used by the next
 * payment plan. The environment's values are the defaults until an admin saves.
 */
import { startTestApp, type TestApp } from '../../test-support/harness';
import { paymentCast, plan, signedContract, type PaymentCast } from '../payments/testing/payment-fixtures';

let app: TestApp;
let cast: PaymentCast;
let operator: { token: string };
beforeAll(async () => {
  app = await startTestApp({ SEARCH_SYNC: 'external', PAYMENT_RECONCILE_INTERVAL_MS: 0 });
  cast = await paymentCast(app);
  operator = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['HUB'] });
});
afterAll(() => app.stop());

const PATH = '/api/admin/settings';
const stored = () => app.models.PlatformSettings.findById('platform').lean();
const newAccount = {
  name: '辽宁科技大市场有限公司',
  bank: '中国建设银行沈阳分行',
  account: '2105 0188 0000 1234 5678',
};
const everyoneButAdmin = () => [
  cast.seller,
  cast.buyerMember,
  cast.broker,
  cast.finance,
  cast.official,
  operator,
  cast.loner,
];

test('when nobody saved settings yet, then an admin reads the environment defaults', async () => {
  const res = await app.http('GET', PATH, { token: cast.admin.token });
  expect(res.status).toBe(200);
  expect(res.body.settings).toEqual({
    bankAccount: {
      name: '东北科技大市场运营管理有限公司',
      bank: '中国工商银行沈阳浑南支行',
      account: '3301 0012 0920 0088 666',
    },
    feeRateBp: 100,
    updatedAt: null,
    updatedByName: null,
  });
});

test('when anyone but an admin reads or changes the settings, then 401/403 and nothing is stored', async () => {
  expect((await app.http('GET', PATH)).status).toBe(401);
  expect((await app.http('PATCH', PATH, { body: { feeRateBp: 0 } })).status).toBe(401);
  for (const who of everyoneButAdmin()) {
    const read = await app.http('GET', PATH, { token: who.token });
    expect([read.status, read.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const write = await app.http('PATCH', PATH, { token: who.token, body: { feeRateBp: 0, bankAccount: newAccount } });
    expect([write.status, write.body.error.code]).toEqual([403, 'FORBIDDEN']);
  }
  expect(await stored()).toBeNull();
  expect(await app.models.Audit.countDocuments({ entity: 'settings' })).toBe(0);
});

test('when the body is bad, then 400 with zh and en and nothing is stored', async () => {
  const cases: unknown[] = [
    {},
    { feeRateBp: -1 },
    { feeRateBp: 2_001 },
    { feeRateBp: 1.5 },
    { feeRateBp: '100' },
    { feeRateBp: { $gt: 0 } },
    { bankAccount: { ...newAccount, account: 'call us' } },
    { bankAccount: { ...newAccount, name: '' } },
    { bankAccount: { ...newAccount, bank: '行'.repeat(101) } },
    { bankAccount: { name: newAccount.name } },
    { bankAccount: { ...newAccount, swift: 'ICBKCNBJ' } },
    { feeRateBp: 50, updatedBy: 'me' },
  ];
  for (const body of cases) {
    const res = await app.http('PATCH', PATH, { token: cast.admin.token, body });
    expect([res.status, res.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(res.body.error.message.zh).toBeTruthy();
    expect(res.body.error.message.en).toBeTruthy();
  }
  expect(await stored()).toBeNull();
});

test('when an admin changes the bank account and fee rate, then they are stored, audited, shown to payers and used by the next plan', async () => {
  const before = await plan(app, cast.buyer, await signedContract(app, cast));
  expect(before.payables[0].feeFen).toBe(300_000); // 1% of 300,000 元

  const res = await app.http('PATCH', PATH, {
    token: cast.admin.token,
    body: { bankAccount: newAccount, feeRateBp: 250 },
  });
  expect(res.status).toBe(200);
  expect(res.body.settings).toMatchObject({
    bankAccount: newAccount,
    feeRateBp: 250,
    updatedByName: expect.any(String),
  });
  expect(await stored()).toMatchObject({
    bankAccount: newAccount,
    feeRateBp: 250,
    updatedBy: String(cast.admin.user._id),
  });
  const audit = await app.models.Audit.find({ entity: 'settings', entityId: 'platform' }).lean();
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ action: 'update', actorId: String(cast.admin.user._id) });
  expect(audit[0]!.from).toContain('feeRateBp=100');
  expect(audit[0]!.to).toContain('feeRateBp=250');

  const config = await app.http('GET', '/api/payments/config', { token: cast.buyer.token });
  expect(config.body).toMatchObject({ feeRateBp: 250, bankAccount: newAccount });

  // A plan made after the change takes the new rate; the plan made before keeps what it stored.
  const after = await plan(app, cast.buyer, await signedContract(app, cast));
  expect(after.payables[0].feeFen).toBe(750_000);
  const again = await plan(app, cast.buyer, before.contract.id);
  expect(again.payables[0].feeFen).toBe(300_000);

  // Changing one setting keeps the other.
  const fee = await app.http('PATCH', PATH, { token: cast.admin.token, body: { feeRateBp: 0 } });
  expect(fee.body.settings).toMatchObject({ bankAccount: newAccount, feeRateBp: 0 });
});
