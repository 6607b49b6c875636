/**
 * Set-up shared by the authorization matrix (authorization.matrix.*.test.ts: accounts, orgs): the real app
 * with the standard cast. Each file calls `useAuthorizationMatrixApp()` once at its top: its own app and
 * database, started and stopped around that file alone. The bindings below are live: they hold that file's
 * app once started.
 */
import { startTestApp, type TestApp } from './test-support/harness';

export let app: TestApp;
export let cast: Awaited<ReturnType<TestApp['cast']>>;

export function useAuthorizationMatrixApp(): void {
  beforeAll(async () => {
    app = await startTestApp();
    cast = await app.cast();
  });
  afterAll(() => app.stop());
}

export const orgPath = () => `/api/orgs/${cast.ownerOrg._id}`;
