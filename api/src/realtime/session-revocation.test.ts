/**
 * Sockets end with their session (issue 17, finding 5): after logout, HTTP answered 401 but an open socket
 * kept sending messages and syncing. Two api instances on one database with a real Redis; instance B caches
 * verified sessions for a minute, so anything B learns within that minute came through Redis, not the cache.
 */
import mongoose from 'mongoose';
import pino from 'pino';
import { poolSizeFor, type Database } from '../db/connection';
import { start, type RunningServer } from '../server';
import { eventually, startTestApp, type TestApp } from '../test-support/harness';
import { clientId, connect, emitAck, openRoom, type RoomClient } from '../test-support/negotiation-fixtures';
import { startRedis } from '../test-support/redis-server';

let redis: Awaited<ReturnType<typeof startRedis>>;
let a: TestApp;
let b: RunningServer;
let bConnection: mongoose.Connection;
let cast: Awaited<ReturnType<TestApp['cast']>>;
let roomId: string;
const sockets: RoomClient[] = [];
const track = (s: RoomClient) => (sockets.push(s), s);

beforeAll(async () => {
  redis = await startRedis();
  a = await startTestApp({ REDIS_URL: redis.url, SEARCH_SYNC: 'external' });
  bConnection = mongoose.createConnection(process.env.TEST_MONGODB_URI!, {
    dbName: a.db.connection.name,
    maxPoolSize: poolSizeFor(process.env.TEST_DB_KIND),
  });
  await bConnection.asPromise();
  const db: Database = { connection: bConnection, kind: 'test', close: () => bConnection.close() };
  b = await start({
    config: { ...a.running.ctx.config, PORT: 0, SESSION_CACHE_MS: 60_000 },
    db,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
  });
  cast = await a.cast();
  roomId = await openRoom(a, cast.owner, cast.other, cast.hubOperator, '您好，想了解许可条件。');
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});
afterAll(async () => {
  await b?.stop();
  await bConnection?.close();
  await a?.stop();
  await redis?.stop();
});

/** A second session of a seller-side member, as a browser would get by signing in. */
async function signIn(email: string) {
  const res = await a.http('POST', '/api/auth/login', { body: { email, password: 'Passw0rd-test' } });
  expect(res.status).toBe(200);
  return res.body.token as string;
}
const closed = (s: RoomClient) => new Promise<string>((resolve) => s.once('disconnect', (reason) => resolve(reason)));
const messagesBy = (userId: unknown) =>
  a.models.NegotiationEvent.countDocuments({ negotiationId: roomId, type: 'message', actorId: String(userId) });

test('when a user logs out over HTTP, then its open socket on the same instance is closed by the server and cannot send', async () => {
  const member = await a.createUser({ org: cast.ownerOrg, orgRole: 'member' });
  const token = await signIn(member.email);
  const socket = track(await connect(a.url, token));
  expect((await emitAck(socket, 'negotiation:sync', { negotiationId: roomId, after: 0 })).ok).toBe(true);
  const gone = closed(socket);
  expect((await a.http('POST', '/api/auth/logout', { token })).status).toBe(200);
  expect(await gone).toBe('io server disconnect');
  // Reconnecting with the revoked token is refused at the handshake.
  await expect(connect(a.url, token)).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
  expect(await messagesBy(member.user._id)).toBe(0);
});

