/**
 * The authorization matrix of /api/makers: anonymous, a member of another organisation, the maker itself,
 * its non-admin member and staff — checking what is stored, not only the status.
 */
import { startTestApp, type TestApp } from '../../test-support/harness';
import { individualMaker, makerTeam, registerMaker, verifyMaker } from '../../test-support/maker-fixtures';

let app: TestApp;
let cast: Awaited<ReturnType<TestApp['cast']>>;
beforeAll(async () => {
  app = await startTestApp();
  cast = await app.cast();
});
afterAll(() => app.stop());

const stored = (id: string) => app.models.Org.findById(id).lean();

test('POST /api/makers: anonymous 401, a member of an organisation 409, staff 403, a person without one 201', async () => {
  const body = individualMaker();
  expect((await app.http('POST', '/api/makers', { body })).status).toBe(401);
  const inOrg = await app.http('POST', '/api/makers', { token: cast.other.token, body });
  expect([inOrg.status, inOrg.body.error.code]).toEqual([409, 'ALREADY_IN_ORG']);
  for (const staff of [cast.hubOperator, cast.official, cast.admin]) {
    const res = await app.http('POST', '/api/makers', { token: staff.token, body });
    expect([res.status, res.body.error.code]).toEqual([403, 'FORBIDDEN']);
  }
  expect(await app.models.Org.countDocuments({ type: 'maker_individual' })).toBe(0);
  const person = await app.createUser();
  const res = await app.http('POST', '/api/makers', { token: person.token, body });
  expect(res.status).toBe(201);
  const user = await app.models.User.findById(person.user._id).lean();
  expect(String(user!.orgId)).toBe(res.body.maker.id);
  expect(user!.orgRole).toBe('org_admin');
});

test('GET /api/makers: anyone reads verified makers only', async () => {
  const verified = await app.createUser();
  const vId = await registerMaker(app, verified, makerTeam({ teamName: '矩阵测试已认证团队' }));
  await verifyMaker(app, verified, vId, cast.hubOperator);
  const pending = await app.createUser();
  const pId = await registerMaker(app, pending, individualMaker({ realName: '待审创客' }));
  for (const who of [null, cast.other, pending, cast.hubOperator]) {
    const res = await app.http('GET', '/api/makers?pageSize=100', { token: who?.token });
    expect(res.status).toBe(200);
    const ids = res.body.items.map((m: { id: string }) => m.id);
    expect(ids).toContain(vId);
    expect(ids).not.toContain(pId);
    expect(res.body.items.every((m: Record<string, unknown>) => !('idMasked' in m))).toBe(true);
  }
});

describe('one maker', () => {
  let owner: Awaited<ReturnType<TestApp['createUser']>>;
  let makerId: string;
  beforeAll(async () => {
    owner = await app.createUser();
    makerId = await registerMaker(app, owner, individualMaker({ realName: '矩阵创客' }));
  });

  test('GET /api/makers/:id: a pending maker is 404 to anonymous and others, seen in full by itself and its operator', async () => {
    const path = `/api/makers/${makerId}`;
    expect((await app.http('GET', path)).status).toBe(404);
    expect((await app.http('GET', path, { token: cast.other.token })).status).toBe(404);
    expect((await app.http('GET', path, { token: cast.cityOperator.token })).status).toBe(404);
    for (const who of [owner, cast.hubOperator, cast.admin]) {
      const res = await app.http('GET', path, { token: who.token });
      expect(res.status).toBe(200);
      expect(res.body.maker.idMasked).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/);
    }
    // An organisation that is not a maker is no maker.
    expect((await app.http('GET', `/api/makers/${cast.ownerOrg._id}`, { token: cast.owner.token })).status).toBe(404);
  });

  test('PATCH /api/makers/:id: anonymous 401, another organisation 404, an operator 403, the maker and an admin 200', async () => {
    const path = `/api/makers/${makerId}`;
    const body = { skills: ['路径规划'] };
    expect((await app.http('PATCH', path, { body })).status).toBe(401);
    expect((await app.http('PATCH', path, { token: cast.other.token, body })).status).toBe(404);
    expect((await app.http('PATCH', path, { token: cast.hubOperator.token, body })).status).toBe(403);
    expect((await stored(makerId))!.maker!.skills).toEqual(['机器视觉', '嵌入式']);
    const res = await app.http('PATCH', path, { token: owner.token, body });
    expect(res.status).toBe(200);
    expect((await stored(makerId))!.maker!.skills).toEqual(['路径规划']);
    expect((await app.http('PATCH', path, { token: cast.admin.token, body: { bio: '管理员修订' } })).status).toBe(200);
    expect((await stored(makerId))!.description).toBe('管理员修订');
    // Another organisation's id through this route is no maker.
    expect(
      (await app.http('PATCH', `/api/makers/${cast.ownerOrg._id}`, { token: cast.owner.token, body })).status,
    ).toBe(404);
    expect((await stored(String(cast.ownerOrg._id)))!.maker).toBeNull();
  });
});
