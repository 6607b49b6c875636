/**
 * The authorization matrix of accounts (auth and users): every such endpoint exercised as anonymous, another
 * organisation, the owner and an official (plus operator/admin where they matter), checking the stored state
 * and not only the status. Set-up in authorization.matrix.fixture.ts; organisations and the check that every
 * route has a row in authorization.matrix.orgs.test.ts.
 */
import { cover } from './test-support/matrix-coverage';
import { CURRENT_CONSENT } from './shared/legal';
import { app, cast, useAuthorizationMatrixApp } from './authorization.matrix.fixture';

useAuthorizationMatrixApp();

describe('auth', () => {
  test('when anyone registers, then a new account exists and nobody else is touched', async () => {
    cover('POST', '/api/auth/register');
    const email = `${app.unique('reg')}@test.nekj.cn`;
    const res = await app.http('POST', '/api/auth/register', {
      body: { email, password: 'Abcdefg123', name: '注册用户', consent: CURRENT_CONSENT },
    });
    expect(res.status).toBe(201);
    expect(await app.models.User.countDocuments({ email })).toBe(1);
    // Registering while signed in as an official does not change the official.
    const again = await app.http('POST', '/api/auth/register', {
      token: cast.official.token,
      body: { email: `x${email}`, password: 'Abcdefg123', name: 'x', consent: CURRENT_CONSENT },
    });
    expect(again.status).toBe(201);
    const official = await app.models.User.findById(cast.official.user._id).lean();
    expect(official!.roles).toEqual(['official']);
  });

  test('when a user logs in, then only their own credentials work', async () => {
    cover('POST', '/api/auth/login');
    const ok = await app.http('POST', '/api/auth/login', {
      body: { email: cast.owner.email, password: 'Passw0rd-test' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.user.id).toBe(String(cast.owner.user._id));
    const wrong = await app.http('POST', '/api/auth/login', {
      body: { email: cast.owner.email, password: 'someone-elses-1' },
    });
    expect(wrong.status).toBe(401);
  });

  test('when anyone asks for a password reset, then the answer is the same for every caller and only the link sets a password', async () => {
    cover('POST', '/api/auth/password-reset');
    cover('POST', '/api/auth/password-reset/confirm');
    // Every caller asking for the owner's link gets 202; only the owner is mailed (password-reset.test.ts).
    for (const who of [undefined, cast.other, cast.owner, cast.official]) {
      const res = await app.http('POST', '/api/auth/password-reset', {
        token: who?.token,
        body: { email: cast.owner.email },
      });
      expect(res.status).toBe(202);
    }
    const stored = await app.models.PasswordReset.find({ userId: cast.owner.user._id }).lean();
    expect(stored.length).toBeGreaterThan(0);
    // Nobody, signed in or not, sets a password without the token of the link.
    for (const who of [undefined, cast.other, cast.owner, cast.official]) {
      const res = await app.http('POST', '/api/auth/password-reset/confirm', {
        token: who?.token,
        body: { token: 'A'.repeat(43), password: 'Hijacked2027' },
      });
      expect(res.status).toBe(410);
    }
    const login = await app.http('POST', '/api/auth/login', {
      body: { email: cast.owner.email, password: 'Passw0rd-test' },
    });
    expect(login.status).toBe(200);
    // Sign-in sessions of the owner were not touched by any of this.
    expect((await app.http('GET', '/api/auth/me', { token: cast.owner.token })).status).toBe(200);
  });

  test('when GET /api/auth/me, then anonymous is 401 and each user sees only themself', async () => {
    cover('GET', '/api/auth/me');
    expect((await app.http('GET', '/api/auth/me')).status).toBe(401);
    for (const who of [cast.owner, cast.other, cast.official]) {
      const res = await app.http('GET', '/api/auth/me', { token: who.token });
      expect(res.status).toBe(200);
      expect(res.body.user.id).toBe(String(who.user._id));
      expect(res.body.user.passwordHash).toBeUndefined();
    }
  });

  test('when GET /api/auth/session, then anonymous (or a dead token) is 200 with no user, a user sees only themself', async () => {
    cover('GET', '/api/auth/session');
    const anonymous = await app.http('GET', '/api/auth/session');
    expect([anonymous.status, anonymous.body]).toEqual([200, { user: null }]);
    for (const token of ['A'.repeat(43), '{"$ne":null}']) {
      const res = await app.http('GET', '/api/auth/session', { token });
      expect([res.status, res.body]).toEqual([200, { user: null }]);
    }
    for (const who of [cast.owner, cast.other, cast.official, cast.admin]) {
      const res = await app.http('GET', '/api/auth/session', { token: who.token });
      expect(res.status).toBe(200);
      expect(res.body.user.id).toBe(String(who.user._id));
      expect(res.body.user.passwordHash).toBeUndefined();
    }
    const gone = await app.createUser();
    await app.http('POST', '/api/auth/logout', { token: gone.token });
    expect((await app.http('GET', '/api/auth/session', { token: gone.token })).body).toEqual({ user: null });
  });

  test('when logging out, then anonymous is 401 and a user revokes only their own session', async () => {
    cover('POST', '/api/auth/logout');
    expect((await app.http('POST', '/api/auth/logout')).status).toBe(401);
    const a = await app.createUser();
    const b = await app.createUser();
    expect((await app.http('POST', '/api/auth/logout', { token: a.token })).status).toBe(200);
    expect((await app.http('GET', '/api/auth/me', { token: a.token })).status).toBe(401);
    expect((await app.http('GET', '/api/auth/me', { token: b.token })).status).toBe(200);
  });
});

describe('users', () => {
  test('when listing users, then only admins may', async () => {
    cover('GET', '/api/users');
    expect((await app.http('GET', '/api/users')).status).toBe(401);
    expect((await app.http('GET', '/api/users', { token: cast.owner.token })).status).toBe(403);
    expect((await app.http('GET', '/api/users', { token: cast.official.token })).status).toBe(403);
    expect((await app.http('GET', '/api/users', { token: cast.hubOperator.token })).status).toBe(403);
    const res = await app.http('GET', '/api/users?pageSize=100', { token: cast.admin.token });
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThanOrEqual(11);
    expect(res.body.items.every((u: Record<string, unknown>) => !('passwordHash' in u))).toBe(true);
  });

  test('when reading a user, then self and admin see all, a colleague sees the card, others get 404', async () => {
    cover('GET', '/api/users/:id');
    const path = `/api/users/${cast.owner.user._id}`;
    expect((await app.http('GET', path)).status).toBe(401);
    expect((await app.http('GET', path, { token: cast.other.token })).status).toBe(404);
    expect((await app.http('GET', path, { token: cast.official.token })).status).toBe(404);
    const self = await app.http('GET', path, { token: cast.owner.token });
    expect(self.body.user.email).toBe(cast.owner.email);
    const colleague = await app.http('GET', path, { token: cast.member.token });
    expect(colleague.status).toBe(200);
    expect(colleague.body.user.email).toBeUndefined();
    expect((await app.http('GET', path, { token: cast.admin.token })).body.user.email).toBe(cast.owner.email);
  });

  test('when updating own profile, then only the caller changes', async () => {
    cover('PATCH', '/api/users/me');
    expect((await app.http('PATCH', '/api/users/me', { body: { name: 'x' } })).status).toBe(401);
    const res = await app.http('PATCH', '/api/users/me', {
      token: cast.other.token,
      body: { name: '改名后', locale: 'en' },
    });
    expect(res.status).toBe(200);
    expect((await app.models.User.findById(cast.other.user._id).lean())!.name).toBe('改名后');
    expect((await app.models.User.findById(cast.owner.user._id).lean())!.name).not.toBe('改名后');
  });

  test('when setting roles, then only an admin can and the stored roles change', async () => {
    cover('PUT', '/api/users/:id/roles');
    const target = await app.createUser();
    const path = `/api/users/${target.user._id}/roles`;
    const body = { roles: ['broker'], brokerCertNo: 'LN-TB-2026-0001' };
    expect((await app.http('PUT', path, { body })).status).toBe(401);
    expect((await app.http('PUT', path, { token: cast.owner.token, body })).status).toBe(403);
    expect((await app.http('PUT', path, { token: cast.official.token, body })).status).toBe(403);
    expect((await app.models.User.findById(target.user._id).lean())!.roles).toEqual([]);
    const res = await app.http('PUT', path, { token: cast.admin.token, body });
    expect(res.status).toBe(200);
    const stored = await app.models.User.findById(target.user._id).lean();
    expect(stored!.roles).toEqual(['broker']);
    expect(stored!.brokerCertNo).toBe('LN-TB-2026-0001');
    // The target's live session sees the new role at once.
    expect((await app.http('GET', '/api/auth/me', { token: target.token })).body.user.roles).toEqual(['broker']);
  });
  test('when disabling an account, then only an admin can, not its own, and the stored flag and sessions change', async () => {
    cover('PUT', '/api/users/:id/disabled');
    const target = await app.createUser();
    const path = `/api/users/${target.user._id}/disabled`;
    const body = { disabled: true };
    expect((await app.http('PUT', path, { body })).status).toBe(401);
    expect((await app.http('PUT', path, { token: cast.owner.token, body })).status).toBe(403);
    expect((await app.http('PUT', path, { token: cast.hubOperator.token, body })).status).toBe(403);
    expect((await app.http('PUT', path, { token: target.token, body })).status).toBe(403);
    expect(
      (await app.http('PUT', `/api/users/${cast.admin.user._id}/disabled`, { token: cast.admin.token, body })).status,
    ).toBe(403);
    expect((await app.models.User.findById(target.user._id).lean())!.disabledAt).toBeNull();
    expect((await app.http('PUT', path, { token: cast.admin.token, body })).status).toBe(200);
    expect((await app.models.User.findById(target.user._id).lean())!.disabledAt).toBeInstanceOf(Date);
    expect((await app.http('GET', '/api/auth/me', { token: target.token })).status).toBe(401);
    expect((await app.http('PUT', path, { token: cast.admin.token, body: { disabled: false } })).status).toBe(200);
    expect((await app.models.User.findById(target.user._id).lean())!.disabledAt).toBeNull();
  });

  test('when lifting a sign-in lock, then only an admin can and the stored counters go', async () => {
    cover('POST', '/api/users/:id/unlock');
    const target = await app.createUser();
    await app.models.LoginFailure.create({
      _id: `${target.email} 203.0.113.1`,
      email: target.email,
      ip: '203.0.113.1',
      count: 5,
      windowEndsAt: new Date(Date.now() + 60_000),
      lockedUntil: new Date(Date.now() + 60_000),
    });
    const path = `/api/users/${target.user._id}/unlock`;
    expect((await app.http('POST', path)).status).toBe(401);
    expect((await app.http('POST', path, { token: cast.owner.token })).status).toBe(403);
    expect((await app.http('POST', path, { token: cast.hubOperator.token })).status).toBe(403);
    expect((await app.http('POST', path, { token: cast.official.token })).status).toBe(403);
    expect(await app.models.LoginFailure.countDocuments({ email: target.email })).toBe(1);
    expect((await app.http('POST', path, { token: cast.admin.token })).status).toBe(200);
    expect(await app.models.LoginFailure.countDocuments({ email: target.email })).toBe(0);
  });
});
