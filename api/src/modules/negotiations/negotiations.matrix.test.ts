/**
 * Authorization matrix and bad input for /api/negotiations: anonymous 401, another organisation 404 (as if
 * the room did not exist), participants 2xx, officials 404, operators of the room's sub-market the summary
 * and broker assignment only, and staff (never parties or officials) the operators' list of rooms, metadata only.
 * Checks stored state, not only statuses. The last test fails when a
 * negotiation route is added without a row here.
 */
import { Types } from 'mongoose';
import { files, publish, upload } from '../../test-support/catalog-fixtures';
import { startTestApp, type TestApp } from '../../test-support/harness';
import { clientId, offerTerms, openRoom } from '../../test-support/negotiation-fixtures';

let app: TestApp;
let cast: Awaited<ReturnType<TestApp['cast']>>;
let broker: Awaited<ReturnType<TestApp['createUser']>>;
const covered = new Set<string>();
const cover = (method: string, path: string) => covered.add(`${method} ${path}`);
type Who = { token: string } | null;

beforeAll(async () => {
  app = await startTestApp();
  cast = await app.cast();
  broker = await app.createUser({ roles: ['broker'], brokerCertNo: 'LN-TB-2026-0007' });
});
afterAll(() => app.stop());

const status = async (method: string, path: string, who: Who, body?: unknown) =>
  (await app.http(method, path, { token: who?.token, body })).status;
/** Seller = the owner organisation (Benxi, hub-operated), buyer = the other organisation. */
const room = () => openRoom(app, cast.owner, cast.other, cast.hubOperator);
const outsiders = () => [cast.loner, cast.official, cast.otherOfficial, cast.cityOperator];
const events = (id: string) => app.models.NegotiationEvent.countDocuments({ negotiationId: id });
const makeOffer = async (id: string, who: { token: string }) =>
  (
    await app.http('POST', `/api/negotiations/${id}/offers`, {
      token: who.token,
      body: { clientMessageId: clientId(), terms: offerTerms() },
    })
  ).body.offer.id as string;

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

