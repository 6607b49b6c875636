/**
 * Issue 13, item 3, the money events: payment due and overdue (an injected day, no waiting), transfer confirmed
 * and rejected, payout sent, deposit held/released/forfeited, challenge shortlisted/awarded. Each step is
 * checked as a delta — the notices that step alone stored, by user — against exactly the people who must hear
 * it; an e-mail is queued for each, a switched-off category stores and mails nothing, a repeat adds nothing.
 */
import { needBody, publish } from '../../test-support/catalog-fixtures';
import { startTestApp, type TestApp } from '../../test-support/harness';
import {
  bankBody,
  idem,
  payByBank,
  paymentCast,
  plan,
  receipt,
  signedContract,
  type PaymentCast,
} from './testing/payment-fixtures';

let app: TestApp;
let cast: PaymentCast;
beforeAll(async () => {
  app = await startTestApp({ SEARCH_SYNC: 'external', PAYMENT_RECONCILE_INTERVAL_MS: 0 });
  cast = await paymentCast(app);
});
afterAll(() => app.stop());

type Who = { token: string; user: { _id: unknown } };
const id = (w: { user: { _id: unknown } }) => String(w.user._id);
const call = async (
  method: string,
  path: string,
  who: { token: string },
  body?: unknown,
  headers?: Record<string, string>,
) => {
  const r = await app.http(method, path, { token: who.token, body, headers });
  if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

/** Runs a step; answers the notices it stored (user id → types, sorted) and checks a mail was queued for each. */
async function delta(step: () => Promise<unknown>): Promise<Record<string, string[]>> {
  const before = new Set((await app.models.Notification.find({}, { _id: 1 }).lean()).map((n) => String(n._id)));
  await step();
  await app.settled();
  const fresh = (await app.models.Notification.find({}).lean()).filter((n) => !before.has(String(n._id)));
  const out: Record<string, string[]> = {};
  for (const n of fresh) (out[String(n.userId)] ??= []).push(String(n.type));
  for (const k of Object.keys(out)) out[k].sort();
  for (const n of fresh)
    expect(await app.models.MailOutbox.countDocuments({ _id: `notify:${n.key}:${n.userId}` })).toBe(1);
  return out;
}
const to = (who: Who[], type: string) => Object.fromEntries(who.map((w) => [id(w), [type]]));
const buyers = () => [cast.buyer, cast.buyerMember];

test('when instalments come due and pass their day, then the payer is reminded and the payee told it is late, once', async () => {
  const contractId = await signedContract(app, cast, {
    paymentSchedule: [
      { dueOn: '2027-07-01', amountFen: 30_000_000, note: '首付' },
      { dueOn: '2027-07-20', amountFen: 50_000_000, note: '尾款' },
    ],
  });
  const payables = (await plan(app, cast.buyer, contractId)).payables as Array<{ id: string }>;
  const reminders = app.running.ctx.services.payments.notices;
  // 2027-07-15 in Shenyang: the first instalment is overdue, the second due within 7 days.
  const now = new Date('2027-07-15T01:00:00Z');
  const run = await delta(() => reminders.runOnce(now, 7));
  expect(run).toEqual({
    ...Object.fromEntries(buyers().map((w) => [id(w), ['payment_due', 'payment_overdue']])),
    [id(cast.seller)]: ['payment_overdue'],
  });
  const stored = await app.models.Notification.find({ type: 'payment_overdue', userId: cast.seller.user._id }).lean();
  expect(stored.map((n) => n.key)).toEqual([`payment:${payables[0].id}:overdue:2027-07-01:payee`]);
  // Again the same day, or an hour later: nothing new.
  expect(await delta(() => reminders.runOnce(new Date(now.getTime() + 3_600_000), 7))).toEqual({});
  // A member who switched payments off hears nothing of the next contract's reminder.
  await call('PUT', '/api/notifications/preferences', cast.buyerMember, { off: ['payment'] });
  const later = await signedContract(app, cast, {
    paymentSchedule: [{ dueOn: '2027-07-18', amountFen: 80_000_000, note: '一次付清' }],
  });
  // The plan (its payables) is made on the first read of a signed contract.
  const laterPayable = (await plan(app, cast.buyer, later)).payables[0].id as string;
  expect(await delta(() => reminders.runOnce(now, 7))).toEqual(to([cast.buyer], 'payment_due'));
  await call('PUT', '/api/notifications/preferences', cast.buyerMember, { off: [] });
  // A paid instalment is never reminded of: the second, paid before its day, is not overdue a month later.
  await payByBank(app, cast, payables[1].id, 50_000_000);
  await reminders.runOnce(new Date('2027-08-15T01:00:00Z'), 7);
  await app.settled();
  expect(await app.models.Notification.countDocuments({ key: { $regex: `^payment:${payables[1].id}:overdue` } })).toBe(
    0,
  );
  // …while the unpaid one is: its payer's two members and the payee hear it.
  expect(await app.models.Notification.countDocuments({ key: { $regex: `^payment:${laterPayable}:overdue` } })).toBe(3);
});

test('when a transfer is confirmed, rejected and paid out, then payer, payee and beneficiaries hear exactly their part', async () => {
  const contractId = await signedContract(app, cast);
  const [first, second] = (await plan(app, cast.buyer, contractId)).payables as Array<{ id: string }>;
  // Confirmed: the paying and the receiving organisation; not the broker, not the other organisation.
  expect(await delta(() => payByBank(app, cast, first.id, 30_000_000))).toEqual({
    ...to(buyers(), 'transfer_confirmed'),
    ...to([cast.seller], 'transfer_confirmed'),
  });
  // Rejected: only the payer, with the reason.
  const declared = await call(
    'POST',
    `/api/payments/payables/${second.id}/bank-transfer`,
    cast.buyer,
    bankBody(await receipt(app, cast.buyer), 50_000_000),
    { 'Idempotency-Key': idem() },
  );
  expect(
    await delta(() =>
      call('POST', `/api/payments/payments/${declared.payment.id}/reject`, cast.finance, {
        reason: '回单金额与到账不符',
      }),
    ),
  ).toEqual(to(buyers(), 'transfer_rejected'));
  const reasons = await app.models.Notification.find({
    type: 'transfer_rejected',
    'body.zh': { $regex: '回单金额与到账不符' },
  }).lean();
  expect(reasons.map((n) => String(n.userId)).sort()).toEqual(buyers().map(id).sort());
  // Payouts: the seller's organisation, then the broker alone.
  const confirm = (who: 'seller' | 'broker') =>
    call('POST', `/api/payments/payouts/${encodeURIComponent(`payout:${first.id}:${who}`)}/confirm`, cast.finance, {
      bankReference: `ICBC-N-${who}`,
    });
  expect(await delta(() => confirm('seller'))).toEqual(to([cast.seller], 'payout_sent'));
  expect(await delta(() => confirm('broker'))).toEqual(to([cast.broker], 'payout_sent'));
  // Recording it again is refused and tells nobody anything.
  const again = await app.http(
    'POST',
    `/api/payments/payouts/${encodeURIComponent(`payout:${first.id}:seller`)}/confirm`,
    {
      token: cast.finance.token,
      body: { bankReference: 'ICBC-N-again' },
    },
  );
  expect(again.status).toBe(409);
  expect(await delta(async () => undefined)).toEqual({});
});

test('when a deposit is held, released and another forfeited, and proposals are shortlisted and awarded, then only the depositor or proposer hears', async () => {
  const reviewer = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['HUB'] });
  const needId = await publish(
    app,
    'needs',
    cast.buyer,
    reviewer,
    needBody({ challenge: { rewardFen: 300_000_000, closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString() } }),
  );
  const depositOf = async (who: Who) => {
    const d = await call('POST', '/api/payments/deposits', who, { subjectKind: 'challenge', subjectId: needId });
    const start = await call(
      'POST',
      `/api/payments/payables/${d.payable.id}/bank-transfer`,
      who,
      bankBody(await receipt(app, who), d.payable.amountFen),
      { 'Idempotency-Key': idem() },
    );
    return { payableId: d.payable.id as string, paymentId: start.payment.id as string, amountFen: d.payable.amountFen };
  };
  const sellerDeposit = await depositOf(cast.seller);
  expect(
    await delta(() =>
      call('POST', `/api/payments/payments/${sellerDeposit.paymentId}/confirm`, cast.finance, {
        receivedFen: sellerDeposit.amountFen,
      }),
    ),
  ).toEqual(to([cast.seller], 'deposit_held'));
  const otherDeposit = await depositOf(cast.other);
  expect(
    await delta(() =>
      call('POST', `/api/payments/payments/${otherDeposit.paymentId}/confirm`, cast.finance, {
        receivedFen: otherDeposit.amountFen,
      }),
    ),
  ).toEqual(to([cast.other], 'deposit_held'));
  expect(
    await delta(() =>
      call('POST', `/api/payments/deposits/${sellerDeposit.payableId}/release`, cast.finance, {
        reason: '未中榜，退还',
      }),
    ),
  ).toEqual(to([cast.seller], 'deposit_released'));
  expect(
    await delta(() =>
      call('POST', `/api/payments/deposits/${otherDeposit.payableId}/forfeit`, cast.finance, {
        reason: '提交虚假材料',
      }),
    ),
  ).toEqual(to([cast.other], 'deposit_forfeited'));
  expect(
    (await app.models.Notification.find({ type: 'deposit_forfeited' }).lean()).map((n) => [
      String(n.userId),
      n.body?.zh,
    ]),
  ).toEqual([[id(cast.other), expect.stringContaining('提交虚假材料')]]);

  // Two proposals; the poster shortlists one and awards the other: each proposer hears of its own only.
  const propose = (who: Who) =>
    call('POST', `/api/needs/${needId}/proposals`, who, {
      summary: '基于激光视觉的焊缝实时跟踪方案，已在三条产线验证。',
    });
  const p1 = (await propose(cast.seller)).proposal.id;
  const p2 = (await propose(cast.other)).proposal.id;
  const decide = (pid: string, decision: string) =>
    call('POST', `/api/needs/${needId}/proposals/${pid}/decision`, cast.buyer, { decision });
  expect(await delta(() => decide(p1, 'shortlist'))).toEqual(to([cast.seller], 'challenge_shortlisted'));
  expect(await delta(() => decide(p2, 'select_winner'))).toEqual(to([cast.other], 'challenge_awarded'));
});
