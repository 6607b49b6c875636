/**
 * Negotiation rooms through real HTTP into the real app on a real database: opening a room (from an
 * achievement, a need or a winning proposal; refused to whom may not) and assigning its broker. Set-up in negotiations.fixture.ts.
 */
import { eventually } from '../../test-support/harness';
import { publish } from '../../test-support/catalog-fixtures';
import { clientId, connect, recorder, winningProposal } from '../../test-support/negotiation-fixtures';
import { app, buyer, cast, room, seller, track, useNegotiationsApp } from './negotiations.fixture';

useNegotiationsApp();

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
