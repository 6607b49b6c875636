/**
 * Set-up shared by the negotiations authorization matrix (negotiations.matrix.*.test.ts: collection, rooms,
 * bad-input): the real app with the standard cast and a certified broker, and the matrix's helpers. Each
 * file calls `useNegotiationsMatrixApp()` once at its top: its own app and database, started and stopped
 * around that file alone. The bindings below are live: they hold that file's app once started.
 */
import { startTestApp, type TestApp } from '../../test-support/harness';
import { clientId, offerTerms, openRoom } from '../../test-support/negotiation-fixtures';

export let app: TestApp;
export let cast: Awaited<ReturnType<TestApp['cast']>>;
export let broker: Awaited<ReturnType<TestApp['createUser']>>;
export type Who = { token: string } | null;

export function useNegotiationsMatrixApp(): void {
  beforeAll(async () => {
    app = await startTestApp();
    cast = await app.cast();
    broker = await app.createUser({ roles: ['broker'], brokerCertNo: 'LN-TB-2026-0007' });
  });
  afterAll(() => app.stop());
}

export const status = async (method: string, path: string, who: Who, body?: unknown) =>
  (await app.http(method, path, { token: who?.token, body })).status;
/** Seller = the owner organisation (Benxi, hub-operated), buyer = the other organisation. */
export const room = () => openRoom(app, cast.owner, cast.other, cast.hubOperator);
export const outsiders = () => [cast.loner, cast.official, cast.otherOfficial, cast.cityOperator];
export const events = (id: string) => app.models.NegotiationEvent.countDocuments({ negotiationId: id });
export const makeOffer = async (id: string, who: { token: string }) =>
  (
    await app.http('POST', `/api/negotiations/${id}/offers`, {
      token: who.token,
      body: { clientMessageId: clientId(), terms: offerTerms() },
    })
  ).body.offer.id as string;
