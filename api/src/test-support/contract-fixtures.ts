import type { CompanyOrgRecord as OrgRecord } from '../modules/orgs/org.model';
import type { ContractTermsInput } from '../shared/contract-schemas';
import type { TestApp } from './harness';
import { clientId, offerTerms, openRoom } from './negotiation-fixtures';

type Who = { token: string };

/** Terms of a paper contract between two organisations (license, with a granted patent). */
export const paperTerms = (
  app: TestApp,
  seller: OrgRecord,
  over: Partial<ContractTermsInput> = {},
): ContractTermsInput => ({
  title: '高强韧镁合金挤压型材专利实施许可合同',
  category: 'license',
  subType: 'patent_license',
  fieldCode: 'MAT',
  subject: '许可买方在辽宁省内实施“高强韧镁合金挤压型材制备方法”专利，卖方提供技术指导三次。',
  seller: { name: seller.name, creditCode: seller.creditCode, regionCode: seller.regionCode, orgType: seller.type },
  buyer: {
    name: '鞍山轻合金制品有限公司',
    creditCode: app.creditCode('210300'),
    regionCode: '210300',
    orgType: 'enterprise',
  },
  amountFen: 80_000_000,
  techAmountFen: 75_000_000,
  paymentSchedule: [
    { dueOn: '2026-03-01', amountFen: 40_000_000, note: '首付' },
    { dueOn: '2026-09-01', amountFen: 40_000_000, note: '尾款' },
  ],
  startOn: '2026-02-01',
  endOn: '2029-01-31',
  signedOn: '2026-01-20',
  ip: [{ type: 'invention', number: 'ZL202210345678.9', title: '高强韧镁合金挤压型材制备方法' }],
  exclusivity: 'sole',
  broker: null,
  ...over,
});

/** A deal between the seller's and the buyer's organisations (offer by the buyer, accepted by the seller). */
export async function makeDeal(app: TestApp, seller: Who, buyer: Who, reviewer: Who): Promise<string> {
  return agreeInRoom(app, await openRoom(app, seller, buyer, reviewer), seller, buyer);
}

/** The buyer offers in an open room and the seller accepts: the deal's id. */
export async function agreeInRoom(app: TestApp, room: string, seller: Who, buyer: Who): Promise<string> {
  const offer = await app.http('POST', `/api/negotiations/${room}/offers`, {
    token: buyer.token,
    body: { clientMessageId: clientId(), terms: offerTerms() },
  });
  if (offer.status !== 201) throw new Error(`offer failed: ${JSON.stringify(offer.body)}`);
  const deal = await app.http('POST', `/api/negotiations/${room}/offers/${offer.body.offer.id}/accept`, {
    token: seller.token,
  });
  if (deal.status !== 200) throw new Error(`accept failed: ${JSON.stringify(deal.body)}`);
  return deal.body.deal.id as string;
}

/** A paper contract of the seller, filed for registration; returns contract and registration ids. */
export async function filedContract(
  app: TestApp,
  seller: Who & { org: OrgRecord },
  over: Partial<ContractTermsInput> = {},
) {
  const c = await app.http('POST', '/api/contracts', {
    token: seller.token,
    body: { terms: paperTerms(app, seller.org, over) },
  });
  if (c.status !== 201) throw new Error(`create failed: ${JSON.stringify(c.body)}`);
  const f = await app.http('POST', `/api/contracts/${c.body.contract.id}/registration`, {
    token: seller.token,
    body: {},
  });
  if (f.status !== 201) throw new Error(`file failed: ${JSON.stringify(f.body)}`);
  return { contractId: c.body.contract.id as string, registrationId: f.body.registration.id as string };
}
