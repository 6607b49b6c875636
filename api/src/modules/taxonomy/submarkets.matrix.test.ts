/**
 * Sub-market administration: admins list every sub-market with its operators and contact, and change its
 * names and contact; everybody else is refused and nothing changes. The public list shows the contact.
 */
import { startTestApp, type TestApp } from '../../test-support/harness';

let app: TestApp;
let cast: Awaited<ReturnType<TestApp['cast']>>;
beforeAll(async () => {
  app = await startTestApp();
  cast = await app.cast();
});
afterAll(() => app.stop());

const stored = async (code: string) => (await app.models.Submarket.findById(code).lean())!;

test('when anyone but an admin lists sub-markets for administration, then 401/403', async () => {
  expect((await app.http('GET', '/api/admin/submarkets')).status).toBe(401);
  for (const who of [cast.owner, cast.other, cast.official, cast.hubOperator, cast.cityOperator])
    expect((await app.http('GET', '/api/admin/submarkets', { token: who.token })).status).toBe(403);
});

test('when an admin lists sub-markets, then each has its operators and contact', async () => {
  const res = await app.http('GET', '/api/admin/submarkets', { token: cast.admin.token });
  expect(res.status).toBe(200);
  const dalian = res.body.items.find((s: { code: string }) => s.code === 'SM-210200');
  expect(dalian).toMatchObject({ zh: expect.any(String), active: true, contact: null });
  expect(dalian.operators).toEqual([
    { id: String(cast.cityOperator.user._id), name: cast.cityOperator.user.name, email: cast.cityOperator.email },
  ]);
  const hub = res.body.items.find((s: { code: string }) => s.code === 'HUB');
  expect(hub.operators.map((o: { id: string }) => o.id)).toEqual([String(cast.hubOperator.user._id)]);
});

test('when an admin sets a sub-market’s contact, then it is stored, audited and public; others are refused', async () => {
  const path = '/api/admin/submarkets/SM-210200';
  const body = {
    contact: { name: '大连分市场办公室', phone: '0411-88888888', email: 'dl@nekj.cn', address: '大连市高新区' },
  };
  expect((await app.http('PATCH', path, { body })).status).toBe(401);
  for (const who of [cast.owner, cast.other, cast.official, cast.cityOperator]) {
    const res = await app.http('PATCH', path, { token: who.token, body });
    expect([res.status, res.body.error.code]).toEqual([403, 'FORBIDDEN']);
  }
  expect((await stored('SM-210200')).contact ?? null).toBeNull();
  const res = await app.http('PATCH', path, { token: cast.admin.token, body });
  expect(res.status).toBe(200);
  expect((await stored('SM-210200')).contact).toMatchObject(body.contact);
  expect(await app.models.Audit.countDocuments({ entity: 'submarket', entityId: 'SM-210200', action: 'update' })).toBe(
    1,
  );
  const pub = await app.http('GET', '/api/submarkets');
  expect(pub.body.items.find((s: { code: string }) => s.code === 'SM-210200').contact).toMatchObject(body.contact);
});

test('when the sub-market is unknown or the body is bad, then 4xx and nothing changes', async () => {
  const before = await stored('SM-210100');
  const cases: Array<[string, unknown, number]> = [
    ['/api/admin/submarkets/SM-999999', { zh: '不存在分市场' }, 404],
    ['/api/admin/submarkets/%24ne', { zh: '注入' }, 400],
    ['/api/admin/submarkets/SM-210100', {}, 400],
    ['/api/admin/submarkets/SM-210100', { zh: { $set: 'x' } }, 400],
    ['/api/admin/submarkets/SM-210100', { zh: '沈'.repeat(41) }, 400],
    ['/api/admin/submarkets/SM-210100', { kind: 'hub' }, 400],
    ['/api/admin/submarkets/SM-210100', { contact: { phone: 'call me' } }, 400],
  ];
  for (const [path, body, status] of cases) {
    const res = await app.http('PATCH', path, { token: cast.admin.token, body });
    expect(res.status).toBe(status);
    expect(res.body.error.message.en).toBeTruthy();
  }
  const after = await stored('SM-210100');
  expect({ zh: after.zh, en: after.en, contact: after.contact ?? null }).toEqual({
    zh: before.zh,
    en: before.en,
    contact: before.contact ?? null,
  });
});
