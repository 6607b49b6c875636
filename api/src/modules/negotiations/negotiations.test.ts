/**
 * Negotiation rooms through real HTTP and real socket.io clients into the real app on a real database:
 * opening, room isolation, idempotent sends, the offer chain to one deal, brokers, restart without loss.
 */
import mongoose from 'mongoose';
import pino from 'pino';
import { poolSizeFor, type Database } from '../../db/connection';
import { start } from '../../server';
import { eventually, startTestApp, type TestApp } from '../../test-support/harness';
import { publish } from '../../test-support/catalog-fixtures';
import {
  clientId,
  connect,
  emitAck,
  offerTerms,
  openRoom,
  recorder,
  winningProposal,
  type RoomClient,
} from '../../test-support/negotiation-fixtures';

let app: TestApp;
let cast: Awaited<ReturnType<TestApp['cast']>>;
const sockets: RoomClient[] = [];
const track = (s: RoomClient) => (sockets.push(s), s);

beforeAll(async () => {
  app = await startTestApp();
  cast = await app.cast();
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});
afterAll(() => app.stop());

const seller = () => cast.owner;
const buyer = () => cast.other;
const room = (message?: string) => openRoom(app, seller(), buyer(), cast.hubOperator, message);

describe('opening', () => {
  test('when a verified buyer opens from an achievement twice, then one room exists and both organisations are its parties', async () => {
    const achievementId = await publish(app, 'achievements', seller(), cast.hubOperator);
    const body = {
      subject: { kind: 'achievement', id: achievementId },
      message: '您好，我们对该镁合金技术的许可条件很感兴趣。',
    };
    const first = await app.http('POST', '/api/negotiations', { token: buyer().token, body });
    expect(first.status).toBe(201);
    expect(first.body.negotiation).toMatchObject({
      status: 'open',
      mySide: 'buyer',
      buyer: { orgId: String(cast.otherOrg._id) },
      seller: { orgId: String(cast.ownerOrg._id) },
    });
    const again = await app.http('POST', '/api/negotiations', { token: buyer().token, body });
    expect(again.status).toBe(200);
    expect(again.body.negotiation.id).toBe(first.body.negotiation.id);
    expect(await app.models.Negotiation.countDocuments({ 'subject.id': achievementId })).toBe(1);
    const events = await app.models.NegotiationEvent.find({ negotiationId: first.body.negotiation.id })
      .sort({ seq: 1 })
      .lean();
    expect(events.map((e) => [e.seq, e.type])).toEqual([
      [1, 'opened'],
      [2, 'message'],
    ]);
    expect(
      await app.models.Audit.countDocuments({
        entity: 'negotiation',
        entityId: first.body.negotiation.id,
        action: 'open',
      }),
    ).toBe(1);
  });

  test('when an unverified organisation, the owner itself or a loner tries, then nothing is opened', async () => {
    const achievementId = await publish(app, 'achievements', seller(), cast.hubOperator);
    const body = { subject: { kind: 'achievement', id: achievementId } };
    const pendingOrg = await app.createOrg({ status: 'pending' });
    const pending = await app.createUser({ org: pendingOrg });
    expect((await app.http('POST', '/api/negotiations', { token: pending.token, body })).body.error.code).toBe(
      'ORG_NOT_VERIFIED',
    );
    expect((await app.http('POST', '/api/negotiations', { token: seller().token, body })).status).toBe(403);
    expect((await app.http('POST', '/api/negotiations', { token: cast.loner.token, body })).body.error.code).toBe(
      'NOT_ORG_MEMBER',
    );
    expect(await app.models.Negotiation.countDocuments({ 'subject.id': achievementId })).toBe(0);
  });

  test('when a need or a winning proposal is the subject, then the poster is the buyer', async () => {
    const needId = await publish(app, 'needs', buyer(), cast.hubOperator);
    const fromNeed = await app.http('POST', '/api/negotiations', {
      token: seller().token,
      body: { subject: { kind: 'need', id: needId } },
    });
    expect(fromNeed.status).toBe(201);
    expect(fromNeed.body.negotiation).toMatchObject({ mySide: 'seller', buyer: { orgId: String(cast.otherOrg._id) } });

    const proposalId = await winningProposal(app, buyer(), seller(), cast.hubOperator);
    const fromProposal = await app.http('POST', '/api/negotiations', {
      token: buyer().token,
      body: { subject: { kind: 'proposal', id: proposalId } },
    });
    expect(fromProposal.status).toBe(201);
    expect(fromProposal.body.negotiation).toMatchObject({
      mySide: 'buyer',
      seller: { orgId: String(cast.ownerOrg._id) },
    });
    // A third organisation cannot open on someone else's proposal.
    const third = await app.createUser({ org: await app.createOrg() });
    expect(
      (
        await app.http('POST', '/api/negotiations', {
          token: third.token,
          body: { subject: { kind: 'proposal', id: proposalId } },
        })
      ).status,
    ).toBe(404);
  });
});

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

