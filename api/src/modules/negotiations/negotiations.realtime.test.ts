/**
 * Negotiation rooms through real socket.io clients into the real app on a real database: room isolation,
 * event order, joining new rooms, and a restart mid-conversation without loss. Set-up in negotiations.fixture.ts.
 */
import mongoose from 'mongoose';
import pino from 'pino';
import { poolSizeFor, type Database } from '../../db/connection';
import { start } from '../../server';
import { eventually } from '../../test-support/harness';
import { clientId, connect, emitAck, recorder } from '../../test-support/negotiation-fixtures';
import { app, buyer, cast, room, seller, track, useNegotiationsApp } from './negotiations.fixture';

useNegotiationsApp();

describe('room isolation over socket.io', () => {
  test('when a non-participant connects, then it receives nothing and cannot read, send or type by guessing ids', async () => {
    const id = await room();
    const outsider = track(await connect(app.url, cast.loner.token));
    const otherOrg = track(await connect(app.url, (await app.createUser({ org: await app.createOrg() })).token));
    const official = track(await connect(app.url, cast.official.token));
    const seen = [recorder(outsider), recorder(otherOrg), recorder(official)];
    const typing: unknown[] = [];
    for (const s of [outsider, otherOrg, official]) s.on('negotiation:typing', (t) => typing.push(t));
    const b = track(await connect(app.url, buyer().token));
    const s = track(await connect(app.url, seller().token));
    const sellerSaw = recorder(s);
    const sellerTyping: unknown[] = [];
    s.on('negotiation:typing', (t) => sellerTyping.push(t));

    expect(
      (
        await emitAck(b, 'negotiation:message', {
          negotiationId: id,
          clientMessageId: clientId(),
          text: '报价单已上传，请查收。',
        })
      ).ok,
    ).toBe(true);
    b.emit('negotiation:typing', { negotiationId: id });
    await eventually(
      "the seller's socket receives the buyer's message",
      () => sellerSaw.length,
      (n) => expect(n).toBe(1),
    );
    await eventually(
      "the seller's socket receives the buyer's typing signal",
      () => sellerTyping.length,
      (n) => expect(n).toBe(1),
    );

    for (const sock of [outsider, otherOrg, official]) {
      const sync = await emitAck(sock, 'negotiation:sync', { negotiationId: id, after: 0 });
      expect(sync).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      const send = await emitAck(sock, 'negotiation:message', {
        negotiationId: id,
        clientMessageId: clientId(),
        text: '我也想插一句',
      });
      expect(send).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      sock.emit('negotiation:typing', { negotiationId: id });
      // A guessed id answers exactly like a real one the caller may not see.
      const guessed = await emitAck(sock, 'negotiation:sync', {
        negotiationId: new mongoose.Types.ObjectId().toHexString(),
        after: 0,
      });
      expect(guessed).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    // Nothing is awaited by time: each outsider's last acked call (the guessed sync) came back after anything
    // the server wrote to that outsider before it, and the seller's acked sync below comes back after any
    // typing relayed to the seller by then. Frames on one connection arrive in order.
    await emitAck(s, 'negotiation:sync', { negotiationId: id, after: 0 });
    expect(seen.map((x) => x.length)).toEqual([0, 0, 0]);
    expect(typing).toEqual([]);
    expect(sellerTyping).toHaveLength(1);
    expect(await app.models.NegotiationEvent.countDocuments({ negotiationId: id, type: 'message' })).toBe(1);
    expect((await app.http('GET', `/api/negotiations/${id}/events`, { token: cast.loner.token })).status).toBe(404);
  });

  test('when the handshake has no valid token, then the connection is refused', async () => {
    await expect(connect(app.url, undefined)).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    await expect(connect(app.url, 'A'.repeat(43))).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
  });

  test('when messages are sent at once, then each participant gets them in seq order, one frame per room and write, and a sender sees its event before its ack', async () => {
    const id = await room();
    const b = track(await connect(app.url, buyer().token));
    const s = track(await connect(app.url, seller().token));
    const frames: Array<Array<{ seq: number; negotiationId: string }>> = [];
    s.on('negotiation:events', (list) => frames.push(list));
    const senderSaw = recorder(b);
    const acks = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        emitAck(b, 'negotiation:message', {
          negotiationId: id,
          clientMessageId: clientId(),
          text: `批量消息 ${i}`,
        }).then((ack) => ({
          ack,
          // Checked when the ack arrives: the room frame with this event came first on the same connection.
          sawFirst: senderSaw.some((e) => e.seq === ack.data?.seq),
        })),
      ),
    );
    expect(acks.every((a) => a.ack.ok && a.sawFirst)).toBe(true);
    await eventually(
      'the socket receives all ten events of the burst',
      () => frames.flat().length,
      (n) => expect(n).toBe(10),
    );
    const seqs = frames.flat().map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(frames.flat().map((e) => e.negotiationId))).toEqual(new Set([id]));
    // Ten messages in one burst are stored by fewer writes than ten, and each write is one frame.
    expect(frames.length).toBeLessThan(10);
  });

  test('when a new room is opened, then the parties already connected are joined to it by the server', async () => {
    const s = track(await connect(app.url, seller().token));
    const joined: string[] = [];
    s.on('negotiation:joined', (p) => joined.push(p.negotiationId));
    const seen = recorder(s);
    const id = await room('你好，想了解一下转让价格。');
    await eventually(
      'the seller is told that the new room concerns them (negotiation:joined)',
      () => joined,
      (j) => expect(j).toContain(id),
    );
    await eventually(
      "the seller's socket receives the new room's opened and message events",
      () => seen.filter((e) => e.negotiationId === id).map((e) => e.type),
      (t) => expect(t).toEqual(['opened', 'message']),
    );
  });
});

