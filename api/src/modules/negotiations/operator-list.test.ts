/**
 * The operators' list of rooms (GET /api/negotiations/admin) through real HTTP on a real database: each
 * operator's scope, the filters (state, sub-market, broker, stale), pagination, and assigning a broker to a
 * room found there. Who may call it at all is in negotiations.matrix.collection.test.ts.
 */
import { Types } from 'mongoose';
import { achievementBody, publish } from '../../test-support/catalog-fixtures';
import { startTestApp, type TestApp } from '../../test-support/harness';
import { clientId, offerTerms, openRoom } from '../../test-support/negotiation-fixtures';

let app: TestApp;
let cast: Awaited<ReturnType<TestApp['cast']>>;
let broker: Awaited<ReturnType<TestApp['createUser']>>;
let benxiOperator: Awaited<ReturnType<TestApp['createUser']>>;
type Who = { token: string };
/** Rooms by what they are: five in 本溪 (SM-210500), one in 大连 (SM-210200). */
const rooms: Record<'plain' | 'invited' | 'brokered' | 'agreed' | 'withdrawn' | 'dalian', string> = {} as never;

const DAY = 86_400_000;
const list = async (who: Who, query = '') => {
  const res = await app.http('GET', `/api/negotiations/admin?pageSize=100${query}`, { token: who.token });
  expect([query, res.status]).toEqual([query, 200]);
  return res.body as {
    items: Array<{
      id: string;
      status: string;
      brokers: Array<{ status: string }>;
      submarketCode: string;
      lastEventAt: string;
    }>;
    total: number;
  };
};
const ids = async (who: Who, query = '') => (await list(who, query)).items.map((n) => n.id).sort();
const named = (...keys: Array<keyof typeof rooms>) => keys.map((k) => rooms[k]).sort();

beforeAll(async () => {
  app = await startTestApp();
  cast = await app.cast();
  broker = await app.createUser({ roles: ['broker'], brokerCertNo: 'LN-TB-2026-0031' });
  benxiOperator = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['SM-210500'] });
  const open = () => openRoom(app, cast.owner, cast.other, cast.hubOperator, '您好，想了解许可条件。');
  rooms.plain = await open();
  rooms.invited = await open();
  await app.http('POST', `/api/negotiations/${rooms.invited}/brokers`, {
    token: cast.owner.token,
    body: { brokerId: String(broker.user._id) },
  });
  rooms.brokered = await open();
  await app.http('POST', `/api/negotiations/${rooms.brokered}/brokers`, {
    token: cast.other.token,
    body: { brokerId: String(broker.user._id) },
  });
  await app.http('POST', `/api/negotiations/${rooms.brokered}/broker-decision`, {
    token: broker.token,
    body: { decision: 'accept', commission: { kind: 'percent', bp: 300 } },
  });
  rooms.agreed = await open();
  const offer = await app.http('POST', `/api/negotiations/${rooms.agreed}/offers`, {
    token: cast.owner.token,
    body: { clientMessageId: clientId(), terms: offerTerms() },
  });
  await app.http('POST', `/api/negotiations/${rooms.agreed}/offers/${offer.body.offer.id}/accept`, {
    token: cast.other.token,
  });
  rooms.withdrawn = await open();
  await app.http('POST', `/api/negotiations/${rooms.withdrawn}/withdraw`, {
    token: cast.other.token,
    body: { reason: '方向调整' },
  });
  // A Dalian listing of the other organisation, bought by the owner organisation.
  const dalian = await publish(
    app,
    'achievements',
    cast.other,
    cast.hubOperator,
    achievementBody({ regionCode: '210200' }),
  );
  const opened = await app.http('POST', '/api/negotiations', {
    token: cast.owner.token,
    body: { subject: { kind: 'achievement', id: dalian } },
  });
  rooms.dalian = opened.body.negotiation.id;
});
afterAll(() => app.stop());

test('when operators list rooms, then each sees the sub-markets they run: the city operator theirs, the hub and admins all', async () => {
  const benxi = named('plain', 'invited', 'brokered', 'agreed', 'withdrawn');
  expect(await ids(benxiOperator)).toEqual(benxi);
  expect(await ids(cast.cityOperator)).toEqual(named('dalian'));
  expect(await ids(cast.hubOperator)).toEqual([...benxi, rooms.dalian].sort());
  expect(await ids(cast.admin)).toEqual([...benxi, rooms.dalian].sort());
  expect(await ids(cast.hubOperator, '&submarket=SM-210200')).toEqual(named('dalian'));
  expect((await list(cast.hubOperator, '&submarket=SM-210500')).total).toBe(5);
  // The stored rooms agree with what the list says about them.
  const stored = await app.models.Negotiation.find({ submarketCode: 'SM-210500' }, { _id: 1 }).lean();
  expect(stored.map((n) => String(n._id)).sort()).toEqual(benxi);
});

