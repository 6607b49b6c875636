/**
 * The audit log's routes: who may read and export it (admins only), what the filters select, and bad
 * input answered 400 with the stable code, changing nothing.
 */
import { startTestApp, type TestApp } from '../../test-support/harness';

let app: TestApp;
let cast: Awaited<ReturnType<TestApp['cast']>>;

beforeAll(async () => {
  app = await startTestApp();
  cast = await app.cast();
  // Two decisions by the admin and one by an operator, on different objects and days.
  const audit = app.running.ctx.services.audit;
  const admin = { id: String(cast.admin.user._id), name: '管理员甲' };
  const operator = { id: String(cast.hubOperator.user._id), name: '运营乙' };
  await audit.record(admin, {
    entity: 'user',
    entityId: String(cast.owner.user._id),
    action: 'set_roles',
    from: '',
    to: 'broker',
  });
  await audit.record(operator, { entity: 'org', entityId: String(cast.ownerOrg._id), action: 'approve' });
  await audit.record(admin, {
    entity: 'user',
    entityId: String(cast.other.user._id),
    action: 'disable',
    reason: '=cmd',
  });
  await app.models.Audit.updateOne({ action: 'approve' }, { $set: { at: new Date('2026-03-10T02:00:00Z') } });
});
afterAll(() => app.stop());

describe('GET /api/audit', () => {
  test('when anyone but an admin asks, then anonymous is 401 and members, other organisations and staff are 403', async () => {
    expect((await app.http('GET', '/api/audit')).status).toBe(401);
    for (const who of [cast.owner, cast.other, cast.official, cast.hubOperator, cast.loner]) {
      const res = await app.http('GET', '/api/audit', { token: who.token });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
      expect(res.body.items).toBeUndefined();
    }
  });

  test('when an admin asks, then every entry is listed newest first with its total', async () => {
    const res = await app.http('GET', '/api/audit?pageSize=2', { token: cast.admin.token });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(res.body.items).toHaveLength(2);
    expect(res.body.items[0].action).toBe('disable');
    expect(Object.keys(res.body.items[0]).sort()).toEqual(
      ['action', 'actorId', 'actorName', 'at', 'entity', 'entityId', 'from', 'id', 'ip', 'reason', 'to'].sort(),
    );
  });

  test('when an admin filters by actor, object, action and date, then only the matching entries come back', async () => {
    const ask = async (qs: string) =>
      (await app.http('GET', `/api/audit?${qs}`, { token: cast.admin.token })).body.items.map(
        (i: { action: string }) => i.action,
      );
    expect(await ask(`actorId=${cast.hubOperator.user._id}`)).toEqual(['approve']);
    expect((await ask('entity=user')).sort()).toEqual(['disable', 'set_roles']);
    expect(await ask(`entity=user&entityId=${cast.owner.user._id}`)).toEqual(['set_roles']);
    expect(await ask('action=disable')).toEqual(['disable']);
    // 2026-03-10 02:00 UTC is 10:00 on 10 March in China: inside that day, outside the 9th and the 11th.
    expect(await ask('from=2026-03-10&to=2026-03-10')).toEqual(['approve']);
    expect(await ask('from=2026-03-11&to=2026-03-11')).toEqual([]);
    expect(await ask('to=2026-03-09')).toEqual([]);
  });

  test.each([
    ['an operator object', 'action[$ne]=x'],
    ['a malformed actor id', 'actorId=123'],
    ['an impossible date', 'from=2026-02-31'],
    ['a date with a tail', 'from=2026-02-01x'],
    ['from after to', 'from=2026-03-02&to=2026-03-01'],
    ['an unknown parameter', 'who=admin'],
    ['an oversized page', 'pageSize=1000'],
    ['a code with capitals', 'entity=User'],
  ])('when the query has %s, then 400 VALIDATION_FAILED in zh and en', async (_what, qs) => {
    const res = await app.http('GET', `/api/audit?${qs}`, { token: cast.admin.token });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message.zh).toBeTruthy();
    expect(res.body.error.message.en).toBeTruthy();
  });
});

describe('GET /api/audit/export', () => {
  test('when anyone but an admin asks, then 401 or 403 and no file', async () => {
    expect((await app.http('GET', '/api/audit/export')).status).toBe(401);
    for (const who of [cast.owner, cast.other, cast.official, cast.hubOperator]) {
      const res = await app.http('GET', '/api/audit/export', { token: who.token });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/json');
    }
  });

  test('when an admin exports with a filter, then a CSV with labels instead of codes and defused formulas', async () => {
    const res = await app.http('GET', '/api/audit/export?entity=user', { token: cast.admin.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = String(res.body)
      .replace(/^\ufeff/, '')
      .split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('操作 Action');
    expect(lines[1]).toContain('停用账号 Disable account');
    expect(lines[1]).toContain('用户 User');
    expect(lines[1]).toContain("'=cmd");
    expect(lines[2]).toContain('设置角色 Set roles');
  });

  test('when the export query is bad, then 400', async () => {
    const res = await app.http('GET', '/api/audit/export?page=2', { token: cast.admin.token });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });
});