describe('restart', () => {
  test('when the server restarts mid-conversation, then after reconnecting and resyncing no message is lost or doubled', async () => {
    const id = await room();
    // A second server on the same database, started and stopped like a process (own connection each time).
    const config = { ...app.running.ctx.config };
    const boot = async (port: number) => {
      const connection = mongoose.createConnection(process.env.TEST_MONGODB_URI!, {
        dbName: app.db.connection.name,
        maxPoolSize: poolSizeFor(process.env.TEST_DB_KIND),
      });
      await connection.asPromise();
      const db: Database = { connection, kind: 'test', close: () => connection.close() };
      const running = await start({
        config: { ...config, PORT: port },
        db,
        logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
      });
      return { url: running.url, stop: async () => (await running.stop(), await connection.close()) };
    };
    let server = await boot(0);
    const port = Number(new URL(server.url).port);
    try {
      const url = server.url;
      const b = track(await connect(url, buyer().token, { reconnection: true }));
      const s = track(await connect(url, seller().token, { reconnection: true }));
      const sellerSaw = recorder(s);
      const sent: string[] = [];
      const send = async (text: string) => {
        const cmid = clientId();
        sent.push(cmid);
        return emitAck(b, 'negotiation:message', { negotiationId: id, clientMessageId: cmid, text }, 20_000);
      };
      for (let i = 1; i <= 3; i++) expect((await send(`重启前第${i}条`)).ok).toBe(true);
      await eventually(
        "the seller's socket receives the three messages",
        () => sellerSaw.length,
        (n) => expect(n).toBe(3),
      );

      const disconnected = (sock: typeof b) =>
        new Promise<void>((resolve) => (sock.connected ? sock.once('disconnect', () => resolve()) : resolve()));
      const bothDown = Promise.all([disconnected(b), disconnected(s)]);
      await server.stop();
      // While the server is down (both clients have noticed): the buyer's socket buffers its sends, acks come after the restart.
      await bothDown;
      const pending = [send('断线期间第1条'), send('断线期间第2条')];
      server = await boot(port);
      const acks = await Promise.all(pending);
      expect(acks.every((a) => a.ok)).toBe(true);
      // The buyer also resends one message whose ack it "lost": stored once.
      expect(
        (
          await emitAck(b, 'negotiation:message', {
            negotiationId: id,
            clientMessageId: sent[4],
            text: '断线期间第2条',
          })
        ).data.seq,
      ).toBe(acks[1].data.seq);
      await eventually(
        'the socket reconnects after the server restart',
        () => s.connected,
        (c) => expect(c).toBe(true),
      );
      // The seller resyncs from its cursor: whatever the live stream missed comes from the log.
      const cursor = Math.max(0, ...sellerSaw.map((e) => e.seq));
      const sync = await emitAck(s, 'negotiation:sync', { negotiationId: id, after: cursor });
      const merged = new Map([...sellerSaw, ...sync.data.events].map((e) => [e.seq, e]));
      const messages = [...merged.values()].filter((e) => e.type === 'message').sort((x, y) => x.seq - y.seq);
      expect(messages.map((e) => e.clientMessageId)).toEqual(sent);
      expect(messages.map((e) => e.text)).toEqual([
        '重启前第1条',
        '重启前第2条',
        '重启前第3条',
        '断线期间第1条',
        '断线期间第2条',
      ]);
      expect(await app.models.NegotiationEvent.countDocuments({ negotiationId: id, type: 'message' })).toBe(5);
    } finally {
      await server.stop();
    }
  });
});
