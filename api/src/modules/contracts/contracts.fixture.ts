/**
 * Set-up shared by the contracts end-to-end files (contracts.registration, contracts.paper): the real app
 * without in-process search-sync and the standard cast. Each file calls `useContractsApp()` once at its top:
 * its own app and database, started and stopped around that file alone. The bindings below are live: they
 * hold that file's app once started.
 */
import { startTestApp, type TestApp } from '../../test-support/harness';

export let app: TestApp;
export let cast: Awaited<ReturnType<TestApp['cast']>>;

export function useContractsApp(): void {
  beforeAll(async () => {
    app = await startTestApp({ SEARCH_SYNC: 'external' });
    cast = await app.cast();
  });
  afterAll(() => app.stop());
}
