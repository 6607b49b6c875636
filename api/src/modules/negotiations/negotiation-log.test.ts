import crypto from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import { poolSizeFor } from '../../db/connection';
import { createModels, syncIndexes, type Models } from '../../db/models';
import { AppError } from '../../http/errors';
import type { NegotiationEventDto } from '../../shared/negotiation-events';
import { NegotiationLog, type NewEvent } from './negotiation-log';
import type { NegotiationRecord } from './negotiation.model';
import type { RoomPublisher } from './room-publisher';

/**
 * The log's numbering, straight against the database: group commit, both numbering modes, a second
 * process on the same rooms, a crash before the rooms were written behind, resends, and closed rooms.
 */
let conn: mongoose.Connection;
let models: Models;

beforeAll(async () => {
  conn = mongoose.createConnection(process.env.TEST_MONGODB_URI!, {
    dbName: `t_neglog_${crypto.randomBytes(3).toString('hex')}`,
    maxPoolSize: poolSizeFor(process.env.TEST_DB_KIND),
  });
  await conn.asPromise();
  models = createModels(conn);
  await models.NegotiationEvent.syncIndexes();
});
afterAll(async () => {
  await conn.dropDatabase();
  await conn.close();
});

const DAY = 86_400_000;

/** Records what the log publishes: every event (`seen`) and each publish call (`frames`). */
function recorder(): RoomPublisher & { seen: NegotiationEventDto[]; frames: NegotiationEventDto[][] } {
  const seen: NegotiationEventDto[] = [];
  const frames: NegotiationEventDto[][] = [];
  return {
    seen,
    frames,
    events: (list) => {
      frames.push(list);
      seen.push(...list);
    },
    joinUsers: () => undefined,
    notify: () => undefined,
    read: () => undefined,
    online: async () => [],
  };
}

async function newRoom(): Promise<NegotiationRecord> {
  const now = new Date(Date.now() - DAY);
  const room = await models.Negotiation.create({
    subject: { kind: 'achievement', id: new Types.ObjectId(), title: '日志测试' },
    buyerOrgId: new Types.ObjectId(),
    sellerOrgId: new Types.ObjectId(),
    submarketCode: 'SM-210100',
    openedBy: new Types.ObjectId(),
    status: 'open',
    openKey: `log:${crypto.randomBytes(6).toString('hex')}`,
    brokers: [],
    seq: 0,
    lastEventAt: now,
    expiresAt: new Date(now.getTime() + 30 * DAY),
  });
  return room.toObject() as NegotiationRecord;
}

const message = (text: string): NewEvent => ({
  type: 'message',
  actorId: 'u1',
  actorName: '测试',
  actorSide: 'buyer',
  text,
});
const stored = async (room: NegotiationRecord) =>
  (await models.NegotiationEvent.find({ negotiationId: room._id }).sort({ seq: 1 }).lean()).map((e) => ({
    seq: e.seq,
    text: e.text,
  }));