describe('offers', () => {
  test('when offers are countered back and forth and one is accepted, then exactly one deal holds its terms and the broker commission', async () => {
    const id = await room();
    const broker = await app.createUser({
      roles: ['broker'],
      brokerCertNo: 'LN-TB-2026-0042',
      org: await app.createOrg({ type: 'broker_agency' }),
      orgRole: 'member',
    });
    expect(
      (
        await app.http('POST', `/api/negotiations/${id}/brokers`, {
          token: buyer().token,
          body: { brokerId: String(broker.user._id) },
        })
      ).status,
    ).toBe(201);
    const accepted = await app.http('POST', `/api/negotiations/${id}/broker-decision`, {
      token: broker.token,
      body: { decision: 'accept', commission: { kind: 'percent', bp: 300 } },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.negotiation.brokers[0]).toMatchObject({
      status: 'accepted',
      commission: { kind: 'percent', bp: 300 },
    });

    const b = track(await connect(app.url, buyer().token));
    const s = track(await connect(app.url, seller().token));
    const k = track(await connect(app.url, broker.token));
    const [buyerSaw, sellerSaw, brokerSaw] = [recorder(b), recorder(s), recorder(k)];
    const offer = (who: { token: string }, amountFen: number, counterTo?: string) =>
      app.http('POST', `/api/negotiations/${id}/offers`, {
        token: who.token,
        body: { clientMessageId: clientId(), ...(counterTo ? { counterTo } : {}), terms: offerTerms({ amountFen }) },
      });

    const o1 = await offer(seller(), 150_000_000);
    expect(o1.status).toBe(201);
    // One open offer per side.
    expect((await offer(seller(), 140_000_000)).status).toBe(409);
    const o2 = await offer(buyer(), 100_000_000, o1.body.offer.id);
    expect(o2.body.offer).toMatchObject({ side: 'buyer', counterTo: o1.body.offer.id, status: 'open' });
    const o3 = await offer(seller(), 130_000_000, o2.body.offer.id);
    const o4 = await offer(buyer(), 120_000_000, o3.body.offer.id);
    // Nobody accepts their own offer; a broker does not accept for a party.
    expect(
      (await app.http('POST', `/api/negotiations/${id}/offers/${o4.body.offer.id}/accept`, { token: buyer().token }))
        .status,
    ).toBe(403);
    expect(
      (await app.http('POST', `/api/negotiations/${id}/offers/${o4.body.offer.id}/accept`, { token: broker.token }))
        .status,
    ).toBe(403);
    // Accepting a countered offer is refused.
    expect(
      (await app.http('POST', `/api/negotiations/${id}/offers/${o1.body.offer.id}/accept`, { token: buyer().token }))
        .status,
    ).toBe(409);

    const [acc1, acc2] = await Promise.all([
      app.http('POST', `/api/negotiations/${id}/offers/${o4.body.offer.id}/accept`, { token: seller().token }),
      app.http('POST', `/api/negotiations/${id}/offers/${o4.body.offer.id}/accept`, { token: cast.member.token }),
    ]);
    expect([acc1.status, acc2.status].sort()).toEqual([200, 200]);
    expect(acc1.body.deal.id).toBe(acc2.body.deal.id);
    expect(acc1.body.deal).toMatchObject({
      terms: { amountFen: 120_000_000, category: 'license' },
      broker: { id: String(broker.user._id), commission: { kind: 'percent', bp: 300 }, commissionFen: 3_600_000 },
    });

    expect(await app.models.Deal.countDocuments({ negotiationId: id })).toBe(1);
    const offers = await app.http('GET', `/api/negotiations/${id}/offers`, { token: buyer().token });
    expect(offers.body.items.map((o: { status: string }) => o.status)).toEqual([
      'countered',
      'countered',
      'countered',
      'accepted',
    ]);
    expect(offers.body.items.map((o: { counterTo: string | null }) => o.counterTo)).toEqual([
      null,
      o1.body.offer.id,
      o2.body.offer.id,
      o3.body.offer.id,
    ]);
    const stored = await app.models.Negotiation.findById(id).lean();
    expect(stored).toMatchObject({ status: 'agreed' });
    expect(String(stored!.agreedOfferId)).toBe(o4.body.offer.id);
    // The room is agreed: no more offers or messages.
    expect((await offer(buyer(), 1)).status).toBe(409);
    expect(
      (
        await app.http('POST', `/api/negotiations/${id}/messages`, {
          token: buyer().token,
          body: { clientMessageId: clientId(), text: '还在吗' },
        })
      ).status,
    ).toBe(409);
    // Every participant saw the chain and the agreement live, in seq order.
    const expected = ['offer_made', 'offer_made', 'offer_made', 'offer_made', 'offer_accepted', 'status_changed'];
    for (const saw of [buyerSaw, sellerSaw, brokerSaw]) {
      await eventually(
        'the socket receives the events of each step in order',
        () => saw.map((e) => e.type),
        (t) => expect(t).toEqual(expected),
      );
      expect(saw.map((e) => e.seq)).toEqual([...saw.map((e) => e.seq)].sort((x, y) => x - y));
    }
    const commissions = await app.http('GET', '/api/negotiations/commissions', { token: broker.token });
    // Agreed on the deal; earned (the ledger's figure, as on the commission statement) only once the buyer pays.
    expect(commissions.body).toMatchObject({
      agreedFen: 3_600_000,
      totalFen: 0,
      figures: { earnedFen: 0 },
      items: [{ negotiationId: id, earnedFen: 0 }],
    });
    const audit = await app.models.Audit.find({ entity: 'negotiation', entityId: id }).lean();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['open', 'invite_broker', 'broker_accept', 'agree']),
    );
  });

  test('when an offer is withdrawn or passes its deadline, then it cannot be accepted and the side may offer again', async () => {
    const id = await room();
    const make = (who: { token: string }, over: Record<string, unknown> = {}) =>
      app.http('POST', `/api/negotiations/${id}/offers`, {
        token: who.token,
        body: { clientMessageId: clientId(), terms: offerTerms(over) },
      });
    const o1 = await make(seller());
    expect(
      (await app.http('POST', `/api/negotiations/${id}/offers/${o1.body.offer.id}/withdraw`, { token: buyer().token }))
        .status,
    ).toBe(403);
    expect(
      (await app.http('POST', `/api/negotiations/${id}/offers/${o1.body.offer.id}/withdraw`, { token: seller().token }))
        .body.offer.status,
    ).toBe('withdrawn');
    expect(
      (await app.http('POST', `/api/negotiations/${id}/offers/${o1.body.offer.id}/accept`, { token: buyer().token }))
        .status,
    ).toBe(409);
    const o2 = await make(seller(), { validUntil: new Date(Date.now() + 2 * 60_000).toISOString() });
    expect(o2.status).toBe(201);
    expect(
      await app.running.ctx.services.negotiationOffers.expireDue(new Date(Date.now() + 3 * 60_000)),
    ).toBeGreaterThanOrEqual(1);
    expect((await app.models.NegotiationOffer.findById(o2.body.offer.id).lean())!.status).toBe('expired');
    expect(
      (await app.http('POST', `/api/negotiations/${id}/offers/${o2.body.offer.id}/accept`, { token: buyer().token }))
        .status,
    ).toBe(409);
    expect((await make(seller())).status).toBe(201);
    const types = (await app.models.NegotiationEvent.find({ negotiationId: id }).sort({ seq: 1 }).lean()).map(
      (e) => e.type,
    );
    expect(types).toEqual(['opened', 'offer_made', 'offer_withdrawn', 'offer_made', 'offer_expired', 'offer_made']);
  });

  test('when a party withdraws or the room idles past its deadline, then it closes and its open offers with it', async () => {
    const id = await room();
    const o = await app.http('POST', `/api/negotiations/${id}/offers`, {
      token: seller().token,
      body: { clientMessageId: clientId(), terms: offerTerms() },
    });
    const res = await app.http('POST', `/api/negotiations/${id}/withdraw`, {
      token: buyer().token,
      body: { reason: '预算调整' },
    });
    expect(res.body.negotiation).toMatchObject({ status: 'closed', closeReason: 'withdrawn' });
    expect((await app.models.NegotiationOffer.findById(o.body.offer.id).lean())!.status).toBe('closed');
    expect(
      (await app.http('POST', `/api/negotiations/${id}/withdraw`, { token: buyer().token, body: {} })).status,
    ).toBe(409);
    // A closed room can be opened again from the same achievement: a new room.
    const idle = await room();
    expect(idle).not.toBe(id);
    expect(
      await app.running.ctx.services.negotiations.closing.expireIdle(new Date(Date.now() + 31 * 86_400_000)),
    ).toBeGreaterThanOrEqual(1);
    expect(await app.models.Negotiation.findById(idle).lean()).toMatchObject({
      status: 'closed',
      closeReason: 'expired',
    });
  });
});

