/**
 * Authorization matrix for /api/financing requests and interests: anonymous 401, another organisation 404 (as
 * if the record did not exist), the owner 2xx, staff as specified (operators: request metadata), and
 * institutions see a request's confidential part only after the requester accepted them. Checks the stored
 * state, not only statuses. The last test fails when a request or interest route is added without a row here
 * (products, pipeline, figures: financing-products.matrix.test.ts).
 */
import { startTestApp, type TestApp } from '../../test-support/harness';
import {
  CONFIDENTIAL_MARK,
  expressInterest,
  financingCast,
  financingRequest,
  openRequest,
  publishProduct,
} from '../../test-support/financing-fixtures';

let app: TestApp;
let c: Awaited<ReturnType<typeof financingCast>>;
const covered = new Set<string>();
const cover = (method: string, path: string) => covered.add(`${method} ${path}`);
type Who = { token: string } | null;

beforeAll(async () => {
  app = await startTestApp();
  c = await financingCast(app);
});
afterAll(() => app.stop());

const repo = () => app.running.ctx.services.financing.repo;
const call = (method: string, path: string, who: Who, body?: unknown) =>
  app.http(method, path, { token: who?.token, body });
const status = async (method: string, path: string, who: Who, body?: unknown) =>
  (await call(method, path, who, body)).status;

