/**
 * Set-up shared by the search end-to-end files (search.listings, search.matches): the real app with its
 * in-process search-sync, the standard cast, and `sync()`, which drains search-sync. Each file calls
 * `useSearchApp()` once at its top: its own app and database, started and stopped around that file alone.
 * The bindings below are live: they hold that file's app once started.
 */
import { startTestApp, type TestApp } from '../../test-support/harness';

export let app: TestApp;
export let cast: Awaited<ReturnType<TestApp['cast']>>;
export const sync = () => app.running.ctx.services.searchSync.drain();

export function useSearchApp(): void {
  beforeAll(async () => {
    app = await startTestApp();
    cast = await app.cast();
  });
  afterAll(() => app.stop());
}
