import { withCheckChar } from '../../shared/credit-code';
import { files, upload } from '../../test-support/catalog-fixtures';
import { startTestApp, type TestApp } from '../../test-support/harness';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());

/** The founder puts the organisation's licence on file, as an operator approves only with one. */
async function putLicence(founder: { token: string }, id: string) {
  const file = (await upload(app, founder as never, '营业执照.png', files.png())).body.attachment.id as string;
  const res = await app.http('PUT', `/api/orgs/${id}/licence`, { token: founder.token, body: { attachmentId: file } });
  expect(res.status).toBe(200);
}

const orgBody = (over: Record<string, unknown> = {}) => ({
  name: '辽宁示例智能科技有限公司',
  type: 'enterprise',
  creditCode: app.creditCode('210200'),
  regionCode: '210200',
  tags: ['tech_sme'],
  ...over,
});

describe('verification flow', () => {
  test('when an organisation is created, approved, then it is public, routed to its city sub-market, and audited', async () => {
    const founder = await app.createUser();
    const created = await app.http('POST', '/api/orgs', { token: founder.token, body: orgBody() });
    expect(created.status).toBe(201);
    expect(created.body.org.submarketCode).toBe('SM-210200');
    const id = created.body.org.id;
    expect((await app.http('GET', `/api/orgs/${id}`)).status).toBe(404);
    await putLicence(founder, id);

    const dalianOperator = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['SM-210200'] });
    const queue = await app.http('GET', '/api/orgs?status=pending', { token: dalianOperator.token });
    expect(queue.body.items.map((o: { id: string }) => o.id)).toContain(id);

    const approved = await app.http('POST', `/api/orgs/${id}/verify`, {
      token: dalianOperator.token,
      body: { decision: 'approve' },
    });
    expect(approved.status).toBe(200);
    expect(approved.body.org.verification.status).toBe('verified');
    expect(approved.body.org.history.map((h: { action: string }) => h.action)).toEqual([
      'create',
      'upload_licence',
      'approve',
    ]);
    expect((await app.http('GET', `/api/orgs/${id}`)).body.org.verificationStatus).toBe('verified');
    const audit = await app.models.Audit.find({ entity: 'org', entityId: id }).lean();
    expect(audit.map((a) => [a.action, a.from, a.to])).toEqual([
      ['create', undefined, 'pending'],
      ['upload_licence', undefined, '营业执照.png'],
      ['approve', 'pending', 'verified'],
    ]);
  });

  test('when rejected without a reason, then 400; with a reason, then rejected, and an edit resubmits it', async () => {
    const founder = await app.createUser();
    const id = (await app.http('POST', '/api/orgs', { token: founder.token, body: orgBody() })).body.org.id;
    const operator = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['HUB'] });
    const noReason = await app.http('POST', `/api/orgs/${id}/verify`, {
      token: operator.token,
      body: { decision: 'reject' },
    });
    expect(noReason.status).toBe(400);
    const rejected = await app.http('POST', `/api/orgs/${id}/verify`, {
      token: operator.token,
      body: { decision: 'reject', reason: '营业执照扫描件不清晰' },
    });
    expect(rejected.body.org.verification).toMatchObject({ status: 'rejected', reason: '营业执照扫描件不清晰' });
    // Rejected cannot be approved directly: the state table has no such transition.
    const direct = await app.http('POST', `/api/orgs/${id}/verify`, {
      token: operator.token,
      body: { decision: 'approve' },
    });
    expect(direct.status).toBe(409);
    expect(direct.body.error.code).toBe('INVALID_STATE');
    const edited = await app.http('PATCH', `/api/orgs/${id}`, {
      token: founder.token,
      body: { description: '已补充材料' },
    });
    expect(edited.body.org.verification.status).toBe('pending');
    expect((await app.models.Org.findById(id).lean())!.verification!.status).toBe('pending');
  });

  test('when two operators decide at once, then exactly one decision lands', async () => {
    const founder = await app.createUser();
    const id = (await app.http('POST', '/api/orgs', { token: founder.token, body: orgBody() })).body.org.id;
    await putLicence(founder, id);
    const a = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['HUB'] });
    const b = await app.createUser({ roles: ['admin'] });
    const results = await Promise.all([
      app.http('POST', `/api/orgs/${id}/verify`, { token: a.token, body: { decision: 'approve' } }),
      app.http('POST', `/api/orgs/${id}/verify`, { token: b.token, body: { decision: 'approve' } }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await app.models.Audit.countDocuments({ entityId: id, action: 'approve' })).toBe(1);
  });
});

