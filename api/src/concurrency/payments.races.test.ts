/**
 * Money races, two api instances on one database: two finance staff deciding one declared bank transfer,
 * and one Stripe event delivered several times at once to both instances. After every round the payment,
 * its payable and the ledger are read back; at the end the trial balance must balance and each account must
 * have moved by exactly the amounts booked.
 */
import { makeDeal } from '../test-support/contract-fixtures';
import type { TestApp } from '../test-support/harness';
import type { PayableRecord, PaymentRecord } from '../modules/payments/payment.model';
import { FakeStripe } from '../modules/payments/testing/fake-stripe';
import { bankBody, idem, receipt, WEBHOOK_SECRET } from '../modules/payments/testing/payment-fixtures';
import { describeRaces, oneWinner, race, ROUNDS, startPair, type Pair } from './two-instances';

// Eight rounds of fresh objects through HTTP on two shared cores: the bound is for a hang, nothing is timed.
jest.setTimeout(180_000);

let pair: Pair;
let app: TestApp;
let cast: Awaited<ReturnType<TestApp['cast']>>;
let finance: Array<Awaited<ReturnType<TestApp['createUser']>>>;

beforeAll(async () => {
  pair = await startPair();
  app = pair.a;
  cast = await app.cast();
  finance = [await app.createUser({ roles: ['finance'] }), await app.createUser({ roles: ['finance'] })];
});
afterAll(() => pair?.stop());

type Trial = { accounts: Array<{ account: string; balanceFen: number }>; balanced: boolean; journals: number };
const trial = async (via: TestApp): Promise<Trial> =>
  (await via.http('GET', '/api/payments/ledger/balances', { token: finance[0].token })).body;
const balance = (t: Trial, account: string) => t.accounts.find((a) => a.account === account)?.balanceFen ?? 0;

/**
 * The payables of a contract drafted from a fresh deal (seller cast.owner, buyer cast.other) and signed by
 * both: 40% due now and 60% in six months of 1,200,000 元, no broker.
 */
async function payables(): Promise<Array<{ id: string; amountFen: number; feeFen: number }>> {
  const dealId = await makeDeal(app, cast.owner, cast.other, cast.hubOperator);
  const draft = await app.http('POST', '/api/contracts/from-deal', { token: cast.owner.token, body: { dealId } });
  const id = draft.body.contract.id as string;
  await app.http('POST', `/api/contracts/${id}/sign`, {
    token: cast.other.token,
    body: { side: 'buyer', docHash: draft.body.contract.docHash },
  });
  await app.http('POST', `/api/contracts/${id}/sign`, {
    token: cast.owner.token,
    body: { side: 'seller', docHash: draft.body.contract.docHash },
  });
  const plan = await app.http('GET', `/api/payments/contracts/${id}`, { token: cast.other.token });
  expect(plan.status).toBe(200);
  return plan.body.payables;
}

