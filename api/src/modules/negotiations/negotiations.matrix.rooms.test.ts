/**
 * Authorization matrix of the routes of one negotiation room: another organisation 404 (as if the room did
 * not exist), participants 2xx, officials 404, operators of the room's sub-market the summary and broker
 * assignment only. Checks stored state, not only statuses.
 * Set-up and helpers in negotiations.matrix.fixture.ts.
 */
import { Types } from 'mongoose';
import { files, upload } from '../../test-support/catalog-fixtures';
import { cover } from '../../test-support/matrix-coverage';
import { clientId, offerTerms } from '../../test-support/negotiation-fixtures';
import {
  app,
  broker,
  cast,
  events,
  makeOffer,
  outsiders,
  room,
  status,
  useNegotiationsMatrixApp,
} from './negotiations.matrix.fixture';

useNegotiationsMatrixApp();

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

  // The rows of the three cases of the test below.
  cover('GET', '/api/negotiations/:id/events');
  cover('GET', '/api/negotiations/:id/participants');
  cover('GET', '/api/negotiations/:id/offers');
  test.each([
    ['GET', 'events'],
    ['GET', 'participants'],
    ['GET', 'offers'],
  ])('%s /api/negotiations/:id/%s: parties only; operators 403, everyone else 404', async (method, tail) => {
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