describe('room routes', () => {
  test('GET /api/negotiations/:id: parties and the sub-market operator see it; others 404', async () => {
    cover('GET', '/api/negotiations/:id');
    const id = await room();
    const path = `/api/negotiations/${id}`;
    expect(await status('GET', path, null)).toBe(401);
    for (const who of outsiders()) expect(await status('GET', path, who)).toBe(404);
    expect((await app.http('GET', path, { token: cast.member.token })).body.negotiation.mySide).toBe('seller');
    expect((await app.http('GET', path, { token: cast.hubOperator.token })).body.negotiation.mySide).toBe('operator');
    expect(await status('GET', `/api/negotiations/${new Types.ObjectId()}`, cast.owner)).toBe(404);
  });

  test.each([
    ['GET', 'events'],
    ['GET', 'participants'],
    ['GET', 'offers'],
  ])('%s /api/negotiations/:id/%s: parties only; operators 403, everyone else 404', async (method, tail) => {
    cover(method, `/api/negotiations/:id/${tail}`);
    const id = await room();
    const path = `/api/negotiations/${id}/${tail}`;
    expect(await status(method, path, null)).toBe(401);
    for (const who of outsiders()) expect(await status(method, path, who)).toBe(404);
    expect(await status(method, path, cast.hubOperator)).toBe(403);
    expect(await status(method, path, cast.owner)).toBe(200);
    expect(await status(method, path, cast.other)).toBe(200);
  });

  test('POST /api/negotiations/:id/messages: parties write; nothing is stored for anyone else', async () => {
    cover('POST', '/api/negotiations/:id/messages');
    const id = await room();
    const path = `/api/negotiations/${id}/messages`;
    const body = () => ({ clientMessageId: clientId(), text: '请问可以提供中试数据吗？' });
    const before = await events(id);
    expect(await status('POST', path, null, body())).toBe(401);
    for (const who of outsiders()) expect(await status('POST', path, who, body())).toBe(404);
    expect(await status('POST', path, cast.hubOperator, body())).toBe(403);
    expect(await events(id)).toBe(before);
    expect(await status('POST', path, cast.other, body())).toBe(201);
    expect(await status('POST', path, cast.member, body())).toBe(201);
    expect(await events(id)).toBe(before + 2);
  });

  test('POST /api/negotiations/:id/read: parties move their own cursor only', async () => {
    cover('POST', '/api/negotiations/:id/read');
    const id = await room();
    const path = `/api/negotiations/${id}/read`;
    expect(await status('POST', path, null, { seq: 1 })).toBe(401);
    for (const who of outsiders()) expect(await status('POST', path, who, { seq: 1 })).toBe(404);
    expect(await app.models.NegotiationRead.countDocuments({ negotiationId: id })).toBe(0);
    expect(await status('POST', path, cast.owner, { seq: 1 })).toBe(200);
    expect(await app.models.NegotiationRead.find({ negotiationId: id }).lean()).toEqual([
      expect.objectContaining({ userId: cast.owner.user._id, seq: 1 }),
    ]);
  });

  test('POST /api/negotiations/:id/offers: parties offer; brokers, operators and outsiders cannot', async () => {
    cover('POST', '/api/negotiations/:id/offers');
    const id = await room();
    const path = `/api/negotiations/${id}/offers`;
    const body = () => ({ clientMessageId: clientId(), terms: offerTerms() });
    expect(await status('POST', path, null, body())).toBe(401);
    for (const who of outsiders()) expect(await status('POST', path, who, body())).toBe(404);
    expect(await status('POST', path, cast.hubOperator, body())).toBe(403);
    expect(await app.models.NegotiationOffer.countDocuments({ negotiationId: id })).toBe(0);
    expect(await status('POST', path, cast.owner, body())).toBe(201);
    expect(await app.models.NegotiationOffer.countDocuments({ negotiationId: id, side: 'seller' })).toBe(1);
  });

  test('POST /api/negotiations/:id/offers/:offerId/withdraw: only the offering side', async () => {
    cover('POST', '/api/negotiations/:id/offers/:offerId/withdraw');
    const id = await room();
    const offerId = await makeOffer(id, cast.owner);
    const path = `/api/negotiations/${id}/offers/${offerId}/withdraw`;
    expect(await status('POST', path, null)).toBe(401);
    for (const who of outsiders()) expect(await status('POST', path, who)).toBe(404);
    expect(await status('POST', path, cast.hubOperator)).toBe(403);
    expect(await status('POST', path, cast.other)).toBe(403);
    expect((await app.models.NegotiationOffer.findById(offerId).lean())!.status).toBe('open');
    expect(await status('POST', path, cast.member)).toBe(200);
    expect((await app.models.NegotiationOffer.findById(offerId).lean())!.status).toBe('withdrawn');
  });

  test('POST /api/negotiations/:id/offers/:offerId/accept: only the other side; one deal', async () => {
    cover('POST', '/api/negotiations/:id/offers/:offerId/accept');
    const id = await room();
    const offerId = await makeOffer(id, cast.owner);
    const path = `/api/negotiations/${id}/offers/${offerId}/accept`;
    expect(await status('POST', path, null)).toBe(401);
    for (const who of outsiders()) expect(await status('POST', path, who)).toBe(404);
    expect(await status('POST', path, cast.hubOperator)).toBe(403);
    expect(await status('POST', path, cast.owner)).toBe(403);
    expect(await app.models.Deal.countDocuments({ negotiationId: id })).toBe(0);
    expect(await status('POST', path, cast.other)).toBe(200);
    expect(await app.models.Deal.countDocuments({ negotiationId: id })).toBe(1);
    expect((await app.models.Negotiation.findById(id).lean())!.status).toBe('agreed');
  });

  test('POST /api/negotiations/:id/brokers: parties invite, the sub-market operator assigns, others cannot', async () => {
    cover('POST', '/api/negotiations/:id/brokers');
    const body = { brokerId: String(broker.user._id) };
    const id = await room();
    const path = `/api/negotiations/${id}/brokers`;
    expect(await status('POST', path, null, body)).toBe(401);
    for (const who of outsiders()) expect(await status('POST', path, who, body)).toBe(404);
    expect((await app.models.Negotiation.findById(id).lean())!.brokers).toEqual([]);
    expect(await status('POST', path, cast.other, body)).toBe(201);
    const second = await room();
    expect(await status('POST', `/api/negotiations/${second}/brokers`, cast.hubOperator, body)).toBe(201);
    expect((await app.models.Negotiation.findById(second).lean())!.brokers).toEqual([
      expect.objectContaining({ status: 'assigned', invitedBy: String(cast.hubOperator.user._id) }),
    ]);
  });

  test('POST /api/negotiations/:id/broker-decision: only the invited broker', async () => {
    cover('POST', '/api/negotiations/:id/broker-decision');
    const id = await room();
    await app.http('POST', `/api/negotiations/${id}/brokers`, {
      token: cast.owner.token,
      body: { brokerId: String(broker.user._id) },
    });
    const path = `/api/negotiations/${id}/broker-decision`;
    const body = { decision: 'accept', commission: { kind: 'percent', bp: 250 } };
    const other = await app.createUser({ roles: ['broker'] });
    expect(await status('POST', path, null, body)).toBe(401);
    for (const who of [...outsiders(), other]) expect(await status('POST', path, who, body)).toBe(404);
    expect(await status('POST', path, cast.owner, body)).toBe(403);
    expect(await status('POST', path, cast.hubOperator, body)).toBe(403);
    expect((await app.models.Negotiation.findById(id).lean())!.brokers[0].status).toBe('invited');
    expect(await status('POST', path, broker, body)).toBe(200);
    const stored = (await app.models.Negotiation.findById(id).lean())!;
    expect(stored.brokers[0]).toMatchObject({ status: 'accepted', commission: { kind: 'percent', bp: 250 } });
    expect(String(stored.acceptedBrokerId)).toBe(String(broker.user._id));
    // Now the broker reads the room.
    expect(await status('GET', `/api/negotiations/${id}/events`, broker)).toBe(200);
  });

  test('POST /api/negotiations/:id/withdraw: parties only; the room closes', async () => {
    cover('POST', '/api/negotiations/:id/withdraw');
    const id = await room();
    const path = `/api/negotiations/${id}/withdraw`;
    expect(await status('POST', path, null, {})).toBe(401);
    for (const who of outsiders()) expect(await status('POST', path, who, {})).toBe(404);
    expect(await status('POST', path, cast.hubOperator, {})).toBe(403);
    expect((await app.models.Negotiation.findById(id).lean())!.status).toBe('open');
    expect(await status('POST', path, cast.member, { reason: '方向调整' })).toBe(200);
    expect(await app.models.Negotiation.findById(id).lean()).toMatchObject({
      status: 'closed',
      closeReason: 'withdrawn',
    });
  });

  test('GET /api/negotiations/:id/attachments/:attachmentId: participants download files sent in the room', async () => {
    cover('GET', '/api/negotiations/:id/attachments/:attachmentId');
    const id = await room();
    const file = await upload(app, cast.other, '报价说明.pdf', files.pdf());
    const sent = await app.http('POST', `/api/negotiations/${id}/messages`, {
      token: cast.other.token,
      body: { clientMessageId: clientId(), text: '附件为报价说明', attachmentIds: [file.body.attachment.id] },
    });
    expect(sent.body.event.attachments).toEqual([
      expect.objectContaining({ id: file.body.attachment.id, filename: '报价说明.pdf' }),
    ]);
    const path = `/api/negotiations/${id}/attachments/${file.body.attachment.id}`;
    expect(await status('GET', path, null)).toBe(401);
    for (const who of outsiders()) expect(await status('GET', path, who)).toBe(404);
    expect(await status('GET', path, cast.hubOperator)).toBe(403);
    expect(await status('GET', path, cast.owner)).toBe(200);
    // A file of the room's party that was never sent in this room stays private.
    const unsent = await upload(app, cast.other, '内部.pdf', files.pdf());
    expect(await status('GET', `/api/negotiations/${id}/attachments/${unsent.body.attachment.id}`, cast.owner)).toBe(
      404,
    );
    // Someone else's file cannot be sent.
    const foreign = await upload(app, cast.owner, '卖方.pdf', files.pdf());
    expect(
      await status('POST', `/api/negotiations/${id}/messages`, cast.other, {
        clientMessageId: clientId(),
        text: 'x',
        attachmentIds: [foreign.body.attachment.id],
      }),
    ).toBe(400);
  });
});

