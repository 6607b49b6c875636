/**
 * Negotiation messages through real HTTP and real socket.io clients into the real app on a real database:
 * idempotent sends, read receipts and unread counts, refused messages. Set-up in negotiations.fixture.ts.
 */
import { eventually } from '../../test-support/harness';
import { clientId, connect, emitAck } from '../../test-support/negotiation-fixtures';
import { app, buyer, cast, room, seller, track, useNegotiationsApp } from './negotiations.fixture';

useNegotiationsApp();

describe('messages', () => {
  test('when the same client message id is sent twice over HTTP and the socket, then it is stored once', async () => {
    const id = await room();
    const cmid = clientId();
    const body = { clientMessageId: cmid, text: '我方建议首付款比例为 30%。' };
    const first = await app.http('POST', `/api/negotiations/${id}/messages`, { token: buyer().token, body });
    expect(first.status).toBe(201);
    const second = await app.http('POST', `/api/negotiations/${id}/messages`, { token: buyer().token, body });
    expect(second.status).toBe(200);
    expect(second.body.event.seq).toBe(first.body.event.seq);
    const b = track(await connect(app.url, buyer().token));
    const overSocket = await emitAck(b, 'negotiation:message', { negotiationId: id, ...body });
    expect(overSocket).toMatchObject({ ok: true, data: { seq: first.body.event.seq } });
    // Concurrent resends too.
    const racing = await Promise.all(
      Array.from({ length: 5 }, () =>
        emitAck(b, 'negotiation:message', { negotiationId: id, clientMessageId: cmid, text: body.text }),
      ),
    );
    expect(new Set(racing.map((r) => r.data.seq))).toEqual(new Set([first.body.event.seq]));
    expect(await app.models.NegotiationEvent.countDocuments({ negotiationId: id, clientMessageId: cmid })).toBe(1);
  });

  test('when messages are read, then unread counts fall and the receipt reaches the other side', async () => {
    const id = await room();
    const s = track(await connect(app.url, seller().token));
    const receipts: Array<{ userId: string; seq: number }> = [];
    s.on('negotiation:read', (r) => receipts.push(r));
    for (const text of ['第一条', '第二条'])
      await app.http('POST', `/api/negotiations/${id}/messages`, {
        token: buyer().token,
        body: { clientMessageId: clientId(), text },
      });
    const before = await app.http('GET', `/api/negotiations/${id}`, { token: seller().token });
    expect(before.body.negotiation.unread).toBe(3);
    const b = track(await connect(app.url, buyer().token));
    const read = await emitAck(b, 'negotiation:read', { negotiationId: id, seq: 999 });
    expect(read).toMatchObject({ ok: true, data: { seq: 3 } });
    await eventually(
      "the seller's socket receives the buyer's read receipt for seq 3",
      () => receipts,
      (r) => expect(r).toContainEqual({ negotiationId: id, userId: String(buyer().user._id), seq: 3 }),
    );
    expect(
      (await app.http('POST', `/api/negotiations/${id}/read`, { token: seller().token, body: { seq: 3 } })).body.seq,
    ).toBe(3);
    expect((await app.http('GET', `/api/negotiations/${id}`, { token: seller().token })).body.negotiation.unread).toBe(
      0,
    );
    // An older receipt never moves the cursor back.
    await app.http('POST', `/api/negotiations/${id}/read`, { token: seller().token, body: { seq: 1 } });
    const participants = await app.http('GET', `/api/negotiations/${id}/participants`, { token: seller().token });
    expect(participants.body.items.find((p: { id: string }) => p.id === String(seller().user._id))).toMatchObject({
      readSeq: 3,
      side: 'seller',
      online: true,
    });
  });

  test('when a message is oversized, malformed or too frequent over the socket, then it is refused and nothing is stored', async () => {
    const id = await room();
    const b = track(await connect(app.url, buyer().token));
    const big = await emitAck(b, 'negotiation:message', {
      negotiationId: id,
      clientMessageId: clientId(),
      text: '长'.repeat(30_000),
    });
    expect(big).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    for (const bad of [
      { negotiationId: { $ne: null }, clientMessageId: clientId(), text: 'x' },
      { negotiationId: id, clientMessageId: clientId(), text: 42 },
      { negotiationId: id, clientMessageId: clientId(), text: 'x', extra: true },
      { negotiationId: id, clientMessageId: 'short', text: 'x' },
      { negotiationId: 'not-an-id', clientMessageId: clientId(), text: 'x' },
    ]) {
      expect(await emitAck(b, 'negotiation:message', bad as never)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED' },
      });
    }
    expect(await app.models.NegotiationEvent.countDocuments({ negotiationId: id, type: 'message' })).toBe(0);

    // 100 events per minute per user: a fresh member of the buyer organisation spends them on typing.
    const member = await app.createUser({ org: cast.otherOrg, orgRole: 'member' });
    const m = track(await connect(app.url, member.token));
    for (let i = 0; i < 100; i++) m.emit('negotiation:typing', { negotiationId: id });
    const limited = await emitAck(m, 'negotiation:message', {
      negotiationId: id,
      clientMessageId: clientId(),
      text: '被限流的消息',
    });
    expect(limited).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(await app.models.NegotiationEvent.countDocuments({ negotiationId: id, type: 'message' })).toBe(0);
  });
});
