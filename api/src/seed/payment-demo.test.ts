import { startTestApp, type TestApp } from '../test-support/harness';
import { seedDemo } from './demo';

jest.setTimeout(120_000);

let app: TestApp;
beforeAll(async () => {
  // No in-process search-sync competing with the seed for the one FerretDB connection.
  app = await startTestApp({ SEARCH_SYNC: 'external' });
});
afterAll(() => app.stop());

const login = async (email: string) =>
  (await app.http('POST', '/api/auth/login', { body: { email, password: 'Demo2026!' } })).body.token as string;

test('when the demo is seeded twice, then two contracts have payables paid by bank transfer, one waiting for finance, one due and one overdue, and a challenge deposit is held, once each', async () => {
  await seedDemo(app.running.ctx);
  const counts = async () => ({
    payables: await app.models.Payable.countDocuments(),
    payments: await app.models.Payment.countDocuments(),
    journals: await app.models.Journal.countDocuments(),
  });
  const first = await counts();
  await seedDemo(app.running.ctx);
  expect(await counts()).toEqual(first);
  // Six from the contracts and deposit here, two royalty reports from the negotiation demo's royalty contract.
  expect(first).toEqual({ payables: 8, payments: 4, journals: 3 });

  const company = await login('company@demo.nekj.cn');
  const finance = await login('finance@demo.nekj.cn');
  const neu = await app.models.Contract.findOne({ originKey: 'seed:payments:neu-robot' }).lean();
  const view = await app.http('GET', `/api/payments/contracts/${neu!._id}`, { token: company });
  expect(view.body.payables.map((p: { status: string }) => p.status)).toEqual(['paid', 'pending_confirmation', 'due']);
  expect(view.body.status).toBe('partially_paid');
  const dicp = await app.models.Contract.findOne({ originKey: 'seed:payments:dicp-robot' }).lean();
  expect(
    (await app.http('GET', `/api/payments/contracts/${dicp!._id}`, { token: company })).body.payables.map(
      (p: { status: string }) => p.status,
    ),
  ).toEqual(['paid', 'overdue']);

  // Bank transfer only (no Stripe keys, the embedded default): online payment is refused with a clear code.
  expect((await app.http('GET', '/api/payments/config', { token: company })).body).toMatchObject({
    stripeEnabled: false,
    methodTypes: [],
  });
  const due = view.body.payables[2];
  expect(due.viewer).toEqual({ canPay: true, canPayByStripe: false });
  const stripe = await app.http('POST', `/api/payments/payables/${due.id}/stripe`, {
    token: company,
    headers: { 'Idempotency-Key': 'demo-stripe-1' },
    body: {},
  });
  expect(stripe.body.error.code).toBe('PAYMENTS_STRIPE_DISABLED');
  expect(
    (await app.http('POST', '/api/payments/stripe/webhook', { raw: '{}', headers: { 'stripe-signature': 't=1,v1=x' } }))
      .status,
  ).toBe(503);

  const queue = await app.http('GET', '/api/payments/finance/queue', { token: finance });
  expect(queue.body.total).toBe(1);
  const trial = await app.http('GET', '/api/payments/ledger/balances', { token: finance });
  expect(trial.body).toMatchObject({ balanced: true, journals: 3 });
  // The confirmed transfers owe the sellers (and the broker) payouts that finance sends by bank.
  const payouts = await app.http('GET', '/api/payments/payouts?status=pending', { token: finance });
  expect(payouts.body.items.map((o: { source: string }) => o.source)).toEqual([
    'bank_transfer',
    'bank_transfer',
    'bank_transfer',
  ]);
  // 东北大学's challenge deposit, paid by bank and confirmed: held, on finance's deposits tab and the solver's page.
  const deposits = await app.http('GET', '/api/payments/deposits', { token: finance });
  expect(
    deposits.body.items.map((p: { status: string; payerName: string; deposit: { subjectKind: string } }) => [
      p.status,
      p.payerName,
      p.deposit.subjectKind,
    ]),
  ).toEqual([['held', '东北大学', 'challenge']]);
  const neuDeposits = await app.http(
    'GET',
    `/api/payments/deposits?subjectKind=challenge&subjectId=${deposits.body.items[0].deposit.subjectId}`,
    { token: await login('neu@demo.nekj.cn') },
  );
  expect(neuDeposits.body.total).toBe(1);
  const broker = await app.models.User.findOne({ email: 'broker@demo.nekj.cn' }).lean();
  const statement = await app.http('GET', `/api/payments/brokers/${broker!._id}/statement`, {
    token: await login('broker@demo.nekj.cn'),
  });
  // 3.6万 commission over 48万 + 72万: 40% of it on the paid first instalment.
  expect(statement.body.balances).toEqual([
    { account: `broker:${broker!._id}:commission`, debitFen: 0, creditFen: 1_440_000, balanceFen: 1_440_000 },
  ]);
});
