/**
 * Authorization matrix of the /api/negotiations collection routes: opening a room (anonymous 401, officials
 * and loners 403, a verified organisation opens), each user's own rooms, the operators' list of rooms (staff
 * of the room's sub-market, hub operators and admins; metadata only), brokers and a broker's commissions.
 * Set-up and helpers in negotiations.matrix.fixture.ts.
 */
import { publish } from '../../test-support/catalog-fixtures';
import { cover } from '../../test-support/matrix-coverage';
import { clientId, openRoom } from '../../test-support/negotiation-fixtures';
import {
  app,
  broker,
  cast,
  makeOffer,
  outsiders,
  room,
  status,
  useNegotiationsMatrixApp,
  type Who,
} from './negotiations.matrix.fixture';

useNegotiationsMatrixApp();

describe('collection routes', () => {
  test('POST /api/negotiations: anonymous 401, officials and loners cannot open, a verified organisation opens', async () => {
    cover('POST', '/api/negotiations');
    const body = {
      subject: { kind: 'achievement', id: await publish(app, 'achievements', cast.owner, cast.hubOperator) },
    };
    expect(await status('POST', '/api/negotiations', null, body)).toBe(401);
    expect(await status('POST', '/api/negotiations', cast.official, body)).toBe(403);
    expect(await status('POST', '/api/negotiations', cast.hubOperator, body)).toBe(403);
    expect(await app.models.Negotiation.countDocuments({ 'subject.id': body.subject.id })).toBe(0);
    expect(await status('POST', '/api/negotiations', cast.other, body)).toBe(201);
    expect(
      await app.models.Negotiation.countDocuments({ 'subject.id': body.subject.id, buyerOrgId: cast.otherOrg._id }),
    ).toBe(1);
  });

  test('GET /api/negotiations: each user lists only rooms they take part in', async () => {
    cover('GET', '/api/negotiations');
    const id = await room();
    expect(await status('GET', '/api/negotiations', null)).toBe(401);
    for (const who of [cast.owner, cast.member, cast.other]) {
      const res = await app.http('GET', '/api/negotiations?pageSize=50', { token: who.token });
      expect(res.body.items.map((n: { id: string }) => n.id)).toContain(id);
    }
    for (const who of outsiders()) {
      const res = await app.http('GET', '/api/negotiations?pageSize=50', { token: who.token });
      expect(res.status).toBe(200);
      expect(res.body.items.map((n: { id: string }) => n.id)).not.toContain(id);
    }
  });

  test("GET /api/negotiations/admin: operators of the room's sub-market, hub operators and admins list it (metadata only); nobody else", async () => {
    cover('GET', '/api/negotiations/admin');
    const secret = `报价底线 ${clientId()}`;
    const id = await openRoom(app, cast.owner, cast.other, cast.hubOperator, secret);
    await makeOffer(id, cast.owner);
    const path = '/api/negotiations/admin?pageSize=100';
    const ids = async (who: Who, p = path) => {
      const res = await app.http('GET', p, { token: who?.token });
      expect([p, res.status]).toEqual([p, 200]);
      return res.body.items.map((n: { id: string }) => n.id) as string[];
    };
    const benxiOperator = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['SM-210500'] });
    const thirdOrg = await app.createUser({ org: await app.createOrg({ regionCode: '210500' }) });
    expect(await status('GET', path, null)).toBe(401);
    // Another organisation, the room's own parties and its broker, officials: not staff, whatever they take part in.
    await app.http('POST', `/api/negotiations/${id}/brokers`, {
      token: cast.other.token,
      body: { brokerId: String(broker.user._id) },
    });
    await app.http('POST', `/api/negotiations/${id}/broker-decision`, {
      token: broker.token,
      body: { decision: 'accept', commission: { kind: 'percent', bp: 200 } },
    });
    for (const who of [thirdOrg, cast.owner, cast.other, broker, cast.official, cast.otherOfficial, cast.loner]) {
      const res = await app.http('GET', path, { token: who.token });
      expect([res.status, res.body.error?.code]).toEqual([403, 'FORBIDDEN']);
    }
    // The operator of another sub-market lists their own sub-market only, and may not ask for this one.
    expect(await ids(cast.cityOperator)).not.toContain(id);
    expect(await status('GET', '/api/negotiations/admin?submarket=SM-210500', cast.cityOperator)).toBe(403);
    expect(await ids(cast.cityOperator, '/api/negotiations/admin?submarket=SM-210200')).not.toContain(id);
    // The room's sub-market operator, hub operators and admins see it.
    for (const who of [benxiOperator, cast.hubOperator, cast.admin]) expect(await ids(who)).toContain(id);
    expect(await ids(benxiOperator, '/api/negotiations/admin?submarket=SM-210500&pageSize=100')).toContain(id);
    // Metadata only: no message text, no offer or deal terms, even though the room has all of them.
    const res = await app.http('GET', path, { token: benxiOperator.token });
    const row = res.body.items.find((n: { id: string }) => n.id === id);
    expect(row).toMatchObject({
      submarketCode: 'SM-210500',
      status: 'open',
      buyer: { orgId: String(cast.otherOrg._id) },
      seller: { orgId: String(cast.ownerOrg._id) },
    });
    expect(row.brokers).toEqual([expect.objectContaining({ id: String(broker.user._id), status: 'accepted' })]);
    expect(Object.keys(row).sort()).toEqual([
      'brokers',
      'buyer',
      'closeReason',
      'createdAt',
      'expiresAt',
      'id',
      'lastEventAt',
      'lastSeq',
      'seller',
      'status',
      'subject',
      'submarketCode',
      'title',
    ]);
    expect(JSON.stringify(res.body)).not.toContain(secret);
    // Listing is a read: the room is unchanged.
    expect(await app.models.Negotiation.findById(id).lean()).toMatchObject({
      status: 'open',
      acceptedBrokerId: broker.user._id,
    });
  });

  test('GET /api/negotiations/brokers: signed-in users see certified brokers', async () => {
    cover('GET', '/api/negotiations/brokers');
    expect(await status('GET', '/api/negotiations/brokers', null)).toBe(401);
    const res = await app.http('GET', '/api/negotiations/brokers', { token: cast.other.token });
    expect(res.body.items.map((b: { id: string }) => b.id)).toContain(String(broker.user._id));
    expect(res.body.items[0].email).toBeUndefined();
  });

  test('GET /api/negotiations/commissions: a broker sees only their own deals', async () => {
    cover('GET', '/api/negotiations/commissions');
    expect(await status('GET', '/api/negotiations/commissions', null)).toBe(401);
    expect((await app.http('GET', '/api/negotiations/commissions', { token: cast.other.token })).body).toEqual({
      items: [],
      totalFen: 0,
      agreedFen: 0,
      figures: { paidFen: 0, refundedFen: 0, depositsHeldFen: 0, earnedFen: 0, paidOutFen: 0, owedFen: 0 },
    });
    expect((await app.http('GET', '/api/negotiations/commissions', { token: broker.token })).status).toBe(200);
  });
});