describeRaces('money, two instances', () => {
  test('when two finance staff decide one declared bank transfer at once, then one decision stands, the other gets 409, and the transfer is booked at most once', async () => {
    const before = await trial(app);
    let confirmedFen = 0;
    let feesFen = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const [due] = await payables();
      const att = await receipt(app, cast.other);
      const declared = await app.http('POST', `/api/payments/payables/${due.id}/bank-transfer`, {
        token: cast.other.token,
        headers: { 'Idempotency-Key': idem() },
        body: bankBody(att, due.amountFen),
      });
      expect(declared.status).toBe(201);
      const paymentId = declared.body.payment.id as string;
      // Even rounds: both confirm the amount received; odd rounds: one confirms, the other rejects.
      const confirm = { path: 'confirm', body: { receivedFen: due.amountFen, note: '工行回单已核' } };
      const other = round % 2 === 0 ? confirm : { path: 'reject', body: { reason: '未查到到账记录' } };
      const decisions = [confirm, other];
      const answers = await race(
        () =>
          pair.on(round).http('POST', `/api/payments/payments/${paymentId}/${decisions[0].path}`, {
            token: finance[0].token,
            body: decisions[0].body,
          }),
        () =>
          pair.on(round + 1).http('POST', `/api/payments/payments/${paymentId}/${decisions[1].path}`, {
            token: finance[1].token,
            body: decisions[1].body,
          }),
      );
      const w = oneWinner(answers, ['INVALID_STATE']);
      const confirmed = decisions[w].path === 'confirm';

      const p = (await app.models.Payment.findById(paymentId).lean<PaymentRecord>())!;
      expect([p.status, p.bank?.decidedBy]).toEqual([
        confirmed ? 'succeeded' : 'rejected',
        String(finance[w].user._id),
      ]);
      expect(answers[w].body.payment.status).toBe(p.status);
      const journals = await app.models.Journal.find({ payableId: due.id }).lean<Array<{ _id: string }>>();
      expect(journals.map((j) => j._id)).toEqual(confirmed ? [`payment:${paymentId}`] : []);
      const payable = (await app.models.Payable.findById(due.id).lean<PayableRecord>())!;
      expect([payable.inFen, payable.journalIds]).toEqual(
        confirmed ? [due.amountFen, [`payment:${paymentId}`]] : [0, []],
      );
      expect(
        await app.models.Audit.countDocuments({
          entity: 'payment',
          entityId: paymentId,
          action: { $in: ['confirm_bank_transfer', 'reject_bank_transfer'] },
        }),
      ).toBe(1);
      if (confirmed) {
        confirmedFen += due.amountFen;
        feesFen += due.feeFen;
      }
    }
    for (const via of [pair.a, pair.b]) {
      const after = await trial(via);
      expect(after.balanced).toBe(true);
      expect([
        balance(after, 'clearing:bank') - balance(before, 'clearing:bank'),
        balance(after, 'platform:fees') - balance(before, 'platform:fees'),
      ]).toEqual([-confirmedFen, feesFen]);
      expect(
        balance(after, `org:${cast.ownerOrg._id}:payable`) - balance(before, `org:${cast.ownerOrg._id}:payable`),
      ).toBe(confirmedFen - feesFen);
    }
  });

  test('when Stripe delivers one event four times at once, two copies to each instance, then every delivery gets 200 and the payment is booked once', async () => {
    const before = await trial(app);
    let paidFen = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const [due] = await payables();
      const started = await app.http('POST', `/api/payments/payables/${due.id}/stripe`, {
        token: cast.other.token,
        headers: { 'Idempotency-Key': idem() },
        body: { methodType: 'card' },
      });
      expect(started.status).toBe(201);
      const paymentId = started.body.payment.id as string;
      const evt = pair.fake.event(
        'payment_intent.succeeded',
        pair.fake.setIntentStatus(started.body.payment.stripe.paymentIntentId, 'succeeded'),
      );
      const hooks = [pair.a, pair.b, pair.a, pair.b].map((via) => `${via.url}/api/payments/stripe/webhook`);
      const answers = await Promise.all(hooks.map((hook) => FakeStripe.deliver(hook, WEBHOOK_SECRET, evt)));
      // Stripe redelivers on anything but 2xx, so a copy is answered 200 (marked duplicate once the first is recorded), never 4xx.
      expect(answers.map((r) => [r.status, r.body?.received])).toEqual(hooks.map(() => [200, true]));

      const p = (await app.models.Payment.findById(paymentId).lean<PaymentRecord>())!;
      expect(p.status).toBe('succeeded');
      expect(
        (await app.models.Journal.find({ payableId: due.id }).lean<Array<{ _id: string }>>()).map((j) => j._id),
      ).toEqual([`payment:${paymentId}`]);
      const payable = (await app.models.Payable.findById(due.id).lean<PayableRecord>())!;
      expect([payable.inFen, payable.refundedFen]).toEqual([due.amountFen, 0]);
      const recorded = await app.models.PaymentEvent.find({ _id: evt.id }).lean<Array<{ deliveries: number }>>();
      expect(recorded.map((e) => e.deliveries)).toEqual([4]);
      paidFen += due.amountFen;
    }
    for (const via of [pair.a, pair.b]) {
      const after = await trial(via);
      expect(after.balanced).toBe(true);
      expect([
        after.journals - before.journals,
        balance(after, 'clearing:stripe') - balance(before, 'clearing:stripe'),
      ]).toEqual([ROUNDS, -paidFen]);
    }
  });
});
