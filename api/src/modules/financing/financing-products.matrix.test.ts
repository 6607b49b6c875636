/**
 * Authorization matrix for /api/financing products, the operators' pipeline and the officials' figures:
 * anonymous 401, another organisation 404 (as if the record did not exist), the owner 2xx, staff as
 * specified (operators: the pipeline of their sub-markets; officials: the figures of their region). Checks the
 * stored state, not only statuses. The last test fails when such a route is added without a row here
 * (requests and interests: financing-requests.matrix.test.ts).
 */
import { startTestApp, type TestApp } from '../../test-support/harness';
import {
  CONFIDENTIAL_MARK,
  financingCast,
  loanProduct,
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

describe('products', () => {
  test('GET /api/financing/me: anonymous 401, each caller learns its own part', async () => {
    cover('GET', '/api/financing/me');
    expect(await status('GET', '/api/financing/me', null)).toBe(401);
    expect((await call('GET', '/api/financing/me', c.bank)).body.me).toMatchObject({
      role: 'institution',
      instruments: ['loan'],
      verified: true,
    });
    expect((await call('GET', '/api/financing/me', c.guarantor)).body.me.instruments).toEqual(['guarantee']);
    expect((await call('GET', '/api/financing/me', c.owner)).body.me.role).toBe('requester');
    expect((await call('GET', '/api/financing/me', c.official)).body.me.role).toBe('staff');
    expect((await call('GET', '/api/financing/me', c.loner)).body.me.role).toBe('none');
  });

  test('POST /api/financing/products: only a verified finance institution writes one, as a draft', async () => {
    cover('POST', '/api/financing/products');
    const body = loanProduct({ name: `矩阵产品${app.unique('')}` });
    expect(await status('POST', '/api/financing/products', null, body)).toBe(401);
    for (const [who, code] of [
      [c.owner, 'FINANCE_INSTITUTION_ONLY'],
      [c.loner, 'NOT_ORG_MEMBER'],
      [c.official, 'NOT_ORG_MEMBER'],
      [c.hubOperator, 'NOT_ORG_MEMBER'],
    ] as const) {
      const res = await call('POST', '/api/financing/products', who, body);
      expect([res.status, res.body.error.code]).toEqual([403, code]);
    }
    const pendingBankOrg = await app.createOrg({ type: 'bank', status: 'pending' });
    const pendingBank = await app.createUser({ org: pendingBankOrg });
    expect((await call('POST', '/api/financing/products', pendingBank, body)).body.error.code).toBe('ORG_NOT_VERIFIED');
    expect(await repo().Product.countDocuments({ name: body.name })).toBe(0);
    const res = await call('POST', '/api/financing/products', c.bankMember, body);
    expect(res.status).toBe(201);
    const stored = await repo().Product.findById(res.body.product.id).lean();
    expect(stored).toMatchObject({ status: 'draft', orgType: 'bank', name: body.name });
    expect(String(stored!.orgId)).toBe(String(c.bankOrg._id));
  });

  test('GET /api/financing/products and /:id: the public sees published products, a draft only its institution and staff', async () => {
    cover('GET', '/api/financing/products');
    cover('GET', '/api/financing/products/:id');
    const published = await publishProduct(app, c.bank, { name: `公开产品${app.unique('')}` });
    const draft = (await call('POST', '/api/financing/products', c.bank, loanProduct())).body.product.id;
    const list = await call('GET', '/api/financing/products?pageSize=100', null);
    expect(list.status).toBe(200);
    const ids = list.body.items.map((p: { id: string }) => p.id);
    expect(ids).toContain(published);
    expect(ids).not.toContain(draft);
    expect(await status('GET', `/api/financing/products/${published}`, null)).toBe(200);
    for (const who of [null, c.otherBank, c.owner, c.official, c.cityOperator])
      expect(await status('GET', `/api/financing/products/${draft}`, who)).toBe(404);
    for (const who of [c.bank, c.bankMember, c.hubOperator, c.admin])
      expect(await status('GET', `/api/financing/products/${draft}`, who)).toBe(200);
  });

  test('GET /api/financing/products/mine: an institution lists its own, every status; others are refused', async () => {
    cover('GET', '/api/financing/products/mine');
    const draft = (await call('POST', '/api/financing/products', c.bank, loanProduct())).body.product.id;
    expect(await status('GET', '/api/financing/products/mine', null)).toBe(401);
    expect(await status('GET', '/api/financing/products/mine', c.owner)).toBe(403);
    const mine = await call('GET', '/api/financing/products/mine', c.bank);
    expect(mine.body.items.map((p: { id: string }) => p.id)).toContain(draft);
    const theirs = await call('GET', '/api/financing/products/mine', c.otherBank);
    expect(theirs.body.items.map((p: { id: string }) => p.id)).not.toContain(draft);
  });

  test('PUT /api/financing/products/:id: only its institution edits, and the stored product changes', async () => {
    cover('PUT', '/api/financing/products/:id');
    const id = (await call('POST', '/api/financing/products', c.bank, loanProduct())).body.product.id;
    const body = loanProduct({ name: '改名后的科技贷' });
    expect(await status('PUT', `/api/financing/products/${id}`, null, body)).toBe(401);
    expect(await status('PUT', `/api/financing/products/${id}`, c.otherBank, body)).toBe(404);
    expect(await status('PUT', `/api/financing/products/${id}`, c.owner, body)).toBe(403);
    expect(await status('PUT', `/api/financing/products/${id}`, c.admin, body)).toBe(403);
    expect((await repo().Product.findById(id).lean())!.name).toBe('科技成果转化贷');
    expect(await status('PUT', `/api/financing/products/${id}`, c.bank, body)).toBe(200);
    expect((await repo().Product.findById(id).lean())!.name).toBe('改名后的科技贷');
  });

  test('POST /api/financing/products/:id/status: only its institution publishes or withdraws', async () => {
    cover('POST', '/api/financing/products/:id/status');
    const id = (await call('POST', '/api/financing/products', c.bank, loanProduct())).body.product.id;
    const body = { action: 'publish' };
    expect(await status('POST', `/api/financing/products/${id}/status`, null, body)).toBe(401);
    expect(await status('POST', `/api/financing/products/${id}/status`, c.otherBank, body)).toBe(404);
    expect(await status('POST', `/api/financing/products/${id}/status`, c.hubOperator, body)).toBe(403);
    expect((await repo().Product.findById(id).lean())!.status).toBe('draft');
    expect(await status('POST', `/api/financing/products/${id}/status`, c.bank, body)).toBe(200);
    expect((await repo().Product.findById(id).lean())!.status).toBe('published');
    expect(await status('POST', `/api/financing/products/${id}/status`, c.bank, body)).toBe(409);
  });
});

describe('staff', () => {
  test('GET /api/financing/pipeline: operators of the sub-market and admins; members and officials are refused', async () => {
    cover('GET', '/api/financing/pipeline');
    const id = await openRequest(app, c.owner, { title: `管道需求${app.unique('')}` });
    expect(await status('GET', '/api/financing/pipeline', null)).toBe(401);
    for (const who of [c.owner, c.bank, c.official, c.loner])
      expect(await status('GET', '/api/financing/pipeline', who)).toBe(403);
    const hub = await call('GET', '/api/financing/pipeline', c.hubOperator);
    expect(hub.body.pipeline.recent.map((r: { id: string }) => r.id)).toContain(id);
    expect(JSON.stringify(hub.body)).not.toContain(CONFIDENTIAL_MARK);
    // The Dalian operator does not see a Benxi organisation's request.
    const city = await call('GET', '/api/financing/pipeline', c.cityOperator);
    expect(city.status).toBe(200);
    expect(city.body.pipeline.recent.map((r: { id: string }) => r.id)).not.toContain(id);
    expect(await status('GET', '/api/financing/pipeline', c.admin)).toBe(200);
  });

  test('GET /api/financing/figures and /export: officials for their region, admins for all; nobody else', async () => {
    cover('GET', '/api/financing/figures');
    cover('GET', '/api/financing/figures/export');
    for (const path of ['/api/financing/figures', '/api/financing/figures/export']) {
      expect(await status('GET', path, null)).toBe(401);
      for (const who of [c.owner, c.bank, c.hubOperator]) expect(await status('GET', path, who)).toBe(403);
      expect(await status('GET', `${path}?region=210200`, c.official)).toBe(403);
      expect(await status('GET', path, c.official)).toBe(200);
      expect(await status('GET', path, c.admin)).toBe(200);
    }
    const own = await call('GET', '/api/financing/figures', c.official);
    expect(own.body.figures.region).toBe('210500');
    const csv = await app.http('GET', '/api/financing/figures/export', { token: c.official.token });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(String(csv.body)).toContain('签订协议数');
  });
});

test('every financing product, pipeline and figures route has a row in this matrix', () => {
  const declared = app.running.ctx.registry
    .list()
    .filter((op) => /^\/api\/financing\/(me|products|pipeline|figures)/.test(op.path))
    .map((op) => `${op.method.toUpperCase()} ${op.path}`);
  expect(declared.length).toBeGreaterThanOrEqual(10);
  expect(declared.filter((r) => !covered.has(r))).toEqual([]);
});
