/** Bad input on /api/financing: each gets a clear 4xx with a stable code and a zh/en message, and changes nothing. */
import { publish } from '../../test-support/catalog-fixtures';
import {
  expressInterest,
  financingCast,
  financingRequest,
  loanProduct,
  openRequest,
  publishProduct,
  wan,
} from '../../test-support/financing-fixtures';
import { startTestApp, type TestApp } from '../../test-support/harness';

let app: TestApp;
let c: Awaited<ReturnType<typeof financingCast>>;
beforeAll(async () => {
  app = await startTestApp();
  c = await financingCast(app);
});
afterAll(() => app.stop());

const repo = () => app.running.ctx.services.financing.repo;
const call = (method: string, path: string, who: { token: string } | null, body?: unknown) =>
  app.http(method, path, { token: who?.token, body });
const expectError = (res: { status: number; body: any }, status: number, code: string) => {
  expect([res.status, res.body.error?.code]).toEqual([status, code]);
  expect(res.body.error.message.zh).toMatch(/[\u4e00-\u9fff]/);
  expect(res.body.error.message.en).toMatch(/[a-z]/);
};

const productCases: Array<[string, Record<string, unknown>]> = [
  ['an amount below 1万元', { amountMinFen: 999_999 }],
  ['an amount above 10亿元', { amountMaxFen: 100_000_000_001 }],
  ['a range running backwards', { amountMinFen: wan(2_000), amountMaxFen: wan(100) }],
  ['a term range running backwards', { termMonthsMin: 36, termMonthsMax: 6 }],
  ['a rate above 36%', { rateMaxBp: 3_601 }],
  ['a loan without a rate', { rateMinBp: null, rateMaxBp: null }],
  ['a loan with an equity share', { equityMinBp: 100, equityMaxBp: 200 }],
  ['an operator object as amount', { amountMinFen: { $gt: 0 } }],
  ['a fractional 分 amount', { amountMinFen: 1_000_000.5 }],
  ['an unknown instrument', { instrument: 'bitcoin' }],
  ['an unknown field code', { fields: ['XYZ'] }],
  ['a region outside Liaoning', { regions: ['110000'] }],
  ['an unknown property', { status: 'published' }],
  ['an oversized description', { description: '字'.repeat(2_001) }],
];

describe('products', () => {
  test.each(productCases)(
    'when a product has %s, then 400 VALIDATION_FAILED and nothing is stored',
    async (_l, over) => {
      const before = await repo().Product.countDocuments();
      expectError(await call('POST', '/api/financing/products', c.bank, loanProduct(over)), 400, 'VALIDATION_FAILED');
      expect(await repo().Product.countDocuments()).toBe(before);
    },
  );

  test('when a guarantee company publishes an equity product, then 422 INSTRUMENT_NOT_ALLOWED and nothing is stored', async () => {
    const before = await repo().Product.countDocuments();
    const equity = loanProduct({
      instrument: 'equity',
      rateMinBp: null,
      rateMaxBp: null,
      equityMinBp: 500,
      equityMaxBp: 3_000,
    });
    const res = await call('POST', '/api/financing/products', c.guarantor, equity);
    expectError(res, 422, 'INSTRUMENT_NOT_ALLOWED');
    expect(res.body.error.details.allowed).toEqual(['guarantee']);
    expect(await repo().Product.countDocuments()).toBe(before);
    // A bank offering a guarantee is refused the same way.
    expectError(
      await call('POST', '/api/financing/products', c.bank, loanProduct({ instrument: 'guarantee' })),
      422,
      'INSTRUMENT_NOT_ALLOWED',
    );
  });

  test('when a guarantee product is edited into an equity one, then 422 and the stored product is unchanged', async () => {
    const id = (await call('POST', '/api/financing/products', c.guarantor, loanProduct({ instrument: 'guarantee' })))
      .body.product.id;
    const equity = loanProduct({
      instrument: 'equity',
      rateMinBp: null,
      rateMaxBp: null,
      equityMinBp: 500,
      equityMaxBp: 900,
    });
    expectError(await call('PUT', `/api/financing/products/${id}`, c.guarantor, equity), 422, 'INSTRUMENT_NOT_ALLOWED');
    expect((await repo().Product.findById(id).lean())!.instrument).toBe('guarantee');
  });

  test('when ids and filters are malformed, then 400 with a stable code', async () => {
    expectError(await call('GET', '/api/financing/products/not-an-id', null), 400, 'INVALID_ID');
    expectError(
      await call('POST', '/api/financing/products/123/status', c.bank, { action: 'publish' }),
      400,
      'INVALID_ID',
    );
    for (const q of ['amountFen=abc', 'instrument=stock', 'pageSize=101', 'page=0', 'field[$ne]=x', 'sort=name']) {
      const res = await call('GET', `/api/financing/products?${q}`, null);
      expect([q, res.status, res.body.error?.code]).toEqual([q, 400, 'VALIDATION_FAILED']);
    }
  });
});