describe('credit codes and bad input', () => {
  test('when the check character is wrong, then 400 and no organisation', async () => {
    const founder = await app.createUser();
    const good = app.creditCode();
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const before = await app.models.Org.countDocuments();
    const res = await app.http('POST', '/api/orgs', { token: founder.token, body: orgBody({ creditCode: bad }) });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('creditCode');
    expect(await app.models.Org.countDocuments()).toBe(before);
    expect((await app.models.User.findById(founder.user._id).lean())!.orgId).toBeNull();
  });

  test('when a credit code is already registered, then 409 CREDIT_CODE_TAKEN', async () => {
    const existing = await app.createOrg();
    const founder = await app.createUser();
    const res = await app.http('POST', '/api/orgs', {
      token: founder.token,
      body: orgBody({ creditCode: existing.creditCode }),
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CREDIT_CODE_TAKEN');
  });

  test('when a lower-case code with spaces is sent, then it is normalised before the check', async () => {
    const founder = await app.createUser();
    const code = withCheckChar('91210100MA0Y12345');
    const res = await app.http('POST', '/api/orgs', {
      token: founder.token,
      body: orgBody({ creditCode: ` ${code.toLowerCase()} ` }),
    });
    expect(res.status).toBe(201);
    expect(res.body.org.creditCode).toBe(code);
  });

  const badBodies: Array<[string, Record<string, unknown>]> = [
    ['operator object', { name: { $ne: null } }],
    ['unknown type', { type: 'spaceship' }],
    ['unknown region', { regionCode: '999999' }],
    ['unknown field', { verification: { status: 'verified' } }],
    ['oversized description', { description: '字'.repeat(2001) }],
    ['wrong type for tags', { tags: 'hitech' }],
  ];
  test.each(badBodies)('when creating with %s, then 400 and nothing stored', async (_label, over) => {
    const founder = await app.createUser();
    const before = await app.models.Org.countDocuments();
    const res = await app.http('POST', '/api/orgs', { token: founder.token, body: orgBody(over) });
    expect(res.status).toBe(400);
    expect(await app.models.Org.countDocuments()).toBe(before);
  });

  test('when an owner tries to verify itself through PATCH, then 400 and the status stays', async () => {
    const org = await app.createOrg({ status: 'pending' });
    const owner = await app.createUser({ org });
    const res = await app.http('PATCH', `/api/orgs/${org._id}`, {
      token: owner.token,
      body: { 'verification.status': 'verified' },
    });
    expect(res.status).toBe(400);
    expect((await app.models.Org.findById(org._id).lean())!.verification!.status).toBe('pending');
  });

  test.each([['/api/orgs/not-an-id'], ['/api/orgs/123'], ['/api/orgs/%7B%22$ne%22:null%7D']])(
    'when the id is malformed (%s), then 400 INVALID_ID',
    async (path) => {
      const res = await app.http('GET', path);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('INVALID_ID');
    },
  );

  test('when query parameters are out of range or unknown, then 400', async () => {
    expect((await app.http('GET', '/api/orgs?pageSize=1000')).status).toBe(400);
    expect((await app.http('GET', '/api/orgs?page=0')).status).toBe(400);
    expect((await app.http('GET', '/api/orgs?type[$ne]=x')).status).toBe(400);
    expect((await app.http('GET', '/api/orgs?sort=name')).status).toBe(400);
  });
});

describe('listing', () => {
  test('when paging and filtering, then totals and pages agree', async () => {
    const region = '211300';
    for (let i = 0; i < 5; i++) await app.createOrg({ regionCode: region, type: i % 2 ? 'university' : 'enterprise' });
    const p1 = await app.http('GET', `/api/orgs?regionCode=${region}&pageSize=2&page=1`);
    const p3 = await app.http('GET', `/api/orgs?regionCode=${region}&pageSize=2&page=3`);
    expect(p1.body.total).toBe(5);
    expect(p1.body.items).toHaveLength(2);
    expect(p3.body.items).toHaveLength(1);
    const unis = await app.http('GET', `/api/orgs?regionCode=${region}&type=university`);
    expect(unis.body.total).toBe(2);
    const none = await app.http('GET', `/api/orgs?regionCode=${region}&q=${encodeURIComponent('不存在的名字.*')}`);
    expect(none.body).toMatchObject({ total: 0, items: [] });
  });
});
