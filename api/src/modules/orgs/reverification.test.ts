/**
 * What identifies an organisation is what an operator verified (issue 17, finding 4): a verified
 * organisation renamed itself 东北大学 (or changed region) with PATCH and stayed verified, so the public list
 * showed two verified 东北大学; a pending one moved itself into the sub-market of the operator it preferred.
 */
import { startTestApp, type TestApp } from '../../test-support/harness';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());

const stored = async (id: unknown) => (await app.models.Org.findById(id).lean())!;
const publicNames = async (q: string) =>
  (await app.http('GET', `/api/orgs?pageSize=100&q=${encodeURIComponent(q)}`)).body.items.map(
    (o: { name: string }) => o.name,
  );

test('when a verified organisation renames itself 东北大学, then the public still sees its verified name and one verified 东北大学', async () => {
  const neu = await app.createOrg({ name: '东北大学', type: 'university' });
  const impostor = await app.createOrg({ name: '沈阳某某科技有限公司' });
  const admin = await app.createUser({ org: impostor });
  const res = await app.http('PATCH', `/api/orgs/${impostor._id}`, {
    token: admin.token,
    body: { name: '东北大学', description: '我们是东北大学' },
  });
  expect(res.status).toBe(200);
  // The verified name stays (and is shown as such); the new one waits for an operator.
  expect(res.body.org).toMatchObject({
    name: '沈阳某某科技有限公司',
    verificationStatus: 'verified',
    description: '我们是东北大学',
    pendingChange: { name: '东北大学' },
  });
  const org = await stored(impostor._id);
  expect(org.name).toBe('沈阳某某科技有限公司');
  expect(org.pendingChange).toMatchObject({ name: '东北大学' });
  expect(await publicNames('东北大学')).toEqual(['东北大学']);
  expect((await app.http('GET', `/api/orgs/${impostor._id}`)).body.org.name).toBe('沈阳某某科技有限公司');
  expect(String(neu._id)).not.toBe(String(impostor._id));
});

test('when a verified organisation asks to change region, then it stays in its sub-market until its operator approves, which moves it', async () => {
  const org = await app.createOrg({ regionCode: '210100' });
  const admin = await app.createUser({ org });
  await app.http('PATCH', `/api/orgs/${org._id}`, { token: admin.token, body: { regionCode: '210200' } });
  expect(await stored(org._id)).toMatchObject({
    regionCode: '210100',
    submarketCode: 'SM-210100',
    pendingChange: { regionCode: '210200' },
  });
  // The request sits in the queue of the operator of its current sub-market, not the one it asks for.
  const shenyang = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['SM-210100'] });
  const dalian = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['SM-210200'] });
  const ids = async (who: { token: string }) =>
    (await app.http('GET', '/api/orgs?status=pending&pageSize=100', { token: who.token })).body.items.map(
      (o: { id: string }) => o.id,
    );
  expect(await ids(shenyang)).toContain(String(org._id));
  expect(await ids(dalian)).not.toContain(String(org._id));
  expect(
    (await app.http('POST', `/api/orgs/${org._id}/verify`, { token: dalian.token, body: { decision: 'approve' } }))
      .status,
  ).toBe(404);
  const approved = await app.http('POST', `/api/orgs/${org._id}/verify`, {
    token: shenyang.token,
    body: { decision: 'approve' },
  });
  expect(approved.status).toBe(200);
  expect(await stored(org._id)).toMatchObject({
    regionCode: '210200',
    submarketCode: 'SM-210200',
    pendingChange: null,
    verification: { status: 'verified' },
  });
  const audit = await app.models.Audit.find({ entity: 'org', entityId: String(org._id) }).lean();
  expect(audit.map((a) => a.action)).toEqual(['request_change', 'approve_change']);
});

test('when the operator rejects the change, then the verified profile stays, with the reason in the history', async () => {
  const org = await app.createOrg({ name: '大连某某新材料有限公司', regionCode: '210200' });
  const admin = await app.createUser({ org });
  const code = app.creditCode('210200');
  await app.http('PATCH', `/api/orgs/${org._id}`, {
    token: admin.token,
    body: { name: '大连理工大学', type: 'university', creditCode: code },
  });
  const operator = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['SM-210200'] });
  const res = await app.http('POST', `/api/orgs/${org._id}/verify`, {
    token: operator.token,
    body: { decision: 'reject', reason: '名称与营业执照不符' },
  });
  expect(res.status).toBe(200);
  expect(await stored(org._id)).toMatchObject({
    name: '大连某某新材料有限公司',
    type: 'enterprise',
    creditCode: org.creditCode,
    pendingChange: null,
    verification: { status: 'verified' },
  });
  expect(res.body.org.history.at(-1)).toMatchObject({ action: 'reject_change', reason: '名称与营业执照不符' });
});

test('when the organisation asks for its verified values again, then the request is withdrawn', async () => {
  const org = await app.createOrg({ name: '锦州某某装备有限公司', regionCode: '210700' });
  const admin = await app.createUser({ org });
  await app.http('PATCH', `/api/orgs/${org._id}`, { token: admin.token, body: { name: '锦州新名称装备有限公司' } });
  await app.http('PATCH', `/api/orgs/${org._id}`, { token: admin.token, body: { name: '锦州某某装备有限公司' } });
  expect((await stored(org._id)).pendingChange).toBeNull();
});

test('when a pending organisation changes its region, then it stays in the queue it was in; only an operator moves it', async () => {
  const org = await app.createOrg({ regionCode: '210300', status: 'pending' });
  const admin = await app.createUser({ org });
  const res = await app.http('PATCH', `/api/orgs/${org._id}`, {
    token: admin.token,
    body: { regionCode: '210100', name: '鞍山改名后的公司' },
  });
  expect(res.status).toBe(200);
  expect(await stored(org._id)).toMatchObject({
    regionCode: '210100',
    name: '鞍山改名后的公司',
    submarketCode: 'SM-210300',
  });
  const anshan = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['SM-210300'] });
  const approved = await app.http('POST', `/api/orgs/${org._id}/verify`, {
    token: anshan.token,
    body: { decision: 'approve', submarketCode: 'SM-210100' },
  });
  expect(approved.status).toBe(200);
  expect(await stored(org._id)).toMatchObject({ submarketCode: 'SM-210100', verification: { status: 'verified' } });
});

test('when the new credit code belongs to another organisation, then 409 CREDIT_CODE_TAKEN and nothing is asked', async () => {
  const other = await app.createOrg();
  const org = await app.createOrg();
  const admin = await app.createUser({ org });
  const res = await app.http('PATCH', `/api/orgs/${org._id}`, {
    token: admin.token,
    body: { creditCode: other.creditCode },
  });
  expect(res.status).toBe(409);
  expect(res.body.error.code).toBe('CREDIT_CODE_TAKEN');
  expect((await stored(org._id)).pendingChange).toBeNull();
});