describe('requests and interests', () => {
  let productId: string;
  let requestId: string;
  beforeAll(async () => {
    productId = await publishProduct(app, c.bank, { name: `匹配产品${app.unique('')}` });
    requestId = await openRequest(app, c.owner);
  });

  test('POST /api/financing/requests: an enterprise or supplier writes one as a draft; institutions and staff cannot', async () => {
    cover('POST', '/api/financing/requests');
    const body = financingRequest({ title: `矩阵需求${app.unique('')}` });
    expect(await status('POST', '/api/financing/requests', null, body)).toBe(401);
    expect((await call('POST', '/api/financing/requests', c.bank, body)).body.error.code).toBe(
      'FINANCING_REQUESTER_ONLY',
    );
    expect(await status('POST', '/api/financing/requests', c.loner, body)).toBe(403);
    expect(await status('POST', '/api/financing/requests', c.official, body)).toBe(403);
    expect(await repo().Request.countDocuments({ title: body.title })).toBe(0);
    const res = await call('POST', '/api/financing/requests', c.member, body);
    expect(res.status).toBe(201);
    expect(await repo().Request.findById(res.body.request.id).lean()).toMatchObject({
      status: 'draft',
      regionCode: '210500',
      submarketCode: 'SM-210500',
    });
  });

  test('GET /api/financing/requests/mine: each requester lists its own', async () => {
    cover('GET', '/api/financing/requests/mine');
    expect(await status('GET', '/api/financing/requests/mine', null)).toBe(401);
    expect(await status('GET', '/api/financing/requests/mine', c.bank)).toBe(403);
    const mine = await call('GET', '/api/financing/requests/mine?pageSize=100', c.owner);
    expect(mine.body.items.map((r: { id: string }) => r.id)).toContain(requestId);
    expect(JSON.stringify(mine.body)).toContain(CONFIDENTIAL_MARK);
    const theirs = await call('GET', '/api/financing/requests/mine?pageSize=100', c.other);
    expect(theirs.body.items.map((r: { id: string }) => r.id)).not.toContain(requestId);
  });

  test('GET /api/financing/requests/matching: a fitting institution sees the request without its confidential part', async () => {
    cover('GET', '/api/financing/requests/matching');
    expect(await status('GET', '/api/financing/requests/matching', null)).toBe(401);
    expect(await status('GET', '/api/financing/requests/matching', c.owner)).toBe(403);
    const res = await call('GET', '/api/financing/requests/matching?pageSize=100', c.bank);
    const row = res.body.items.find((r: { id: string }) => r.id === requestId);
    expect(row.fit.product.id).toBe(productId);
    expect(row.confidential).toBeNull();
    expect(JSON.stringify(res.body)).not.toContain(CONFIDENTIAL_MARK);
    const guarantor = await call('GET', '/api/financing/requests/matching', c.guarantor);
    expect(guarantor.body.items.map((r: { id: string }) => r.id)).not.toContain(requestId);
  });

  test('GET /api/financing/requests/:id: owner all, a fitting institution the summary, operators metadata, others 404', async () => {
    cover('GET', '/api/financing/requests/:id');
    const path = `/api/financing/requests/${requestId}`;
    expect(await status('GET', path, null)).toBe(401);
    for (const who of [c.other, c.guarantor, c.official, c.otherOfficial, c.cityOperator, c.loner])
      expect(await status('GET', path, who)).toBe(404);
    expect((await call('GET', path, c.owner)).body.request.confidential.collateral).toContain(CONFIDENTIAL_MARK);
    for (const who of [c.bank, c.hubOperator, c.admin]) {
      const res = await call('GET', path, who);
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain(CONFIDENTIAL_MARK);
    }
    const draft = (await call('POST', '/api/financing/requests', c.owner, financingRequest())).body.request.id;
    expect(await status('GET', `/api/financing/requests/${draft}`, c.bank)).toBe(404);
    expect(await status('GET', `/api/financing/requests/${draft}`, c.hubOperator)).toBe(404);
  });

  test('PUT /api/financing/requests/:id: only the requester edits', async () => {
    cover('PUT', '/api/financing/requests/:id');
    const id = (await call('POST', '/api/financing/requests', c.owner, financingRequest())).body.request.id;
    const body = financingRequest({ title: '改写后的融资需求' });
    expect(await status('PUT', `/api/financing/requests/${id}`, null, body)).toBe(401);
    expect(await status('PUT', `/api/financing/requests/${id}`, c.other, body)).toBe(404);
    expect(await status('PUT', `/api/financing/requests/${id}`, c.bank, body)).toBe(403);
    expect(await status('PUT', `/api/financing/requests/${id}`, c.admin, body)).toBe(403);
    expect((await repo().Request.findById(id).lean())!.title).toBe('高强镁合金中试线建设融资');
    expect(await status('PUT', `/api/financing/requests/${id}`, c.owner, body)).toBe(200);
    expect((await repo().Request.findById(id).lean())!.title).toBe('改写后的融资需求');
  });

  test('POST /api/financing/requests/:id/status: only the requester opens or closes', async () => {
    cover('POST', '/api/financing/requests/:id/status');
    const id = (await call('POST', '/api/financing/requests', c.owner, financingRequest())).body.request.id;
    const body = { action: 'open' };
    expect(await status('POST', `/api/financing/requests/${id}/status`, null, body)).toBe(401);
    expect(await status('POST', `/api/financing/requests/${id}/status`, c.other, body)).toBe(404);
    expect(await status('POST', `/api/financing/requests/${id}/status`, c.bank, body)).toBe(403);
    expect((await repo().Request.findById(id).lean())!.status).toBe('draft');
    expect(await status('POST', `/api/financing/requests/${id}/status`, c.owner, body)).toBe(200);
    expect((await repo().Request.findById(id).lean())!.status).toBe('open');
  });

  test('GET /api/financing/requests/:id/proposals: the requester and staff read the proposed products with reasons', async () => {
    cover('GET', '/api/financing/requests/:id/proposals');
    const path = `/api/financing/requests/${requestId}/proposals`;
    expect(await status('GET', path, null)).toBe(401);
    expect(await status('GET', path, c.other)).toBe(404);
    expect(await status('GET', path, c.bank)).toBe(403);
    const res = await call('GET', path, c.owner);
    const mine = res.body.items.find((m: { product: { id: string } }) => m.product.id === productId);
    expect(mine.reasons.map((r: { code: string }) => r.code)).toEqual(
      expect.arrayContaining(['field', 'stage', 'amount', 'region_any']),
    );
    expect(await status('GET', path, c.hubOperator)).toBe(200);
  });

  test('POST /api/financing/requests/:id/interests: only a fitting institution, once', async () => {
    cover('POST', '/api/financing/requests/:id/interests');
    const path = `/api/financing/requests/${requestId}/interests`;
    const body = { message: '可提供贷款', productId };
    expect(await status('POST', path, null, body)).toBe(401);
    expect(await status('POST', path, c.owner, body)).toBe(403);
    expect(await status('POST', path, c.other, body)).toBe(403);
    expect(await status('POST', path, c.guarantor, { message: '担保' })).toBe(404);
    expect(await status('POST', path, c.otherBank, body)).toBe(404);
    expect(await repo().Interest.countDocuments({ requestId })).toBe(0);
    expect(await status('POST', path, c.bank, body)).toBe(201);
    expect(await status('POST', path, c.bankMember, body)).toBe(200);
    expect(await repo().Interest.countDocuments({ requestId })).toBe(1);
  });

  test('GET /api/financing/requests/:id/interests: the requester reads all without private notes, an institution its own', async () => {
    cover('GET', '/api/financing/requests/:id/interests');
    const id = await openRequest(app, c.owner);
    await publishProduct(app, c.otherBank);
    await expressInterest(app, c.bank, id);
    await expressInterest(app, c.otherBank, id);
    const path = `/api/financing/requests/${id}/interests`;
    expect(await status('GET', path, null)).toBe(401);
    expect(await status('GET', path, c.other)).toBe(404);
    expect(await status('GET', path, c.hubOperator)).toBe(403);
    const owner = await call('GET', path, c.owner);
    expect(owner.body.items).toHaveLength(2);
    expect(JSON.stringify(owner.body)).not.toContain('内部：');
    const bank = await call('GET', path, c.bank);
    expect(bank.body.items).toHaveLength(1);
    expect(bank.body.items[0].institution.id).toBe(String(c.bankOrg._id));
    expect(bank.body.items[0].privateNote).toContain('内部：');
  });

  test('POST /api/financing/interests/:id/decision: only the requester decides; accepting discloses to that institution only', async () => {
    cover('POST', '/api/financing/interests/:id/decision');
    const id = await openRequest(app, c.owner);
    const interest = await expressInterest(app, c.bank, id);
    await expressInterest(app, c.otherBank, id);
    const path = `/api/financing/interests/${interest}/decision`;
    const body = { decision: 'accept' };
    expect(await status('POST', path, null, body)).toBe(401);
    for (const who of [c.bank, c.otherBank, c.other, c.hubOperator, c.admin])
      expect(await status('POST', path, who, body)).toBe(404);
    expect((await repo().Interest.findById(interest).lean())!.status).toBe('expressed');
    expect(JSON.stringify((await call('GET', `/api/financing/requests/${id}`, c.bank)).body)).not.toContain(
      CONFIDENTIAL_MARK,
    );
    const res = await call('POST', path, c.owner, body);
    expect(res.status).toBe(200);
    const stored = await repo().Interest.findById(interest).lean();
    expect(stored!.status).toBe('accepted');
    expect(stored!.negotiationId).not.toBeNull();
    expect((await repo().Request.findById(id).lean())!.status).toBe('matched');
    expect((await call('GET', `/api/financing/requests/${id}`, c.bank)).body.request.confidential.collateral).toContain(
      CONFIDENTIAL_MARK,
    );
    expect(JSON.stringify((await call('GET', `/api/financing/requests/${id}`, c.otherBank)).body)).not.toContain(
      CONFIDENTIAL_MARK,
    );
  });

  test('POST /api/financing/interests/:id/outcome: only the institution records it', async () => {
    cover('POST', '/api/financing/interests/:id/outcome');
    const id = await openRequest(app, c.owner);
    const interest = await expressInterest(app, c.bank, id);
    await call('POST', `/api/financing/interests/${interest}/decision`, c.owner, { decision: 'accept' });
    const path = `/api/financing/interests/${interest}/outcome`;
    const body = { kind: 'signed', amountFen: 4_000_000_00, instrument: 'loan', termMonths: 24 };
    expect(await status('POST', path, null, body)).toBe(401);
    expect(await status('POST', path, c.owner, body)).toBe(403);
    expect(await status('POST', path, c.otherBank, body)).toBe(404);
    expect(await status('POST', path, c.hubOperator, body)).toBe(403);
    expect((await repo().Interest.findById(interest).lean())!.outcome).toBeNull();
    expect(await status('POST', path, c.bank, body)).toBe(200);
    expect((await repo().Interest.findById(interest).lean())!.outcome).toMatchObject({
      kind: 'signed',
      amountFen: 4_000_000_00,
    });
  });
});

test('every financing request and interest route has a row in this matrix', () => {
  const declared = app.running.ctx.registry
    .list()
    .filter((op) => /^\/api\/financing\/(requests|interests)/.test(op.path))
    .map((op) => `${op.method.toUpperCase()} ${op.path}`);
  expect(declared.length).toBeGreaterThanOrEqual(11);
  expect(declared.filter((r) => !covered.has(r))).toEqual([]);
});
