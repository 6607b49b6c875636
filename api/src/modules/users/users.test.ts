import { Types } from 'mongoose';
import { startTestApp, type TestApp } from '../../test-support/harness';

let app: TestApp;
let admin: Awaited<ReturnType<TestApp['createUser']>>;
beforeAll(async () => {
  app = await startTestApp();
  admin = await app.createUser({ roles: ['admin'] });
});
afterAll(() => app.stop());

describe('roles', () => {
  test('when an admin makes someone an operator and an official, then scopes are stored and audited', async () => {
    const target = await app.createUser();
    const res = await app.http('PUT', `/api/users/${target.user._id}/roles`, {
      token: admin.token,
      body: { roles: ['operator', 'official'], operatorSubmarkets: ['SM-210100'], officialRegion: '210100' },
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({
      roles: ['operator', 'official'],
      operatorSubmarkets: ['SM-210100'],
      officialRegion: '210100',
    });
    const audit = await app.models.Audit.findOne({ entity: 'user', entityId: String(target.user._id) }).lean();
    expect(audit).toMatchObject({
      action: 'set_roles',
      from: '',
      to: 'operator,official',
      actorId: String(admin.user._id),
    });
  });

  const invalid: Array<[string, Record<string, unknown>]> = [
    ['broker without certificate', { roles: ['broker'] }],
    ['operator without sub-market', { roles: ['operator'] }],
    ['official without region', { roles: ['official'] }],
    ['unknown role', { roles: ['superuser'] }],
    ['unknown sub-market', { roles: ['operator'], operatorSubmarkets: ['SM-999999'] }],
    ['operator object', { roles: { $ne: null } }],
    ['extra field', { roles: [], passwordHash: 'x' }],
  ];
  test.each(invalid)('when the body has %s, then 400 and roles are unchanged', async (_label, body) => {
    const target = await app.createUser({ roles: ['broker'], brokerCertNo: 'LN-1234' });
    const res = await app.http('PUT', `/api/users/${target.user._id}/roles`, { token: admin.token, body });
    expect(res.status).toBe(400);
    expect((await app.models.User.findById(target.user._id).lean())!.roles).toEqual(['broker']);
  });

  test('when an admin changes their own roles, then 403 and they stay admin', async () => {
    const res = await app.http('PUT', `/api/users/${admin.user._id}/roles`, {
      token: admin.token,
      body: { roles: [] },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect((await app.models.User.findById(admin.user._id).lean())!.roles).toEqual(['admin']);
    expect(await app.models.Audit.countDocuments({ entityId: String(admin.user._id), action: 'set_roles' })).toBe(0);
  });

  test('when the user does not exist or the id is malformed, then 404 / 400', async () => {
    expect(
      (await app.http('PUT', `/api/users/${new Types.ObjectId()}/roles`, { token: admin.token, body: { roles: [] } }))
        .status,
    ).toBe(404);
    expect(
      (await app.http('PUT', '/api/users/xyz/roles', { token: admin.token, body: { roles: [] } })).body.error.code,
    ).toBe('INVALID_ID');
  });
});

describe('profile', () => {
  test('when updating with an empty or bad body, then 400 and nothing changes', async () => {
    const me = await app.createUser();
    for (const body of [{}, { locale: 'fr' }, { name: '' }, { email: 'new@x.cn' }, { name: { $set: 'x' } }]) {
      expect((await app.http('PATCH', '/api/users/me', { token: me.token, body })).status).toBe(400);
    }
    const stored = await app.models.User.findById(me.user._id).lean();
    expect(stored!.name).toBe(me.user.name);
    expect(stored!.email).toBe(me.email);
  });

  test('when switching language, then /api/auth/me reflects it at once', async () => {
    const me = await app.createUser();
    await app.http('GET', '/api/auth/me', { token: me.token }); // warm the session cache
    await app.http('PATCH', '/api/users/me', { token: me.token, body: { locale: 'en' } });
    expect((await app.http('GET', '/api/auth/me', { token: me.token })).body.user.locale).toBe('en');
  });

  test('when listing users as admin, then filters and paging work', async () => {
    const broker = await app.createUser({ roles: ['broker'], brokerCertNo: 'LN-5678' });
    const res = await app.http('GET', '/api/users?role=broker&pageSize=100', { token: admin.token });
    expect(res.body.items.map((u: { id: string }) => u.id)).toContain(String(broker.user._id));
    expect(res.body.items.every((u: { roles: string[] }) => u.roles.includes('broker'))).toBe(true);
    const q = await app.http('GET', `/api/users?q=${encodeURIComponent(broker.email.slice(0, 12))}`, {
      token: admin.token,
    });
    expect(q.body.total).toBe(1);
  });
});