describe.each([
  ['exclusive', true],
  ['shared', false],
])('%s numbering', (_mode, exclusive) => {
  test('a burst of appends is numbered 1..n in arrival order, published in that order, and the room catches up', async () => {
    const pub = recorder();
    const log = new NegotiationLog(models, pub, 30 * DAY, exclusive, 50);
    const room = await newRoom();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => log.append(room, message(`m${i}`), { requireOpen: true })),
    );
    expect(results.map((r) => r.event.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(pub.seen.map((e) => e.text)).toEqual(Array.from({ length: 40 }, (_, i) => `m${i}`));
    // One burst, one write, one frame for the room (not 40).
    expect(pub.frames).toHaveLength(1);
    expect(await stored(room)).toEqual(Array.from({ length: 40 }, (_, i) => ({ seq: i + 1, text: `m${i}` })));
    await log.close();
    const after = await models.Negotiation.findById(room._id).lean<NegotiationRecord>();
    expect(after!.seq).toBe(40);
    expect(after!.lastEventAt.getTime()).toBeGreaterThan(room.lastEventAt.getTime());
    expect(after!.expiresAt.getTime()).toBeGreaterThan(room.expiresAt.getTime());
  });

  test('a resend with the same client id is stored once and answers the first copy, also from another process', async () => {
    const a = new NegotiationLog(models, recorder(), 30 * DAY, exclusive, 50);
    const b = new NegotiationLog(models, recorder(), 30 * DAY, exclusive, 50);
    const room = await newRoom();
    const first = await a.append(room, message('只发一次'), { requireOpen: true, clientMessageId: 'cm-1' });
    const [again, fromB] = await Promise.all([
      a.append(room, message('只发一次'), { requireOpen: true, clientMessageId: 'cm-1' }),
      b.append(room, message('只发一次'), { requireOpen: true, clientMessageId: 'cm-1' }),
    ]);
    expect(first.created).toBe(true);
    expect([again.created, fromB.created]).toEqual([false, false]);
    expect(again.event.seq).toBe(first.event.seq);
    expect(fromB.event.seq).toBe(first.event.seq);
    expect(await stored(room)).toEqual([{ seq: 1, text: '只发一次' }]);
    await Promise.all([a.close(), b.close()]);
  });

  test('two processes appending to one room never reuse a number and lose nothing', async () => {
    const a = new NegotiationLog(models, recorder(), 30 * DAY, exclusive, 50);
    const b = new NegotiationLog(models, recorder(), 30 * DAY, exclusive, 50);
    const room = await newRoom();
    for (let round = 0; round < 6; round++) {
      await Promise.all([
        ...[0, 1, 2].map((i) => a.append(room, message(`a${round}-${i}`), { requireOpen: true })),
        ...[0, 1].map((i) => b.append(room, message(`b${round}-${i}`), { requireOpen: true })),
      ]);
    }
    const rows = await stored(room);
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((r) => r.seq)).size).toBe(30);
    expect(new Set(rows.map((r) => r.text)).size).toBe(30);
    await Promise.all([a.close(), b.close()]);
    expect((await models.Negotiation.findById(room._id).lean<NegotiationRecord>())!.seq).toBe(
      Math.max(...rows.map((r) => r.seq)),
    );
  });

  test('a closed room refuses appends that need it open and takes those that do not', async () => {
    const log = new NegotiationLog(models, recorder(), 30 * DAY, exclusive, 50);
    const room = await newRoom();
    await log.append(room, message('before'), { requireOpen: true });
    await models.Negotiation.updateOne({ _id: room._id }, { $set: { status: 'closed' } });
    // The state change comes with its event (as every transition does); after it the room is read afresh.
    await log.append(
      room,
      { type: 'status_changed', actorId: 'system', actorName: '系统', actorSide: 'system', status: 'closed' },
      { requireOpen: false },
    );
    await expect(log.append(room, message('after'), { requireOpen: true })).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
    const refused = new AppError('NOT_FOUND');
    await expect(log.append(room, message('x'), { requireOpen: false, authorize: () => refused })).rejects.toBe(
      refused,
    );
    expect((await stored(room)).map((r) => r.text ?? null)).toEqual(['before', null]);
    await log.close();
  });
});

test('exclusive: a message queued behind a state change in the same write is checked against the changed room', async () => {
  const log = new NegotiationLog(models, recorder(), 30 * DAY, true, 50);
  const room = await newRoom();
  await log.append(room, message('before'), { requireOpen: true });
  // The transition updates the room, then appends its event; a message arrives in the same tick behind it.
  await models.Negotiation.updateOne({ _id: room._id }, { $set: { status: 'closed' } });
  const [closed, late] = await Promise.allSettled([
    log.append(
      room,
      { type: 'status_changed', actorId: 'system', actorName: '系统', actorSide: 'system', status: 'closed' },
      { requireOpen: false },
    ),
    log.append(room, message('too late'), { requireOpen: true }),
  ]);
  expect(closed.status).toBe('fulfilled');
  expect(late).toMatchObject({ status: 'rejected', reason: { code: 'INVALID_STATE' } });
  expect((await stored(room)).map((r) => r.text ?? null)).toEqual(['before', null]);
  await log.close();
});

