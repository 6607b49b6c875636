/**
 * Set-up shared by the paper-contract import files (contract-import.jobs, contract-import.idempotency): the
 * real app without in-process search-sync, a new verified seller, and the province's signed tally. Each file
 * calls `useContractImportApp()` once at its top: its own app and database, started and stopped around that
 * file alone. The binding below is live: it holds that file's app once started.
 */
import { startTestApp, type TestApp } from '../../test-support/harness';
import type { CompanyOrgRecord as OrgRecord } from '../orgs/org.model';

export let app: TestApp;

export function useContractImportApp(): void {
  beforeAll(async () => {
    app = await startTestApp({ SEARCH_SYNC: 'external' });
  });
  afterAll(() => app.stop());
}

export type Seller = { token: string; user: { _id: unknown }; org: OrgRecord };
export async function newSeller(status: 'verified' | 'pending' = 'verified'): Promise<Seller> {
  const org = await app.createOrg({ regionCode: '210500', status });
  return { ...(await app.createUser({ org, orgRole: 'org_admin' })), org };
}

/** The province's signed bucket, as the tally answers it (the provincial official sees every city). */
export async function signedTally() {
  const official = await app.createUser({ roles: ['official'], officialRegion: '210000' });
  const year = 2026;
  const r = await app.http('GET', `/api/stats/contracts?groupBy=year&from=${year}-01&to=${year}-12`, {
    token: official.token,
  });
  expect(r.status).toBe(200);
  return r.body.totals.signed as { n: number; amountFen: number };
}
