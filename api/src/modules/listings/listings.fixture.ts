/**
 * Set-up shared by the listings files (listings.review, listings.visibility, listings.challenges): the real
 * app without in-process search-sync (these tests check that writes leave listings flagged for it) and the
 * standard cast. Each file calls `useListingsApp()` once at its top: its own app and database, started and
 * stopped around that file alone. The bindings below are live: they hold that file's app once started.
 */
import { startTestApp, type TestApp } from '../../test-support/harness';

export let app: TestApp;
export let cast: Awaited<ReturnType<TestApp['cast']>>;

export function useListingsApp(): void {
  beforeAll(async () => {
    // No in-process search-sync: these tests check that writes leave listings flagged for it.
    app = await startTestApp({ SEARCH_SYNC: 'external' });
    cast = await app.cast();
  });
  afterAll(() => app.stop());
}

/** The confidential text of `achievementBody()`. */
export const SECRET = '机密：合金成分';