test('when operators filter by state and broker, then only matching rooms come back', async () => {
  expect(await ids(benxiOperator, '&status=open')).toEqual(named('plain', 'invited', 'brokered'));
  expect(await ids(benxiOperator, '&status=agreed')).toEqual(named('agreed'));
  expect(await ids(benxiOperator, '&status=closed')).toEqual(named('withdrawn'));
  expect(await ids(benxiOperator, '&broker=none')).toEqual(named('plain', 'agreed', 'withdrawn'));
  expect(await ids(benxiOperator, '&broker=pending')).toEqual(named('invited'));
  expect(await ids(benxiOperator, '&broker=accepted')).toEqual(named('brokered'));
  expect(await ids(benxiOperator, '&status=open&broker=none')).toEqual(named('plain'));
  const row = (await list(benxiOperator, '&broker=accepted')).items[0];
  expect(row.brokers).toEqual([
    expect.objectContaining({ status: 'accepted', commission: { kind: 'percent', bp: 300 } }),
  ]);
});

test('when a room has had no activity for N days, then the stale filter finds it and a message makes it fresh again', async () => {
  // Rooms' lastEventAt is written behind the log (at most a second late): let it land, then age two rooms
  // in the database, as if nothing had happened for 20 and 10 days.
  await app.settled();
  await app.models.Negotiation.collection.updateOne(
    { _id: new Types.ObjectId(rooms.plain) },
    { $set: { lastEventAt: new Date(Date.now() - 20 * DAY) } },
  );
  await app.models.Negotiation.collection.updateOne(
    { _id: new Types.ObjectId(rooms.invited) },
    { $set: { lastEventAt: new Date(Date.now() - 10 * DAY) } },
  );
  expect(await ids(benxiOperator, '&staleDays=14')).toEqual(named('plain'));
  expect(await ids(benxiOperator, '&staleDays=7')).toEqual(named('plain', 'invited'));
  expect(await ids(benxiOperator, '&staleDays=7&broker=none')).toEqual(named('plain'));
  expect(await ids(cast.cityOperator, '&staleDays=7')).toEqual([]);
  // Oldest activity last.
  const all = (await list(benxiOperator)).items;
  expect(all.slice(-2).map((n) => n.id)).toEqual([rooms.invited, rooms.plain]);
  // The buyer writes: the room is no longer stale.
  const sent = await app.http('POST', `/api/negotiations/${rooms.plain}/messages`, {
    token: cast.other.token,
    body: { clientMessageId: clientId(), text: '请问有进展吗？' },
  });
  expect(sent.status).toBe(201);
  await app.settled();
  expect(await ids(benxiOperator, '&staleDays=14')).toEqual([]);
  expect(
    Date.now() - new Date((await app.models.Negotiation.findById(rooms.plain).lean())!.lastEventAt).getTime(),
  ).toBeLessThan(DAY);
});

test('when the list is paged, then pages are disjoint, ordered by last activity and add up to the total', async () => {
  const seen: string[] = [];
  let last = Infinity;
  for (let page = 1; page <= 3; page++) {
    const res = await app.http('GET', `/api/negotiations/admin?pageSize=2&page=${page}`, {
      token: cast.hubOperator.token,
    });
    expect(res.body).toMatchObject({ total: 6, page, pageSize: 2 });
    expect(res.body.items).toHaveLength(2);
    for (const n of res.body.items as Array<{ id: string; lastEventAt: string }>) {
      expect(new Date(n.lastEventAt).getTime()).toBeLessThanOrEqual(last);
      last = new Date(n.lastEventAt).getTime();
      seen.push(n.id);
    }
  }
  expect(new Set(seen).size).toBe(6);
  expect(
    (await app.http('GET', '/api/negotiations/admin?pageSize=2&page=4', { token: cast.hubOperator.token })).body.items,
  ).toEqual([]);
});

test('when an operator assigns a broker to a room without one, then it leaves "no broker" for "pending" and the broker is asked', async () => {
  const target = (await list(benxiOperator, '&status=open&broker=none')).items[0].id;
  const res = await app.http('POST', `/api/negotiations/${target}/brokers`, {
    token: benxiOperator.token,
    body: { brokerId: String(broker.user._id) },
  });
  expect(res.status).toBe(201);
  const stored = (await app.models.Negotiation.findById(target).lean())!;
  expect(stored.brokers).toEqual([
    expect.objectContaining({ status: 'assigned', invitedBy: String(benxiOperator.user._id) }),
  ]);
  expect(String(stored.brokerSlot)).toBe(String(broker.user._id));
  expect(await ids(benxiOperator, '&status=open&broker=none')).not.toContain(target);
  expect(await ids(benxiOperator, '&broker=pending')).toContain(target);
  // The Dalian operator cannot assign in Benxi (the room is hidden from them).
  expect(
    (
      await app.http('POST', `/api/negotiations/${rooms.agreed}/brokers`, {
        token: cast.cityOperator.token,
        body: { brokerId: String(broker.user._id) },
      })
    ).status,
  ).toBe(404);
  const workspace = await app.http('GET', '/api/negotiations?role=broker', { token: broker.token });
  expect(workspace.body.items.map((n: { id: string }) => n.id)).toContain(target);
});