describe('bad input', () => {
  test('when bodies carry operators, wrong types, oversized or unknown fields, then 400 and nothing is stored', async () => {
    const id = await room();
    const before = await events(id);
    const offersBefore = await app.models.NegotiationOffer.countDocuments({ negotiationId: id });
    const cases: Array<[string, unknown]> = [
      ['messages', { clientMessageId: { $ne: null }, text: 'x' }],
      ['messages', { clientMessageId: clientId(), text: { $gt: '' } }],
      ['messages', { clientMessageId: clientId(), text: 123 }],
      ['messages', { clientMessageId: clientId(), text: '长'.repeat(8_001) }],
      ['messages', { clientMessageId: clientId(), text: 'x', negotiationId: id }],
      ['messages', { clientMessageId: clientId(), text: '' }],
      ['messages', { clientMessageId: clientId(), text: 'x', attachmentIds: ['nope'] }],
      ['offers', { clientMessageId: clientId(), terms: offerTerms({ amountFen: { $gt: 0 } }) }],
      ['offers', { clientMessageId: clientId(), terms: offerTerms({ amountFen: '100' }) }],
      ['offers', { clientMessageId: clientId(), terms: offerTerms({ amountFen: 1.5 }) }],
      ['offers', { clientMessageId: clientId(), terms: offerTerms({ category: 'gift' }) }],
      [
        'offers',
        {
          clientMessageId: clientId(),
          terms: offerTerms({
            paymentPlan: {
              kind: 'instalments',
              instalments: [
                { percent: 50, dueMonths: 0 },
                { percent: 40, dueMonths: 3 },
              ],
            },
          }),
        },
      ],
      [
        'offers',
        { clientMessageId: clientId(), terms: offerTerms({ validUntil: new Date(Date.now() - 60_000).toISOString() }) },
      ],
      ['offers', { clientMessageId: clientId(), terms: offerTerms({ text: 'x'.repeat(4_001) }) }],
      ['offers', { clientMessageId: clientId(), terms: { ...offerTerms(), side: 'buyer' } }],
      ['offers', { clientMessageId: clientId(), counterTo: 'abc', terms: offerTerms() }],
      ['brokers', { brokerId: { $ne: null } }],
      ['brokers', { brokerId: String(broker.user._id), status: 'accepted' }],
      ['read', { seq: '5' }],
      ['read', { seq: -1 }],
      ['withdraw', { reason: 'x'.repeat(501) }],
    ];
    for (const [tail, body] of cases) {
      const res = await app.http('POST', `/api/negotiations/${id}/${tail}`, { token: cast.other.token, body });
      expect([tail, res.status]).toEqual([tail, 400]);
    }
    const open = await app.http('POST', '/api/negotiations', {
      token: cast.other.token,
      body: { subject: { kind: 'achievement', id: { $ne: null } } },
    });
    expect(open.status).toBe(400);
    expect(
      (
        await app.http('POST', '/api/negotiations', {
          token: cast.other.token,
          body: { subject: { kind: 'contract', id: id } },
        })
      ).status,
    ).toBe(400);
    expect(await events(id)).toBe(before);
    expect(await app.models.NegotiationOffer.countDocuments({ negotiationId: id })).toBe(offersBefore);
    expect(await app.models.Negotiation.findById(id).lean()).toMatchObject({ status: 'open', brokers: [] });
    expect(await app.models.NegotiationRead.countDocuments({ negotiationId: id })).toBe(0);
  });

  test('when ids or queries are malformed, then 400 (INVALID_ID) and nothing changes', async () => {
    const id = await room();
    expect((await app.http('GET', '/api/negotiations/not-an-id', { token: cast.other.token })).body.error.code).toBe(
      'INVALID_ID',
    );
    expect(
      (await app.http('POST', `/api/negotiations/${id}/offers/zzz/accept`, { token: cast.other.token })).body.error
        .code,
    ).toBe('INVALID_ID');
    expect((await app.http('GET', `/api/negotiations/${id}/events?after=-3`, { token: cast.other.token })).status).toBe(
      400,
    );
    expect(
      (await app.http('GET', `/api/negotiations/${id}/events?limit=100000`, { token: cast.other.token })).status,
    ).toBe(400);
    expect(
      (await app.http('GET', `/api/negotiations/${id}/events?after[$gt]=1`, { token: cast.other.token })).status,
    ).toBe(400);
    expect((await app.http('GET', '/api/negotiations?status=whatever', { token: cast.other.token })).status).toBe(400);
    expect((await app.http('GET', '/api/negotiations?pageSize=1000', { token: cast.other.token })).status).toBe(400);
    for (const q of [
      'staleDays=0',
      'staleDays=abc',
      'staleDays[$gt]=1',
      'submarket[$ne]=x',
      'submarket=SM%20210500',
      'broker=maybe',
      'status=done',
      'pageSize=101',
      'page=0',
      'sort=title',
    ]) {
      const res = await app.http('GET', `/api/negotiations/admin?${q}`, { token: cast.hubOperator.token });
      expect([q, res.status, res.body.error?.code]).toEqual([q, 400, 'VALIDATION_FAILED']);
    }
    expect((await app.models.Negotiation.findById(id).lean())!.status).toBe('open');
  });
});

test('every negotiation route has a row in this matrix', () => {
  const declared = app.running.ctx.registry
    .list()
    .filter((op) => op.path.startsWith('/api/negotiations'))
    .map((op) => `${op.method.toUpperCase()} ${op.path}`);
  expect(declared.length).toBeGreaterThanOrEqual(16);
  expect(declared.filter((r) => !covered.has(r))).toEqual([]);
});
