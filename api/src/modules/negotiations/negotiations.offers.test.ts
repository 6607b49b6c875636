/**
 * Negotiation offers through real HTTP into the real app on a real database: the offer chain to one deal
 * with the broker commission, withdrawn and expired offers, closing a room. Set-up in negotiations.fixture.ts.
 */
import { eventually } from '../../test-support/harness';
import { clientId, connect, offerTerms, recorder } from '../../test-support/negotiation-fixtures';
import { app, buyer, cast, room, seller, track, useNegotiationsApp } from './negotiations.fixture';

useNegotiationsApp();

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
