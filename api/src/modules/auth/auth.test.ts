import { loadConfig } from '../../config/env';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../test-support/harness';
import { CURRENT_CONSENT } from '../../shared/legal';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ LOGIN_ACCOUNT_FAILURES: 3 });
});
afterAll(() => app.stop());

describe('register and login', () => {
  test('when registering, then the password is stored as argon2id and a session cookie is set', async () => {
    const email = `${app.unique('a')}@Test.NEKJ.cn`;
    const res = await app.http('POST', '/api/auth/register', {
      body: { email, password: 'GoodPass123', name: '张三', consent: CURRENT_CONSENT },
    });
    expect(res.status).toBe(201);
    expect(res.body.user.email).toBe(email.toLowerCase());
    expect(res.headers.get('set-cookie')).toMatch(/nekj_session=[\w-]{43};.*HttpOnly/i);
    const stored = await app.models.User.findOne({ email: email.toLowerCase() }).lean();
    expect(stored!.passwordHash).toMatch(/^\$argon2id\$/);
    const session = await app.models.Session.findOne({ userId: stored!._id }).lean();
    expect(session!._id).not.toBe(res.body.token); // only the hash is stored
  });

  test('when the email is taken, then 409 EMAIL_TAKEN and no second account', async () => {
    const { email } = await app.createUser();
    const res = await app.http('POST', '/api/auth/register', {
      body: { email, password: 'GoodPass123', name: 'dup', consent: CURRENT_CONSENT },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('EMAIL_TAKEN');
    expect(await app.models.User.countDocuments({ email })).toBe(1);
  });

  test('when the session cookie is sent instead of a bearer token, then it authenticates', async () => {
    const { email } = await app.createUser();
    const login = await app.http('POST', '/api/auth/login', { body: { email, password: TEST_PASSWORD } });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const me = await app.http('GET', '/api/auth/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(email);
    const out = await app.http('POST', '/api/auth/logout', { headers: { cookie, origin: app.url } });
    expect(out.status).toBe(200);
    expect((await app.http('GET', '/api/auth/me', { headers: { cookie } })).status).toBe(401);
    const stored = await app.models.Session.findOne({ userId: login.body.user.id }).sort({ createdAt: -1 }).lean();
    expect(stored!.revokedAt).toBeInstanceOf(Date);
  });

  test('when credentials are wrong, then an unknown account and a wrong password answer identically', async () => {
    const { email } = await app.createUser();
    const unknown = await app.http('POST', '/api/auth/login', {
      body: { email: `nobody-${email}`, password: 'Whatever123' },
    });
    const wrong = await app.http('POST', '/api/auth/login', { body: { email, password: 'Whatever123' } });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    const strip = (b: { error: Record<string, unknown> }) => ({ ...b.error, requestId: undefined });
    expect(strip(unknown.body)).toEqual(strip(wrong.body));
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.body.error.message.zh).toBe('账号或密码错误');
  });

  test('when an account fails too often, then it is locked even for the right password', async () => {
    const { email } = await app.createUser();
    for (let i = 0; i < 3; i++) {
      expect((await app.http('POST', '/api/auth/login', { body: { email, password: 'wrong-pass-1' } })).status).toBe(
        401,
      );
    }
    const locked = await app.http('POST', '/api/auth/login', { body: { email, password: TEST_PASSWORD } });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('ACCOUNT_LOCKED');
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  test('when a token is expired or forged, then it is treated as anonymous', async () => {
    const { token, user } = await app.createUser();
    // Expire it before its first use, so no instance has it cached.
    await app.models.Session.updateMany({ userId: user._id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await app.http('GET', '/api/auth/me', { token })).status).toBe(401);
    expect((await app.http('GET', '/api/auth/me', { token: 'A'.repeat(43) })).status).toBe(401);
    expect((await app.http('GET', '/api/auth/me', { headers: { authorization: 'Bearer {"$ne":null}' } })).status).toBe(
      401,
    );
  });
});

describe('bad input changes nothing', () => {
  const cases: Array<[string, unknown]> = [
    [
      'operator object as email',
      { email: { $ne: null }, password: 'GoodPass123', name: 'x', consent: CURRENT_CONSENT },
    ],
    [
      'operator object as password',
      { email: 'op@test.nekj.cn', password: { $gt: '' }, name: 'x', consent: CURRENT_CONSENT },
    ],
    ['wrong type', { email: 'wt@test.nekj.cn', password: 12345678, name: 'x', consent: CURRENT_CONSENT }],
    [
      'oversized name',
      { email: 'big@test.nekj.cn', password: 'GoodPass123', name: '名'.repeat(61), consent: CURRENT_CONSENT },
    ],
    [
      'unknown field',
      { email: 'uf@test.nekj.cn', password: 'GoodPass123', name: 'x', roles: ['admin'], consent: CURRENT_CONSENT },
    ],
    ['weak password', { email: 'weak@test.nekj.cn', password: 'short', name: 'x', consent: CURRENT_CONSENT }],
    ['malformed email', { email: 'not-an-email', password: 'GoodPass123', name: 'x', consent: CURRENT_CONSENT }],
    ['no consent', { email: 'nc@test.nekj.cn', password: 'GoodPass123', name: 'x' }],
    [
      'an outdated consent',
      {
        email: 'oc@test.nekj.cn',
        password: 'GoodPass123',
        name: 'x',
        consent: { terms: '2020-01-01', privacy: CURRENT_CONSENT.privacy },
      },
    ],
    [
      'consent without privacy',
      { email: 'cp@test.nekj.cn', password: 'GoodPass123', name: 'x', consent: { terms: CURRENT_CONSENT.terms } },
    ],
    ['array body', [1, 2, 3]],
  ];
  test.each(cases)('when registering with %s, then 400 VALIDATION_FAILED and no user', async (_label, body) => {
    const before = await app.models.User.countDocuments();
    const res = await app.http('POST', '/api/auth/register', { body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toEqual({ zh: '请求参数不正确', en: 'The request is invalid' });
    expect(await app.models.User.countDocuments()).toBe(before);
  });

  test('when logging in with an operator object, then 400 and no session is created', async () => {
    const before = await app.models.Session.countDocuments();
    const res = await app.http('POST', '/api/auth/login', { body: { email: { $ne: null }, password: { $ne: null } } });
    expect(res.status).toBe(400);
    expect(await app.models.Session.countDocuments()).toBe(before);
  });

  test('when the JSON is broken, then 400 INVALID_JSON', async () => {
    const res = await app.http('POST', '/api/auth/login', { raw: '{"email": ' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_JSON');
  });

  test('when the body exceeds the JSON limit, then 413 and nothing is stored', async () => {
    const before = await app.models.User.countDocuments();
    const res = await app.http('POST', '/api/auth/register', {
      body: {
        email: 'huge@test.nekj.cn',
        password: 'GoodPass123',
        name: 'x'.repeat(300_000),
        consent: CURRENT_CONSENT,
      },
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await app.models.User.countDocuments()).toBe(before);
  });
});

describe('per-IP login limit', () => {
  test('when one address exceeds the limit, then 429 RATE_LIMITED with the zh/en message', async () => {
    const limited = await startTestApp({ LOGIN_IP_LIMIT_PER_MIN: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push(
          (
            await limited.http('POST', '/api/auth/login', {
              body: { email: `ip${i}@test.nekj.cn`, password: 'Whatever1' },
            })
          ).status,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      const res = await limited.http('POST', '/api/auth/login', {
        body: { email: 'ip@test.nekj.cn', password: 'Whatever1' },
      });
      expect(res.body.error).toMatchObject({ code: 'RATE_LIMITED', message: { zh: '请求过于频繁，请稍后再试' } });
    } finally {
      await limited.stop();
    }
  });
});

describe('production defaults', () => {
  test('when the app runs with NODE_ENV=production, then the session cookie is Secure and the Vite dev origin gets no credentials', async () => {
    const { NODE_ENV, COOKIE_SECURE, CORS_ORIGINS } = loadConfig({ NODE_ENV: 'production' });
    const prod = await startTestApp({ NODE_ENV, COOKIE_SECURE, CORS_ORIGINS });
    try {
      const { email } = await prod.createUser();
      const login = await prod.http('POST', '/api/auth/login', { body: { email, password: TEST_PASSWORD } });
      expect(login.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
      const cors = await prod.http('GET', '/api/taxonomy', { headers: { origin: 'http://localhost:5173' } });
      expect(cors.headers.get('access-control-allow-origin')).toBeNull();
      const write = await prod.http('POST', '/api/auth/login', {
        headers: { origin: 'http://localhost:5173' },
        body: { email, password: TEST_PASSWORD },
      });
      expect(write.status).toBe(403);
      expect(write.body.error.code).toBe('ORIGIN_NOT_ALLOWED');
    } finally {
      await prod.stop();
    }
  });
});