describe('brokers', () => {
  test('when an operator assigns a broker who declines, then another can be invited; an official cannot assign', async () => {
    const id = await room();
    const b1 = await app.createUser({ roles: ['broker'], brokerCertNo: 'LN-TB-2026-0101' });
    const b2 = await app.createUser({ roles: ['broker'], brokerCertNo: 'LN-TB-2026-0102' });
    expect(
      (
        await app.http('POST', `/api/negotiations/${id}/brokers`, {
          token: cast.official.token,
          body: { brokerId: String(b1.user._id) },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await app.http('POST', `/api/negotiations/${id}/brokers`, {
          token: buyer().token,
          body: { brokerId: String(cast.loner.user._id) },
        })
      ).status,
    ).toBe(400);
    const assigned = await app.http('POST', `/api/negotiations/${id}/brokers`, {
      token: cast.hubOperator.token,
      body: { brokerId: String(b1.user._id) },
    });
    expect(assigned.body.negotiation.brokers).toMatchObject([{ id: String(b1.user._id), status: 'assigned' }]);
    // The assigned broker sees the summary, but not the room until accepting.
    expect((await app.http('GET', `/api/negotiations/${id}`, { token: b1.token })).status).toBe(200);
    expect((await app.http('GET', `/api/negotiations/${id}/events`, { token: b1.token })).status).toBe(403);
    expect(
      (
        await app.http('POST', `/api/negotiations/${id}/brokers`, {
          token: buyer().token,
          body: { brokerId: String(b2.user._id) },
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await app.http('POST', `/api/negotiations/${id}/broker-decision`, {
          token: b1.token,
          body: { decision: 'decline', reason: '档期已满' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await app.http('POST', `/api/negotiations/${id}/brokers`, {
          token: seller().token,
          body: { brokerId: String(b2.user._id) },
        })
      ).status,
    ).toBe(201);
    const ws = await app.http('GET', '/api/negotiations?role=broker', { token: b2.token });
    expect(ws.body.items.map((n: { id: string }) => n.id)).toContain(id);
    const k = track(await connect(app.url, b2.token));
    const joined: string[] = [];
    k.on('negotiation:joined', (p) => joined.push(p.negotiationId));
    const saw = recorder(k);
    await app.http('POST', `/api/negotiations/${id}/broker-decision`, {
      token: b2.token,
      body: { decision: 'accept', commission: { kind: 'fixed', amountFen: 2_000_000 } },
    });
    await app.http('POST', `/api/negotiations/${id}/messages`, {
      token: buyer().token,
      body: { clientMessageId: clientId(), text: '欢迎陈经纪人加入。' },
    });
    await eventually(
      'the reconnected socket receives the message sent while it was away',
      () => saw.map((e) => e.type),
      (t) => expect(t).toEqual(expect.arrayContaining(['message'])),
    );
    expect((await app.http('GET', `/api/negotiations/${id}/events`, { token: b2.token })).status).toBe(200);
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