const requestCases: Array<[string, Record<string, unknown>]> = [
  ['an amount of zero', { amountFen: 0 }],
  ['an amount above 10亿元', { amountFen: 100_000_000_001 }],
  ['an amount as text', { amountFen: '500万' }],
  ['an unknown stage', { stage: 'idea' }],
  ['a tie with a malformed id', { tie: { kind: 'achievement', id: 'x' } }],
  ['an operator object as title', { title: { $ne: null } }],
  ['too many IP items', { ipOffered: Array.from({ length: 21 }, (_, i) => `ZL${i}`) }],
  ['an unknown property', { orgId: '0'.repeat(24) }],
];

describe('requests and interests', () => {
  test.each(requestCases)(
    'when a request has %s, then 400 VALIDATION_FAILED and nothing is stored',
    async (_l, over) => {
      const before = await repo().Request.countDocuments();
      expectError(
        await call('POST', '/api/financing/requests', c.owner, financingRequest(over)),
        400,
        'VALIDATION_FAILED',
      );
      expect(await repo().Request.countDocuments()).toBe(before);
    },
  );

  test("when a request is tied to another organisation's achievement, then 422 TIE_NOT_ALLOWED and nothing is stored", async () => {
    const theirs = await publish(app, 'achievements', c.other, c.hubOperator);
    const before = await repo().Request.countDocuments();
    const res = await call(
      'POST',
      '/api/financing/requests',
      c.owner,
      financingRequest({ tie: { kind: 'achievement', id: theirs } }),
    );
    expectError(res, 422, 'TIE_NOT_ALLOWED');
    expect(await repo().Request.countDocuments()).toBe(before);
    const mine = await publish(app, 'achievements', c.owner, c.hubOperator);
    const ok = await call(
      'POST',
      '/api/financing/requests',
      c.owner,
      financingRequest({ tie: { kind: 'achievement', id: mine } }),
    );
    expect(ok.status).toBe(201);
    expect(ok.body.request.tie).toMatchObject({ kind: 'achievement', id: mine });
  });

  test('when an institution names a product that does not fit the amount, then 422 PRODUCT_DOES_NOT_FIT and no interest is stored', async () => {
    const small = await publishProduct(app, c.bank, { amountMinFen: wan(10), amountMaxFen: wan(50), fields: [] });
    await publishProduct(app, c.bank);
    const requestId = await openRequest(app, c.owner);
    const res = await call('POST', `/api/financing/requests/${requestId}/interests`, c.bank, {
      message: '小额产品',
      productId: small,
    });
    expectError(res, 422, 'PRODUCT_DOES_NOT_FIT');
    expect(await repo().Interest.countDocuments({ requestId })).toBe(0);
  });

  test('when an outcome is incomplete or early, then 4xx and the interest is unchanged', async () => {
    await publishProduct(app, c.bank);
    const requestId = await openRequest(app, c.owner);
    const interest = await expressInterest(app, c.bank, requestId);
    const path = `/api/financing/interests/${interest}/outcome`;
    // Not accepted yet: no outcome.
    expectError(
      await call('POST', path, c.bank, { kind: 'signed', amountFen: wan(400), instrument: 'loan' }),
      409,
      'INVALID_STATE',
    );
    await call('POST', `/api/financing/interests/${interest}/decision`, c.owner, { decision: 'accept' });
    for (const body of [
      { kind: 'signed' },
      { kind: 'signed', amountFen: wan(400) },
      { kind: 'signed', amountFen: 0, instrument: 'loan' },
      { kind: 'signed', amountFen: 100_000_000_001, instrument: 'loan' },
      { kind: 'declined' },
      { kind: 'won', amountFen: wan(400), instrument: 'loan' },
    ])
      expectError(await call('POST', path, c.bank, body), 400, 'VALIDATION_FAILED');
    const stored = await repo().Interest.findById(interest).lean();
    expect([stored!.status, stored!.outcome]).toEqual(['accepted', null]);
  });

  test('when a closed request is opened or a draft is matched, then 409 and nothing changes', async () => {
    const id = (await call('POST', '/api/financing/requests', c.owner, financingRequest())).body.request.id;
    await call('POST', `/api/financing/requests/${id}/status`, c.owner, { action: 'close' });
    expectError(
      await call('POST', `/api/financing/requests/${id}/status`, c.owner, { action: 'open' }),
      409,
      'INVALID_STATE',
    );
    expect((await repo().Request.findById(id).lean())!.status).toBe('closed');
  });
});