test('when a user logs out on instance A, then its socket on instance B closes at once and B refuses the token over HTTP too', async () => {
  const member = await a.createUser({ org: cast.ownerOrg, orgRole: 'member' });
  const token = await signIn(member.email);
  const onB = track(await connect(b.url, token));
  const other = track(await connect(b.url, cast.other.token));
  // B has verified (and cached for a minute) the session.
  expect((await fetch(`${b.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  const gone = closed(onB);
  expect((await a.http('POST', '/api/auth/logout', { token })).status).toBe(200);
  expect(await gone).toBe('io server disconnect');
  expect((await fetch(`${b.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  await expect(connect(b.url, token)).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
  // Another user's socket on B is untouched.
  expect(other.connected).toBe(true);
  expect((await emitAck(other, 'negotiation:sync', { negotiationId: roomId, after: 0 })).ok).toBe(true);
});

test("when a session is revoked behind the socket's back (no broadcast reached it), then its next event is refused and the socket closed", async () => {
  const member = await a.createUser({ org: cast.ownerOrg, orgRole: 'member' });
  const token = await signIn(member.email);
  const socket = track(await connect(a.url, token));
  const gone = closed(socket);
  // Straight in the database, as an instance without Redis or an operator's script would: only the per-event
  // check can notice, once this instance's cache (SESSION_CACHE_MS, 2 s) lets go of the session.
  await a.models.Session.updateMany({ userId: member.user._id }, { $set: { revokedAt: new Date() } });
  const answer = await eventually(
    'the socket notices the revoked session once the cache lets go',
    () => emitAck(socket, 'negotiation:sync', { negotiationId: roomId, after: 0 }),
    (ack) => expect(ack.ok).toBe(false),
  );
  expect(answer.error!.code).toBe('UNAUTHENTICATED');
  expect(await gone).toBe('io server disconnect');
  await expect(connect(a.url, token)).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
});

test('when a member is removed from its organisation, then its sockets close and, reconnected, it is no longer in the rooms', async () => {
  const member = await a.createUser({ org: cast.ownerOrg, orgRole: 'member' });
  const onB = track(await connect(b.url, member.token));
  expect((await emitAck(onB, 'negotiation:sync', { negotiationId: roomId, after: 0 })).ok).toBe(true);
  const gone = closed(onB);
  expect(
    (await a.http('DELETE', `/api/orgs/${cast.ownerOrg._id}/members/${member.user._id}`, { token: cast.owner.token }))
      .status,
  ).toBe(200);
  expect(await gone).toBe('io server disconnect');
  const again = track(await connect(b.url, member.token));
  const sent = await emitAck(again, 'negotiation:message', {
    negotiationId: roomId,
    clientMessageId: clientId(),
    text: '离职后发送的消息',
  });
  expect(sent.error!.code).toBe('NOT_FOUND');
  expect(await messagesBy(member.user._id)).toBe(0);
});

test('when an admin disables a user, then its sockets on every instance close, its tokens stop working and it cannot sign in', async () => {
  const member = await a.createUser({ org: cast.ownerOrg, orgRole: 'member' });
  const second = await signIn(member.email);
  const onA = track(await connect(a.url, member.token));
  const onB = track(await connect(b.url, second));
  expect((await fetch(`${b.url}/api/auth/me`, { headers: { authorization: `Bearer ${second}` } })).status).toBe(200);
  const gone = [closed(onA), closed(onB)];
  const res = await a.http('PUT', `/api/users/${member.user._id}/disabled`, {
    token: cast.admin.token,
    body: { disabled: true },
  });
  expect(res.status).toBe(200);
  expect(await Promise.all(gone)).toEqual(['io server disconnect', 'io server disconnect']);
  expect((await fetch(`${b.url}/api/auth/me`, { headers: { authorization: `Bearer ${second}` } })).status).toBe(401);
  expect(await a.models.Session.countDocuments({ userId: member.user._id, revokedAt: null })).toBe(0);
  const login = await a.http('POST', '/api/auth/login', { body: { email: member.email, password: 'Passw0rd-test' } });
  expect(login.status).toBe(403);
  expect(login.body.error.code).toBe('ACCOUNT_DISABLED');
  await expect(connect(b.url, second)).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
});

test('when the participants of a room are listed, then only people in the room appear, not every member of both organisations', async () => {
  const bystander = await a.createUser({ org: cast.ownerOrg, orgRole: 'member' });
  track(await connect(a.url, bystander.token));
  const res = await a.http('GET', `/api/negotiations/${roomId}/participants`, { token: cast.other.token });
  expect(res.status).toBe(200);
  const ids = res.body.items.map((p: { id: string }) => p.id);
  // The buyer opened the room; the viewer is in it; the bystander, online but never in the room, is not listed.
  expect(ids).toContain(String(cast.other.user._id));
  expect(ids).not.toContain(String(bystander.user._id));
  expect(ids).not.toContain(String(cast.member.user._id));
  // Once the seller's admin writes, it is in the room.
  await a.http('POST', `/api/negotiations/${roomId}/messages`, {
    token: cast.owner.token,
    body: { clientMessageId: clientId(), text: '欢迎，我方可以提供样品。' },
  });
  const after = await a.http('GET', `/api/negotiations/${roomId}/participants`, { token: cast.other.token });
  expect(after.body.items.map((p: { id: string }) => p.id)).toContain(String(cast.owner.user._id));
});