test('a stream of appends over many rooms arriving while writes are in flight: every event stored once, numbers 1..n per room, published in order', async () => {
  const pub = recorder();
  const log = new NegotiationLog(models, pub, 30 * DAY, true, 50);
  const rooms = await Promise.all(Array.from({ length: 6 }, () => newRoom()));
  const sends: Array<Promise<unknown>> = [];
  for (let wave = 0; wave < 8; wave++) {
    for (const [r, room] of rooms.entries())
      for (let i = 0; i < 3; i++) sends.push(log.append(room, message(`r${r}-w${wave}-${i}`), { requireOpen: true }));
    // Let a write start before the next wave arrives, so waves queue behind writes in flight.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(sends);
  for (const [r, room] of rooms.entries()) {
    const rows = await stored(room);
    expect(rows.map((x) => x.seq)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(rows.map((x) => x.text)).toEqual(
      Array.from({ length: 8 }, (_, w) => [0, 1, 2].map((i) => `r${r}-w${w}-${i}`)).flat(),
    );
    const seen = pub.seen.filter((e) => e.negotiationId === String(room._id)).map((e) => e.seq);
    expect(seen).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
  }
  // Each publish carries one room's events, in seq order.
  for (const frame of pub.frames) {
    expect(new Set(frame.map((e) => e.negotiationId)).size).toBe(1);
    expect(frame.map((e) => e.seq)).toEqual([...frame.map((e) => e.seq)].sort((a, b) => a - b));
  }
  expect(pub.frames.length).toBeLessThan(pub.seen.length);
  await log.close();
});

test('exclusive: after a crash before the rooms were written behind, a new process repairs the numbers from the log', async () => {
  const crashed = new NegotiationLog(models, recorder(), 30 * DAY, true, 3_600_000);
  const room = await newRoom();
  for (let i = 0; i < 5; i++) await crashed.append(room, message(`old${i}`), { requireOpen: true });
  // No close(): the room document still says seq 0.
  expect((await models.Negotiation.findById(room._id).lean<NegotiationRecord>())!.seq).toBe(0);
  const restarted = new NegotiationLog(models, recorder(), 30 * DAY, true, 50);
  const next = await restarted.append(room, message('new'), { requireOpen: true });
  expect(next.event.seq).toBe(6);
  expect((await stored(room)).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  await restarted.close();
  expect((await models.Negotiation.findById(room._id).lean<NegotiationRecord>())!.seq).toBe(6);
});

test('start-up drops the unique {negotiationId, dedupeKey} index of earlier versions, which would refuse events without the key', async () => {
  const c = mongoose.createConnection(process.env.TEST_MONGODB_URI!, {
    dbName: `t_negidx_${crypto.randomBytes(3).toString('hex')}`,
    maxPoolSize: poolSizeFor(process.env.TEST_DB_KIND),
  });
  await c.asPromise();
  const old = createModels(c);
  await old.NegotiationEvent.collection.createIndex(
    { negotiationId: 1, dedupeKey: 1 },
    { unique: true, name: 'negotiationId_1_dedupeKey_1' },
  );
  await syncIndexes(old);
  const names = (await old.NegotiationEvent.collection.indexes()).map((i) => i.name);
  expect(names).not.toContain('negotiationId_1_dedupeKey_1');
  expect(names).toContain('negotiationId_1_seq_1');
  const log = new NegotiationLog(old, recorder(), 30 * DAY, true, 50);
  const room = await old.Negotiation.create({
    ...(await newRoom()),
    _id: new Types.ObjectId(),
    openKey: `idx:${crypto.randomBytes(4).toString('hex')}`,
  });
  await log.append(room, message('a'), { requireOpen: true });
  await log.append(room, message('b'), { requireOpen: true });
  expect(await old.NegotiationEvent.countDocuments({ negotiationId: room._id })).toBe(2);
  await log.close();
  await c.dropDatabase();
  await c.close();
});
