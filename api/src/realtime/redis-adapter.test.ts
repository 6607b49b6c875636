/**
 * Two api instances on one database with a real Redis (Debian's redis-server, started here): a socket on
 * one instance receives what is sent through the other, rooms opened on one join sockets held by the
 * other, presence is seen across both, and one user's sockets on both share one rate-limit budget.
 */
import mongoose, { Types } from 'mongoose';
import { createClient } from 'redis';
import pino from 'pino';
import { poolSizeFor, type Database } from '../db/connection';
import { start, type RunningServer } from '../server';
import { eventually, startTestApp, type TestApp } from '../test-support/harness';
import { clientId, connect, emitAck, openRoom, recorder, type RoomClient } from '../test-support/negotiation-fixtures';
import { startRedis } from '../test-support/redis-server';

let redis: Awaited<ReturnType<typeof startRedis>>;
let a: TestApp;
let b: RunningServer;
let bConnection: mongoose.Connection;
let cast: Awaited<ReturnType<TestApp['cast']>>;
const sockets: RoomClient[] = [];

beforeAll(async () => {
  redis = await startRedis();
  // No background search indexer in either instance: on FerretDB, writers on two connections can overwrite
  // each other's fields (see README, "FerretDB v1 and concurrent writes"), and this test is about Redis.
  a = await startTestApp({ REDIS_URL: redis.url, SEARCH_SYNC: 'external' });
  bConnection = mongoose.createConnection(process.env.TEST_MONGODB_URI!, {
    dbName: a.db.connection.name,
    maxPoolSize: poolSizeFor(process.env.TEST_DB_KIND),
  });
  await bConnection.asPromise();
  const db: Database = { connection: bConnection, kind: 'test', close: () => bConnection.close() };
  b = await start({
    config: { ...a.running.ctx.config, PORT: 0 },
    db,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
  });
  cast = await a.cast();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await b?.stop();
  await bConnection?.close();
  await a?.stop();
  await redis?.stop();
});

const track = (s: RoomClient) => (sockets.push(s), s);

test('when buyer and seller are connected to different instances, then messages, new rooms and presence cross over Redis', async () => {
  expect(a.url).not.toBe(b.url);
  const onA = track(await connect(a.url, cast.other.token));
  const onB = track(await connect(b.url, cast.owner.token));
  const joinedOnB: string[] = [];
  onB.on('negotiation:joined', (p) => joinedOnB.push(p.negotiationId));
  const [sawA, sawB] = [recorder(onA), recorder(onB)];

  // Opened through instance A's HTTP: the seller's socket on B is joined to the room by the server.
  const id = await openRoom(a, cast.owner, cast.other, cast.hubOperator, '您好，我们想洽谈该技术的许可。');
  await eventually(
    'instance B is told the new room concerns the seller (through Redis)',
    () => joinedOnB,
    (j) => expect(j).toContain(id),
  );
  await eventually(
    "the seller's socket on instance B receives the opened and message events",
    () => sawB.filter((e) => e.negotiationId === id).map((e) => e.type),
    (t) => expect(t).toEqual(['opened', 'message']),
  );

  // Socket on A → socket on B.
  const sent = await emitAck(onA, 'negotiation:message', {
    negotiationId: id,
    clientMessageId: clientId(),
    text: '我方在沈阳，有意向签独占许可。',
  });
  expect(sent.ok).toBe(true);
  await eventually(
    "the seller on instance B sees the buyer's message sent through instance A",
    () => sawB.map((e) => e.text),
    (t) => expect(t).toContain('我方在沈阳，有意向签独占许可。'),
  );
  // HTTP on B → socket on A.
  const res = await fetch(`${b.url}/api/negotiations/${id}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${cast.owner.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ clientMessageId: clientId(), text: '可以，独占许可费用需另议。' }),
  });
  expect(res.status).toBe(201);
  await eventually(
    "the buyer on instance A sees the seller's answer sent through instance B",
    () => sawA.map((e) => e.text),
    (t) => expect(t).toContain('可以，独占许可费用需另议。'),
  );
  // Each side got every event exactly once, in seq order.
  for (const saw of [sawA, sawB]) {
    const seqs = saw.filter((e) => e.negotiationId === id).map((e) => e.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((x, y) => x - y));
  }

  // Presence: instance A sees the seller (connected to B) online; typing crosses over too.
  const participants = await a.http('GET', `/api/negotiations/${id}/participants`, { token: cast.other.token });
  expect(participants.body.items.find((p: { id: string }) => p.id === String(cast.owner.user._id))).toMatchObject({
    online: true,
  });
  const typing: string[] = [];
  onA.on('negotiation:typing', (t) => typing.push(t.user.id));
  onB.emit('negotiation:typing', { negotiationId: id });
  await eventually(
    'the buyer on instance A sees the owner typing on instance B',
    () => typing,
    (t) => expect(t).toEqual([String(cast.owner.user._id)]),
  );
  const offline: string[] = [];
  onA.on('negotiation:presence', (p) => !p.online && offline.push(p.userId));
  onB.close();
  await eventually(
    'the buyer on instance A sees the owner go offline on instance B',
    () => offline,
    (o) => expect(o).toContain(String(cast.owner.user._id)),
  );
});

test('when one user has sockets on both instances, then they share one budget of SOCKET_EVENTS_PER_MIN events a minute', async () => {
  const limit = a.running.ctx.config.SOCKET_EVENTS_PER_MIN;
  expect(limit).toBe(100);
  const user = await a.createUser({ org: cast.otherOrg, orgRole: 'member' });
  const onA = track(await connect(a.url, user.token));
  const onB = track(await connect(b.url, user.token));
  // A read receipt for a room that does not exist: answered NOT_FOUND while the budget lasts, then refused.
  const payload = { negotiationId: String(new Types.ObjectId()), seq: 1 };
  const answers: Record<'a' | 'b', string[]> = { a: [], b: [] };
  for (let i = 0; i < 60; i++) {
    answers.a.push((await emitAck(onA, 'negotiation:read', payload)).error!.code);
    answers.b.push((await emitAck(onB, 'negotiation:read', payload)).error!.code);
  }
  // Alternating, each instance answered 50 and refused the rest: 100 in all, not 100 per instance.
  for (const side of ['a', 'b'] as const) {
    expect(answers[side].slice(0, 50)).toEqual(Array(50).fill('NOT_FOUND'));
    expect(answers[side].slice(50)).toEqual(Array(10).fill('RATE_LIMITED'));
  }
  // The one counter both instances spend from, in Redis: every event counted, expiring within the minute.
  const client = createClient({ url: redis.url });
  await client.connect();
  try {
    expect(await client.get(`nekj:socket-events:${user.user._id}`)).toBe('120');
    const ttl = await client.pTTL(`nekj:socket-events:${user.user._id}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  } finally {
    await client.close();
  }
  // Another user's budget is untouched.
  const other = track(await connect(b.url, cast.owner.token));
  expect((await emitAck(other, 'negotiation:read', payload)).error!.code).toBe('NOT_FOUND');
});
