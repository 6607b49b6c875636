/**
 * Issue 13, item 4: every money figure on every page agrees with the ledger. A day of activity is built through
 * the API — two signed contracts, transfers confirmed, one rejected, one refunded, the seller's and the broker's
 * payouts recorded — and then each page's API (buyer's and seller's statements, the broker's commission
 * statement and workspace, both contracts' payments, the finance desk's trial balance and payouts) is compared
 * with figures summed here straight from the journals, and with the amounts the day should have produced.
 */
import { startTestApp, type TestApp } from '../../test-support/harness';
import type { JournalRecord, PaymentRecord } from './payment.model';
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

type Who = { token: string };
const get = async (path: string, who: Who) => {
  const r = await app.http('GET', path, { token: who.token });
  if (r.status !== 200) throw new Error(`GET ${path} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};
const post = async (path: string, who: Who, body: unknown, headers: Record<string, string> = {}) => {
  const r = await app.http('POST', path, { token: who.token, body, headers });
  if (r.status >= 300) throw new Error(`POST ${path} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};
const payout = (payableId: string, who: 'seller' | 'broker') =>
  `/api/payments/payouts/${encodeURIComponent(`payout:${payableId}:${who}`)}/confirm`;

/** The ledger, read here without the figures service: journals and the payments that made them. */
async function ledgerTruth() {
  const js = await app.models.Journal.find({}).lean<JournalRecord[]>();
  const payments = new Map((await app.models.Payment.find({}).lean<PaymentRecord[]>()).map((p) => [String(p._id), p]));
  const sum = (pred: (j: JournalRecord, l: JournalRecord['lines'][number]) => boolean, net: 'dc' | 'cd') =>
    js.reduce(
      (s, j) =>
        s +
        j.lines
          .filter((l) => pred(j, l))
          .reduce((t, l) => t + (net === 'dc' ? l.debitFen - l.creditFen : l.creditFen - l.debitFen), 0),
      0,
    );
  const payerOf = (j: JournalRecord) => (j.paymentId ? String(payments.get(String(j.paymentId))?.payerOrgId) : null);
  const isCash = (a: string) => a.startsWith('clearing:');
  return {
    paidBy: (orgId: string) =>
      sum((j, l) => ['payment', 'refund'].includes(j.kind) && payerOf(j) === orgId && isCash(l.account), 'dc'),
    credited: (account: string) => sum((j, l) => j.kind !== 'payout' && l.account === account, 'cd'),
    paidOut: (account: string) => sum((j, l) => j.kind === 'payout' && l.account === account, 'dc'),
    account: (pred: (a: string) => boolean) => sum((_, l) => pred(l.account), 'cd'),
    ofContract: (contractId: string) => ({
      cash: sum(
        (j, l) => String(j.contractId) === contractId && ['payment', 'refund'].includes(j.kind) && isCash(l.account),
        'dc',
      ),
    }),
    cash: () => sum((_, l) => isCash(l.account), 'dc'),
  };
}

test('when a day of payments, a refund and payouts happened, then every page shows the ledger’s figures', async () => {
  // --- the day ---
  const a = await signedContract(app, cast); // 80万 in two instalments (30万 + 50万), broker commission 2.4万
  const b = await signedContract(app, cast, {
    title: '镁合金挤压型材专利实施许可合同（二期）',
    amountFen: 20_000_000,
    techAmountFen: 18_000_000,
    paymentSchedule: [{ dueOn: '2026-04-01', amountFen: 20_000_000, note: '一次付清' }],
    broker: null,
  });
  const [a1, a2] = (await plan(app, cast.buyer, a)).payables.map((p: { id: string }) => p.id);
  const [b1] = (await plan(app, cast.buyer, b)).payables.map((p: { id: string }) => p.id);
  await payByBank(app, cast, a1, 30_000_000);
  const bPayment = await payByBank(app, cast, b1, 20_000_000);
  // A declared transfer finance could not find: rejected, no money moves.
  const declared = await post(
    `/api/payments/payables/${a2}/bank-transfer`,
    cast.buyer,
    bankBody(await receipt(app, cast.buyer), 50_000_000),
    { 'Idempotency-Key': idem() },
  );
  await post(`/api/payments/payments/${declared.payment.id}/reject`, cast.finance, { reason: '未查到该笔入账' });
  // B is refunded in full before anyone was paid out; A's seller and broker are paid out by bank.
  await post(
    `/api/payments/payments/${bPayment}/refund`,
    cast.finance,
    { reason: '双方解除合同' },
    { 'Idempotency-Key': idem() },
  );
  await post(payout(a1, 'seller'), cast.finance, { bankReference: 'ICBC-DAY-001', paidOn: '2026-12-03' });
  await post(payout(a1, 'broker'), cast.finance, { bankReference: 'ICBC-DAY-002', paidOn: '2026-12-03' });
  await app.settled();

  // --- what the day should have produced (1% fee; commission 2.4万 × 30/80 on A's first instalment) ---
  const fee = 300_000;
  const commission = 900_000;
  const sellerShare = 30_000_000 - fee - commission;
  const truth = await ledgerTruth();
  const buyerOrg = String(cast.buyerOrg._id);
  const sellerOrg = String(cast.sellerOrg._id);
  const brokerId = String(cast.broker.user._id);
  expect(truth.paidBy(buyerOrg)).toBe(30_000_000);
  expect(truth.credited(`org:${sellerOrg}:payable`)).toBe(sellerShare);
  expect(truth.credited(`broker:${brokerId}:commission`)).toBe(commission);

  // --- buyer's statement: paid as the ledger says, its cash lines listed, payables agree ---
  const buyer = await get(`/api/payments/orgs/${buyerOrg}/statement?pageSize=100`, cast.buyer);
  expect(buyer.figures).toEqual({
    paidFen: truth.paidBy(buyerOrg),
    refundedFen: 20_000_000,
    depositsHeldFen: 0,
    earnedFen: 0,
    paidOutFen: 0,
    owedFen: 0,
  });
  const cashLines = buyer.lines.filter((l: { account: string }) => l.account.startsWith('clearing:'));
  expect(
    cashLines.reduce((s: number, l: { debitFen: number; creditFen: number }) => s + l.debitFen - l.creditFen, 0),
  ).toBe(buyer.figures.paidFen);
  expect(buyer.payables.reduce((s: number, p: { paidFen: number }) => s + p.paidFen, 0)).toBe(buyer.figures.paidFen);
  expect(Object.fromEntries(buyer.payables.map((p: { id: string; status: string }) => [p.id, p.status]))).toMatchObject(
    {
      [a1]: 'paid',
      [b1]: 'refunded',
    },
  );

  // --- seller's statement: credited, paid out, owed ---
  const seller = await get(`/api/payments/orgs/${sellerOrg}/statement?pageSize=100`, cast.seller);
  expect(seller.figures).toMatchObject({
    earnedFen: truth.credited(`org:${sellerOrg}:payable`),
    paidOutFen: truth.paidOut(`org:${sellerOrg}:payable`),
    owedFen: 0,
    paidFen: 0,
  });
  expect(seller.figures.paidOutFen).toBe(sellerShare);
  expect(seller.balances.reduce((s: number, x: { balanceFen: number }) => s + x.balanceFen, 0)).toBe(
    seller.figures.owedFen,
  );

  // --- broker: the commission statement and the workspace show the same ledger figure ---
  const statement = await get(`/api/payments/brokers/${brokerId}/statement?pageSize=100`, cast.broker);
  expect(statement.figures).toMatchObject({
    earnedFen: truth.credited(`broker:${brokerId}:commission`),
    paidOutFen: truth.paidOut(`broker:${brokerId}:commission`),
    owedFen: 0,
  });
  const contractNoA = (await plan(app, cast.buyer, a)).contract.contractNo;
  expect(statement.byContract).toEqual([
    { contractId: a, contractNo: contractNoA, earnedFen: commission, refundedFen: 0 },
  ]);
  const workspace = await get('/api/negotiations/commissions', cast.broker);
  expect([workspace.totalFen, workspace.figures]).toEqual([statement.figures.earnedFen, statement.figures]);

  // --- each contract's payments page ---
  const viewA = await plan(app, cast.seller, a);
  expect(viewA.totals.paidFen).toBe(truth.ofContract(a).cash);
  expect(viewA.ledger).toEqual({
    paidFen: truth.ofContract(a).cash,
    refundedFen: 0,
    feeFen: fee,
    commissionFen: commission,
    sellerShareFen: sellerShare,
    paidOutFen: sellerShare + commission,
  });
  expect(viewA.status).toBe('partially_paid');
  const viewB = await plan(app, cast.buyer, b);
  expect([viewB.totals.paidFen, viewB.ledger.paidFen, viewB.ledger.refundedFen, viewB.status]).toEqual([
    truth.ofContract(b).cash,
    0,
    20_000_000,
    'unpaid',
  ]);

  // --- the finance desk: headline figures, accounts and payouts agree with the journals ---
  const desk = await get('/api/payments/ledger/balances', cast.finance);
  expect(desk.balanced).toBe(true);
  expect(desk.figures).toEqual({
    cashHeldFen: truth.cash(),
    paidInFen: truth.paidBy(buyerOrg),
    feesFen: truth.account((x) => x === 'platform:fees'),
    forfeitsFen: 0,
    depositsHeldFen: 0,
    owedToSellersFen: truth.account((x) => x.endsWith(':payable')),
    owedToBrokersFen: truth.account((x) => x.endsWith(':commission')),
    paidOutFen: sellerShare + commission,
  });
  expect(desk.figures.cashHeldFen).toBe(fee);
  const payouts = await get('/api/payments/payouts?status=paid&pageSize=100', cast.finance);
  expect(payouts.items.reduce((s: number, o: { amountFen: number }) => s + o.amountFen, 0)).toBe(
    desk.figures.paidOutFen,
  );
  expect(payouts.items.map((o: { bank: { reference: string } }) => o.bank.reference).sort()).toEqual([
    'ICBC-DAY-001',
    'ICBC-DAY-002',
  ]);
});
