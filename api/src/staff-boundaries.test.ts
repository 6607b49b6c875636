/**
 * Issue 17, findings 6 and 7: staff roles are kept apart from organisation membership (a staff user never
 * decides on a record of an organisation it belongs to), and operators read a negotiation room's metadata
 * only. Real HTTP; the stored state is checked after every refusal.
 */
import { Types } from 'mongoose';
import { filedContract, makeDeal } from './test-support/contract-fixtures';
import { achievementBody } from './test-support/catalog-fixtures';
import { startTestApp, type TestApp } from './test-support/harness';
import type { PayoutRecord, PaymentRecord } from './modules/payments/payment.model';
import {
  bankBody,
  idem,
  paymentCast,
  plan,
  receipt,
  signedContract,
  type PaymentCast,
} from './modules/payments/testing/payment-fixtures';

let app: TestApp;
let cast: PaymentCast;
const OWN_ORG = 'OWN_ORG_NOT_ALLOWED';

beforeAll(async () => {
  app = await startTestApp({ SEARCH_SYNC: 'external' });
  cast = await paymentCast(app);
});
afterAll(() => app.stop());

/** A bank transfer of the cast's buyer for the first instalment, waiting for finance; returns its id. */
async function pendingTransfer(): Promise<string> {
  const contractId = await signedContract(app, cast);
  const payable = (await plan(app, cast.buyer, contractId)).payables[0];
  const att = await receipt(app, cast.buyer);
  const res = await app.http('POST', `/api/payments/payables/${payable.id}/bank-transfer`, {
    token: cast.buyer.token,
    headers: { 'Idempotency-Key': idem() },
    body: bankBody(att, payable.amountFen),
  });
  expect(res.status).toBe(201);
  return res.body.payment.id as string;
}
const payment = async (id: string) => (await app.models.Payment.findById(id).lean<PaymentRecord>())!;

describe('separation of duties: finance', () => {
  test("when a finance user who is a member of the payer's organisation confirms or rejects its transfer, then it is refused and the payment waits", async () => {
    const insider = await app.createUser({ roles: ['finance'], org: cast.buyerOrg, orgRole: 'member' });
    const id = await pendingTransfer();
    const { amountFen } = await payment(id);
    const confirm = await app.http('POST', `/api/payments/payments/${id}/confirm`, {
      token: insider.token,
      body: { receivedFen: amountFen },
    });
    expect(confirm.status).toBe(403);
    expect(confirm.body.error.code).toBe(OWN_ORG);
    const reject = await app.http('POST', `/api/payments/payments/${id}/reject`, {
      token: insider.token,
      body: { reason: '未到账' },
    });
    expect(reject.status).toBe(403);
    expect((await payment(id)).status).toBe('pending_confirmation');
    // Finance from outside both organisations decides.
    expect(
      (
        await app.http('POST', `/api/payments/payments/${id}/confirm`, {
          token: cast.finance.token,
          body: { receivedFen: amountFen },
        })
      ).status,
    ).toBe(200);
  });

  test("when a finance user of the payee's organisation refunds its payment or confirms its payout, then it is refused", async () => {
    const insider = await app.createUser({ roles: ['finance'], org: cast.sellerOrg, orgRole: 'member' });
    const id = await pendingTransfer();
    const { amountFen, payableId } = await payment(id);
    await app.http('POST', `/api/payments/payments/${id}/confirm`, {
      token: cast.finance.token,
      body: { receivedFen: amountFen },
    });
    const refund = await app.http('POST', `/api/payments/payments/${id}/refund`, {
      token: insider.token,
      headers: { 'Idempotency-Key': idem() },
      body: { reason: '重复付款' },
    });
    expect(refund.status).toBe(403);
    expect(refund.body.error.code).toBe(OWN_ORG);
    expect((await payment(id)).status).toBe('succeeded');
    const payout = (await app.models.Payout.findOne({ payableId, 'beneficiary.kind': 'org' }).lean<PayoutRecord>())!;
    const confirm = await app.http('POST', `/api/payments/payouts/${encodeURIComponent(payout._id)}/confirm`, {
      token: insider.token,
      body: { bankReference: 'HX0001' },
    });
    expect(confirm.status).toBe(403);
    expect(confirm.body.error.code).toBe(OWN_ORG);
    expect((await app.models.Payout.findById(payout._id).lean<PayoutRecord>())!.status).toBe('pending');
  });
});

