/**
 * The financing journey through real HTTP: a bank publishes a product, an enterprise files a request,
 * matching proposes the product with reasons, the bank sees the request (details hidden), expresses
 * interest, the enterprise accepts (details disclosed, a room opened), the bank records a term sheet and a
 * signed agreement, and the operators' pipeline and the officials' figures count it.
 */
import { startTestApp, type TestApp } from '../../test-support/harness';
import { files, upload } from '../../test-support/catalog-fixtures';
import {
  CONFIDENTIAL_MARK,
  expressInterest,
  financingCast,
  financingRequest,
  openRequest,
  publishProduct,
  wan,
} from '../../test-support/financing-fixtures';
import { clientId, offerTerms } from '../../test-support/negotiation-fixtures';

let app: TestApp;
let c: Awaited<ReturnType<typeof financingCast>>;

beforeAll(async () => {
  app = await startTestApp();
  c = await financingCast(app);
});
afterAll(() => app.stop());

const call = (method: string, path: string, who: { token: string } | null, body?: unknown) =>
  app.http(method, path, { token: who?.token, body });
const noticesOf = async (userId: unknown, type: string) => app.models.Notification.countDocuments({ userId, type });

test('when a bank and an enterprise go through the whole financing flow, then every step is stored and counted', async () => {
  const productId = await publishProduct(app, c.bank, { name: '镁合金中试贷' });
  const requestId = await openRequest(app, c.owner);

  // Matching proposes the bank's product with its reasons.
  const proposals = await call('GET', `/api/financing/requests/${requestId}/proposals`, c.owner);
  expect(proposals.body.items[0].product.id).toBe(productId);
  expect(proposals.body.items[0].reasons.map((r: { code: string }) => r.code)).toEqual(
    expect.arrayContaining(['field', 'stage', 'amount']),
  );

  // The bank finds the request among those its products fit, without the confidential details.
  const matching = await call('GET', '/api/financing/requests/matching', c.bank);
  const row = matching.body.items.find((r: { id: string }) => r.id === requestId);
  expect(row.fit.product.name).toBe('镁合金中试贷');
  expect(JSON.stringify(matching.body)).not.toContain(CONFIDENTIAL_MARK);

  const expressed = await call('POST', `/api/financing/requests/${requestId}/interests`, c.bank, {
    message: '我行科技支行可提供中试贷款',
    privateNote: '内部：授信额度待审批',
    productId,
  });
  expect(expressed.status).toBe(201);
  const interestId = expressed.body.interest.id;
  await app.settled();
  expect(await noticesOf(c.owner.user._id, 'financing_interest')).toBe(1);

  // The requester accepts: request matched, details disclosed, a room opened for both.
  const accepted = await call('POST', `/api/financing/interests/${interestId}/decision`, c.owner, {
    decision: 'accept',
  });
  expect(accepted.body.interest.status).toBe('accepted');
  const roomId = accepted.body.interest.negotiationId;
  expect(roomId).toBeTruthy();
  await app.settled();
  expect(await noticesOf(c.bank.user._id, 'financing_accepted')).toBe(1);
  const disclosed = await call('GET', `/api/financing/requests/${requestId}`, c.bank);
  expect(disclosed.body.request.view).toBe('disclosed');
  expect(disclosed.body.request.confidential.useOfFunds).toContain(CONFIDENTIAL_MARK);
  const room = await call('GET', `/api/negotiations/${roomId}`, c.bank);
  expect(room.status).toBe(200);
  expect(room.body.negotiation.subject).toMatchObject({ kind: 'financing' });
  // Accepting again is harmless: the same room.
  const again = await call('POST', `/api/financing/interests/${interestId}/decision`, c.owner, { decision: 'accept' });
  expect(again.body.interest.negotiationId).toBe(roomId);
  // A financing room is for questions: no offers in it.
  const offer = await call('POST', `/api/negotiations/${roomId}/offers`, c.bank, {
    clientMessageId: clientId(),
    terms: offerTerms(),
  });
  expect(offer.status).toBe(403);
  const message = await call('POST', `/api/negotiations/${roomId}/messages`, c.bank, {
    clientMessageId: clientId(),
    text: '请提供近两年财务报表',
  });
  expect(message.status).toBeLessThan(300);

  // The bank records a term sheet, then the signed agreement.
  const sheet = await call('POST', `/api/financing/interests/${interestId}/outcome`, c.bank, {
    kind: 'term_sheet',
    amountFen: wan(450),
    instrument: 'loan',
  });
  expect(sheet.body.interest.status).toBe('term_sheet');
  const signed = await call('POST', `/api/financing/interests/${interestId}/outcome`, c.bank, {
    kind: 'signed',
    amountFen: wan(450),
    instrument: 'loan',
    termMonths: 24,
  });
  expect(signed.body.interest.outcome).toMatchObject({ kind: 'signed', amountFen: wan(450), instrument: 'loan' });
  await app.settled();
  expect(await noticesOf(c.owner.user._id, 'financing_signed')).toBe(1);

  // The pipeline and the figures count it.
  const pipeline = (await call('GET', '/api/financing/pipeline', c.hubOperator)).body.pipeline;
  expect(pipeline.requests.find((r: { status: string }) => r.status === 'matched').count).toBeGreaterThanOrEqual(1);
  expect(pipeline.signed.amountFen).toBeGreaterThanOrEqual(wan(450));
  const figures = (await call('GET', '/api/financing/figures', c.official)).body.figures;
  expect(figures).toMatchObject({ region: '210500', matchedRequests: 1, matchedOrgs: 1 });
  expect(figures.signed).toEqual({ count: 1, orgs: 1, amountFen: wan(450) });
  expect(figures.byInstrument).toEqual([{ key: 'loan', count: 1, amountFen: wan(450) }]);
  expect(figures.byField).toEqual([{ key: 'MAT', count: 1, amountFen: wan(450) }]);
  // Another city's official sees none of it.
  expect((await call('GET', '/api/financing/figures', c.otherOfficial)).body.figures.signed.count).toBe(0);

  // The requester closes the request; the bank still finds it on its list, with the outcome.
  const closed = await call('POST', `/api/financing/requests/${requestId}/status`, c.owner, {
    action: 'close',
    reason: '已获得融资',
  });
  expect(closed.body.request.status).toBe('closed');
  const after = await call('GET', '/api/financing/requests/matching', c.bank);
  const mine = after.body.items.find((r: { id: string }) => r.id === requestId);
  expect(mine.myInterest.status).toBe('signed');
});

