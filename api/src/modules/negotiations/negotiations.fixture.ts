/**
 * Set-up shared by the negotiation room files (negotiations.opening, .realtime, .messages, .offers): the real
 * app with the standard cast, socket clients closed after each test, and the seller/buyer of a room. Each
 * test file calls `useNegotiationsApp()` once at its top: its own app and database, started and stopped
 * around that file alone. The bindings below are live: they hold that file's app once started.
 */
import { startTestApp, type TestApp } from '../../test-support/harness';
import { openRoom, type RoomClient } from '../../test-support/negotiation-fixtures';

export let app: TestApp;
export let cast: Awaited<ReturnType<TestApp['cast']>>;
const sockets: RoomClient[] = [];
/** Closes the client after the test that opened it. */
export const track = (s: RoomClient) => (sockets.push(s), s);

export function useNegotiationsApp(): void {
  beforeAll(async () => {
    app = await startTestApp();
    cast = await app.cast();
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(() => app.stop());
}

export const seller = () => cast.owner;
export const buyer = () => cast.other;
export const room = (message?: string) => openRoom(app, seller(), buyer(), cast.hubOperator, message);