describe('separation of duties: operators and officials', () => {
  test('when an operator verifies its own organisation, then it is refused and the organisation stays pending', async () => {
    const org = await app.createOrg({ status: 'pending', regionCode: '210100' });
    const insider = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['HUB'], org, orgRole: 'member' });
    const res = await app.http('POST', `/api/orgs/${org._id}/verify`, {
      token: insider.token,
      body: { decision: 'approve' },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe(OWN_ORG);
    expect((await app.models.Org.findById(org._id).lean())!.verification?.status).toBe('pending');
  });

  test("when an operator reviews its own organisation's listing, then it is refused and the listing stays in review", async () => {
    const insider = await app.createUser({
      roles: ['operator'],
      operatorSubmarkets: ['HUB'],
      org: cast.sellerOrg,
      orgRole: 'member',
    });
    const created = await app.http('POST', '/api/achievements', { token: cast.seller.token, body: achievementBody() });
    const id = created.body.achievement.id as string;
    await app.http('POST', `/api/achievements/${id}/submit`, { token: cast.seller.token });
    const res = await app.http('POST', `/api/achievements/${id}/review`, {
      token: insider.token,
      body: { decision: 'approve' },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe(OWN_ORG);
    expect((await app.models.Achievement.findById(id).lean<{ status: string }>())!.status).toBe('pending_review');
  });

  test('when an official decides the registration of a contract its organisation is a party to, then it is refused and the filing stays pending', async () => {
    const insider = await app.createUser({
      roles: ['official'],
      officialRegion: '210000',
      org: cast.sellerOrg,
      orgRole: 'member',
    });
    const { registrationId } = await filedContract(app, cast.seller);
    const res = await app.http('POST', `/api/registrations/${registrationId}/decision`, {
      token: insider.token,
      body: { decision: 'approve', assessedTechAmountFen: 1_000_000 },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe(OWN_ORG);
    expect((await app.models.Registration.findById(registrationId).lean<{ status: string }>())!.status).toBe('pending');
    // The buyer's side counts too.
    const buyerInsider = await app.createUser({
      roles: ['official'],
      officialRegion: '210000',
      org: cast.buyerOrg,
      orgRole: 'member',
    });
    const confirmed = await signedContract(app, cast, { title: '买方官员回避的合同' });
    const filed = await app.http('POST', `/api/contracts/${confirmed}/registration`, {
      token: cast.seller.token,
      body: {},
    });
    expect(filed.status).toBe(201);
    const decided = await app.http('POST', `/api/registrations/${filed.body.registration.id}/decision`, {
      token: buyerInsider.token,
      body: { decision: 'reject', reason: '材料不全' },
    });
    expect(decided.status).toBe(403);
  });
});

describe("operators' view of a negotiation room", () => {
  test('when an operator opens an agreed room, then it sees metadata and no deal terms; the parties still see them', async () => {
    const operator = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['HUB'] });
    const dealId = await makeDeal(app, cast.seller, cast.buyer, operator);
    const deal = (await app.models.Deal.findById(new Types.ObjectId(dealId)).lean<{
      negotiationId: Types.ObjectId;
    }>())!;
    const path = `/api/negotiations/${deal.negotiationId}`;
    const staffView = await app.http('GET', path, { token: operator.token });
    expect(staffView.status).toBe(200);
    expect(staffView.body.negotiation.status).toBe('agreed');
    expect(staffView.body.negotiation.deal).toBeNull();
    expect(JSON.stringify(staffView.body)).not.toContain('许可范围');
    const partyView = await app.http('GET', path, { token: cast.buyer.token });
    expect(partyView.body.negotiation.deal.terms.amountFen).toBeGreaterThan(0);
  });
});