test('when the catalogue is filtered, then only matching products come back with their total', async () => {
  const venture = await app.createUser({ org: await app.createOrg({ type: 'venture', regionCode: '210200' }) });
  const tag = app.unique('');
  await publishProduct(app, venture, {
    name: `天使轮${tag}`,
    instrument: 'equity',
    rateMinBp: null,
    rateMaxBp: null,
    equityMinBp: 500,
    equityMaxBp: 2_000,
    fields: ['ICT'],
    stages: [],
    regions: ['210200'],
  });
  const ict = await call('GET', '/api/financing/products?instrument=equity&field=ICT&region=210200', null);
  expect(ict.body.items.map((p: { name: string }) => p.name)).toContain(`天使轮${tag}`);
  expect(ict.body.total).toBe(ict.body.items.length);
  for (const q of ['field=BIO', 'region=210100', 'instrument=loan', `amountFen=${wan(3_000)}`]) {
    const res = await call('GET', `/api/financing/products?pageSize=100&${q}`, null);
    expect([q, res.body.items.some((p: { name: string }) => p.name === `天使轮${tag}`)]).toEqual([q, false]);
  }
  const paged = await call('GET', '/api/financing/products?pageSize=1&page=1', null);
  expect(paged.body.items).toHaveLength(1);
  expect(paged.body.total).toBeGreaterThanOrEqual(2);
});

test('when a requester rejects an interest, then the institution is told and sees nothing more', async () => {
  await publishProduct(app, c.otherBank);
  const requestId = await openRequest(app, c.owner, { title: '拒绝意向的需求' });
  const interest = (
    await call('POST', `/api/financing/requests/${requestId}/interests`, c.otherBank, { message: '意向' })
  ).body.interest.id;
  const res = await call('POST', `/api/financing/interests/${interest}/decision`, c.owner, { decision: 'reject' });
  expect(res.body.interest.status).toBe('rejected');
  await app.settled();
  expect(await noticesOf(c.otherBank.user._id, 'financing_rejected')).toBe(1);
  const view = await call('GET', `/api/financing/requests/${requestId}`, c.otherBank);
  expect(view.body.request.confidential).toBeNull();
  // A rejected interest records no outcome.
  const outcome = await call('POST', `/api/financing/interests/${interest}/outcome`, c.otherBank, {
    kind: 'signed',
    amountFen: wan(100),
    instrument: 'loan',
  });
  expect(outcome.status).toBe(409);
});

test('when a request carries a confidential file, then only the institutions the requester accepted can download it', async () => {
  await publishProduct(app, c.bank);
  await publishProduct(app, c.otherBank);
  const file = await upload(app, c.owner, '商业计划书.pdf', files.pdf());
  expect(file.status).toBe(201);
  const fileId = file.body.attachment.id;
  const requestId = await openRequest(app, c.owner, { title: '带附件的融资需求', attachmentIds: [fileId] });
  const path = `/api/attachments/${fileId}`;
  const accepted = await expressInterest(app, c.bank, requestId);
  await expressInterest(app, c.otherBank, requestId);
  for (const who of [null, c.bank, c.otherBank, c.other]) expect((await call('GET', path, who)).status).toBe(404);
  await call('POST', `/api/financing/interests/${accepted}/decision`, c.owner, { decision: 'accept' });
  expect((await call('GET', path, c.bank)).status).toBe(200);
  expect(
    (await call('GET', `/api/financing/requests/${requestId}`, c.bank)).body.request.confidential.attachmentIds,
  ).toEqual([fileId]);
  expect((await call('GET', path, c.otherBank)).status).toBe(404);
  // Another organisation's file cannot be put on a request.
  const theirs = await upload(app, c.other, '别人的文件.pdf', files.pdf());
  const refused = await call('POST', '/api/financing/requests', c.owner, {
    ...financingRequest({ attachmentIds: [theirs.body.attachment.id] }),
  });
  expect([refused.status, refused.body.error.code]).toEqual([400, 'ATTACHMENT_NOT_USABLE']);
});
