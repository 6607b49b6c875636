import type { CompanyOrgRecord as OrgRecord } from '../modules/orgs/org.model';
import type { ContractTermsInput } from '../shared/contract-schemas';
import type { FollowupReportBody } from '../shared/followup';
import { paperTerms } from './contract-fixtures';
import type { TestApp } from './harness';

type Who = { token: string };
type Member = Who & { org: OrgRecord };

/**
 * A paper contract between two organisations of the platform, taken through the whole flow: entered by the
 * seller, confirmed by the buyer, filed by the seller and approved by an official of the seller's region.
 * Answers the contract's id and the contract as registered.
 */
export async function registeredContract(
  app: TestApp,
  seller: Member,
  buyer: Member,
  official: Who,
  over: Partial<ContractTermsInput> = {},
): Promise<{ contractId: string; contract: any }> {
  const party = (o: OrgRecord) => ({
    name: o.name,
    creditCode: o.creditCode,
    regionCode: o.regionCode,
    orgType: o.type,
  });
  const step = async (what: string, res: Promise<{ status: number; body: any }>, status: number) => {
    const r = await res;
    if (r.status !== status) throw new Error(`${what} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const terms = paperTerms(app, seller.org, { buyer: party(buyer.org), ...over });
  const made = await step('entry', app.http('POST', '/api/contracts', { token: seller.token, body: { terms } }), 201);
  const id = made.contract.id as string;
  await step(
    'confirmation',
    app.http('POST', `/api/contracts/${id}/confirmation`, {
      token: buyer.token,
      body: { decision: 'accept', docHash: made.contract.docHash },
    }),
    200,
  );
  const filed = await step(
    'filing',
    app.http('POST', `/api/contracts/${id}/registration`, { token: seller.token, body: {} }),
    201,
  );
  await step(
    'approval',
    app.http('POST', `/api/registrations/${filed.registration.id}/decision`, {
      token: official.token,
      body: { decision: 'approve', assessedTechAmountFen: terms.techAmountFen },
    }),
    200,
  );
  const contract = (await app.http('GET', `/api/contracts/${id}`, { token: seller.token })).body.contract;
  return { contractId: id, contract };
}

/** A report of period 1 with modest figures; `over` changes any field. */
export const followupReport = (over: Partial<FollowupReportBody> = {}): FollowupReportBody => ({
  period: 1,
  stage: 'pilot',
  salesFen: 0,
  jobs: 3,
  investmentFen: 50_000_000,
  note: '中试线已建成，正在调试。',
  ...over,
});
