/**
 * Set-up shared by the contracts authorization matrix (contracts.matrix.*.test.ts: contracts, imports,
 * registrations): the real app with the standard cast and the matrix's request helper. Each file calls
 * `useContractsMatrixApp()` once at its top: its own app and database, started and stopped around that file
 * alone. The bindings below are live: they hold that file's app once started.
 */
import { startTestApp, type TestApp } from '../../test-support/harness';

export let app: TestApp;
export let cast: Awaited<ReturnType<TestApp['cast']>>;
export type Who = { token: string } | null;
export const status = async (method: string, path: string, who: Who, body?: unknown) =>
  (await app.http(method, path, { token: who?.token, body })).status;
export const seller = () => ({ ...cast.owner, org: cast.ownerOrg });

export function useContractsMatrixApp(): void {
  beforeAll(async () => {
    app = await startTestApp({ SEARCH_SYNC: 'external' });
    cast = await app.cast();
  });
  afterAll(() => app.stop());
}
