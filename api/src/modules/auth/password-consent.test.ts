/**
 * Sign-up records which versions of 用户协议 and 隐私政策 were accepted and when; the signed-in person changes
 * their password with the current one, which ends their other sessions. Authorization matrix of
 * POST /api/auth/password: anonymous 401, a wrong current password 403, the owner 200 — for their own account only.
 */
import { CURRENT_CONSENT, PRIVACY_VERSION, TERMS_VERSION } from '../../shared/legal';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../test-support/harness';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());

const login = (email: string, password: string) => app.http('POST', '/api/auth/login', { body: { email, password } });

test('when someone signs up, then the accepted versions of both texts are stored with the time', async () => {
  const email = `${app.unique('consent')}@test.nekj.cn`;
  const before = Date.now();
  const res = await app.http('POST', '/api/auth/register', {
    body: { email, password: 'GoodPass123', name: '同意协议', consent: CURRENT_CONSENT },
  });
  expect(res.status).toBe(201);
  const stored = await app.models.User.findOne({ email }).lean();
  expect(stored!.consents.map((c) => [c.doc, c.version])).toEqual([
    ['terms', TERMS_VERSION],
    ['privacy', PRIVACY_VERSION],
  ]);
  for (const c of stored!.consents) expect(c.at!.getTime()).toBeGreaterThanOrEqual(before - 1000);
});

test('when a person changes their password, then the old one stops working, other sessions end and this one stays', async () => {
  const me = await app.createUser();
  const other = await app.createUser();
  const elsewhere = (await login(me.email, TEST_PASSWORD)).body.token as string;
  const path = '/api/auth/password';
  const body = { currentPassword: TEST_PASSWORD, newPassword: 'NewPassw0rd-2026' };
  expect((await app.http('POST', path, { body })).status).toBe(401);
  const wrong = await app.http('POST', path, { token: me.token, body: { ...body, currentPassword: 'not-it-123' } });
  expect([wrong.status, wrong.body.error.code, wrong.body.error.message.zh]).toEqual([
    403,
    'WRONG_PASSWORD',
    '当前密码不正确',
  ]);
  expect((await login(me.email, TEST_PASSWORD)).status).toBe(200);

  const ok = await app.http('POST', path, { token: me.token, body });
  expect(ok.status).toBe(200);
  expect((await login(me.email, TEST_PASSWORD)).status).toBe(401);
  expect((await login(me.email, 'NewPassw0rd-2026')).status).toBe(200);
  expect((await app.http('GET', '/api/auth/me', { token: me.token })).status).toBe(200);
  expect((await app.http('GET', '/api/auth/me', { token: elsewhere })).status).toBe(401);
  // Nobody else is touched.
  expect((await login(other.email, TEST_PASSWORD)).status).toBe(200);
  expect((await app.models.User.findById(me.user._id).lean())!.passwordChangedAt).toBeInstanceOf(Date);
});

test.each([
  ['a weak new password', { currentPassword: TEST_PASSWORD, newPassword: 'short' }],
  ['an operator object', { currentPassword: { $ne: null }, newPassword: 'NewPassw0rd-2026' }],
  ['an unknown field', { currentPassword: TEST_PASSWORD, newPassword: 'NewPassw0rd-2026', userId: 'x' }],
  ['no current password', { newPassword: 'NewPassw0rd-2026' }],
])('when changing the password with %s, then 400 and the password stays', async (_what, body) => {
  const me = await app.createUser();
  const res = await app.http('POST', '/api/auth/password', { token: me.token, body });
  expect([res.status, res.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  expect((await login(me.email, TEST_PASSWORD)).status).toBe(200);
});
