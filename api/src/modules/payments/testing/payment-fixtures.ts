import crypto from 'node:crypto';
import type { CompanyOrgRecord as OrgRecord } from '../../orgs/org.model';
import { files, upload } from '../../../test-support/catalog-fixtures';
import { paperTerms } from '../../../test-support/contract-fixtures';
import type { TestApp } from '../../../test-support/harness';
import type { ContractTermsInput } from '../../../shared/contract-schemas';
import { offerTerms, openRoom } from '../../../test-support/negotiation-fixtures';

export const WEBHOOK_SECRET = 'whsec_test_nekj_payments_0123456789';
export const STRIPE_KEY = 'sk_test_nekj_fake_0123456789';

/** Seller, buyer, a broker with a certificate, finance staff, another organisation and an admin. */
export async function paymentCast(app: TestApp) {
  const sellerOrg = await app.createOrg({ regionCode: '210100', type: 'university' });
  const buyerOrg = await app.createOrg({ regionCode: '210300' });
  const otherOrg = await app.createOrg({ regionCode: '210200' });
  const certNo = `LN-TB-${crypto.randomBytes(3).toString('hex')}`;
  return {
    sellerOrg,
    buyerOrg,
    otherOrg,
    certNo,
    seller: { ...(await app.createUser({ org: sellerOrg })), org: sellerOrg },
    buyer: { ...(await app.createUser({ org: buyerOrg })), org: buyerOrg },
    buyerMember: await app.createUser({ org: buyerOrg, orgRole: 'member' }),
    other: await app.createUser({ org: otherOrg }),
    broker: await app.createUser({ roles: ['broker'], brokerCertNo: certNo }),
    finance: await app.createUser({ roles: ['finance'] }),
    admin: await app.createUser({ roles: ['admin'] }),
    official: await app.createUser({ roles: ['official'], officialRegion: '210000' }),
    loner: await app.createUser(),
  };
}
export type PaymentCast = Awaited<ReturnType<typeof paymentCast>>;

const partyOf = (o: OrgRecord) => ({
  name: o.name,
  creditCode: o.creditCode,
  regionCode: o.regionCode,
  orgType: o.type,
});

/** A signed paper contract between the cast's seller and buyer (two instalments, a broker by default). */
export async function signedContract(
  app: TestApp,
  cast: PaymentCast,
  over: Partial<ContractTermsInput> = {},
): Promise<string> {
  const terms = paperTerms(app, cast.sellerOrg, {
    buyer: partyOf(cast.buyerOrg),
    amountFen: 80_000_000,
    paymentSchedule: [
      { dueOn: '2026-03-01', amountFen: 30_000_000, note: '首付' },
      { dueOn: '2027-09-01', amountFen: 50_000_000, note: '尾款' },
    ],
    broker: { name: '陈经纪人', certNo: cast.certNo, commissionFen: 2_400_000 },
    ...over,
  });
  const res = await app.http('POST', '/api/contracts', { token: cast.seller.token, body: { terms } });
  if (res.status !== 201) throw new Error(`contract failed: ${JSON.stringify(res.body)}`);
  // The buyer is on the platform: the contract is signed once it accepts it.
  const { id, docHash } = res.body.contract;
  const ok = await app.http('POST', `/api/contracts/${id}/confirmation`, {
    token: cast.buyer.token,
    body: { decision: 'accept', docHash },
  });
  if (ok.status !== 200) throw new Error(`confirmation failed: ${JSON.stringify(ok.body)}`);
  return id as string;
}

export async function plan(app: TestApp, who: { token: string }, contractId: string) {
  const res = await app.http('GET', `/api/payments/contracts/${contractId}`, { token: who.token });
  if (res.status !== 200) throw new Error(`plan failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export const idem = () => `k${crypto.randomBytes(8).toString('hex')}`;

export async function receipt(app: TestApp, who: { token: string }): Promise<string> {
  const r = await upload(app, who, '转账回单.pdf', files.pdf());
  if (r.status !== 201) throw new Error(`upload failed: ${JSON.stringify(r.body)}`);
  return r.body.attachment.id as string;
}

export const bankBody = (receiptAttachmentId: string, declaredFen: number) => ({
  receiptAttachmentId,
  payerAccountName: '鞍山轻合金制品有限公司',
  bankReference: `HX${crypto.randomBytes(4).toString('hex').toUpperCase()}`,
  transferredOn: '2026-03-01',
  declaredFen,
});

/** Declares a bank transfer for a payable and has finance confirm it; returns the payment id. */
export async function payByBank(
  app: TestApp,
  cast: PaymentCast,
  payableId: string,
  amountFen: number,
): Promise<string> {
  const att = await receipt(app, cast.buyer);
  const start = await app.http('POST', `/api/payments/payables/${payableId}/bank-transfer`, {
    token: cast.buyer.token,
    headers: { 'Idempotency-Key': idem() },
    body: bankBody(att, amountFen),
  });
  if (start.status !== 201) throw new Error(`bank transfer failed: ${JSON.stringify(start.body)}`);
  const id = start.body.payment.id as string;
  const ok = await app.http('POST', `/api/payments/payments/${id}/confirm`, {
    token: cast.finance.token,
    body: { receivedFen: amountFen },
  });
  if (ok.status !== 200) throw new Error(`confirm failed: ${JSON.stringify(ok.body)}`);
  return id;
}

/**
 * A draft licence contract from a negotiated deal whose payment plan is a 3% royalty share for five years
 * (an entry fee of 20万 as its schedule): the buyer offers, the seller accepts, the seller drafts.
 */
export async function royaltyDraft(app: TestApp, cast: PaymentCast): Promise<string> {
  const reviewer = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['HUB'] });
  const room = await openRoom(app, cast.seller, cast.buyer, reviewer);
  const offer = await app.http('POST', `/api/negotiations/${room}/offers`, {
    token: cast.buyer.token,
    body: {
      clientMessageId: idem(),
      terms: offerTerms({ amountFen: 20_000_000, paymentPlan: { kind: 'royalty', royaltyBp: 300, years: 5 } }),
    },
  });
  const deal = await app.http('POST', `/api/negotiations/${room}/offers/${offer.body.offer.id}/accept`, {
    token: cast.seller.token,
  });
  const draft = await app.http('POST', '/api/contracts/from-deal', {
    token: cast.seller.token,
    body: { dealId: deal.body.deal.id },
  });
  if (draft.status !== 201 && draft.status !== 200) throw new Error(`draft failed: ${JSON.stringify(draft.body)}`);
  return draft.body.contract.id as string;
}
