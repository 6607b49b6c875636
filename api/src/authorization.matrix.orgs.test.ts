/**
 * The authorization matrix of organisations and public reference data: every such endpoint exercised as
 * anonymous, another organisation, the owner and an official (plus operator/admin where they matter),
 * checking the stored state and not only the status. The last test fails when a route is added without a
 * row in one of the authorization matrix files (authorization.matrix.*.test.ts: accounts, orgs) or in the
 * matrix of its module. Set-up in authorization.matrix.fixture.ts.
 */
import { Types } from 'mongoose';
import { cover, matrixRows } from './test-support/matrix-coverage';
import { app, cast, orgPath, useAuthorizationMatrixApp } from './authorization.matrix.fixture';

useAuthorizationMatrixApp();

describe('orgs', () => {
  test('when listing organisations, then the public sees verified ones and only staff see the queue', async () => {
    cover('GET', '/api/orgs');
    const pending = await app.createOrg({ status: 'pending', regionCode: '210500' });
    const pub = await app.http('GET', '/api/orgs?pageSize=100');
    expect(pub.status).toBe(200);
    expect(pub.body.items.map((o: { id: string }) => o.id)).not.toContain(String(pending._id));
    expect(pub.body.items[0].creditCode).toBeUndefined();
    expect((await app.http('GET', '/api/orgs?status=pending')).status).toBe(403);
    expect((await app.http('GET', '/api/orgs?status=pending', { token: cast.owner.token })).status).toBe(403);
    expect((await app.http('GET', '/api/orgs?status=pending', { token: cast.official.token })).status).toBe(403);
    const hub = await app.http('GET', '/api/orgs?status=pending&pageSize=100', { token: cast.hubOperator.token });
    expect(hub.body.items.map((o: { id: string }) => o.id)).toContain(String(pending._id));
    // A Dalian operator's queue holds Dalian only.
    const city = await app.http('GET', '/api/orgs?status=pending&pageSize=100', { token: cast.cityOperator.token });
    expect(city.status).toBe(200);
    expect(city.body.items.map((o: { id: string }) => o.id)).not.toContain(String(pending._id));
  });

  test('when creating an organisation, then anonymous is 401, members of another org get 409, a loner becomes org_admin', async () => {
    cover('POST', '/api/orgs');
    const body = () => ({
      name: '新建科技有限公司',
      type: 'enterprise',
      creditCode: app.creditCode(),
      regionCode: '210100',
    });
    const before = await app.models.Org.countDocuments();
    expect((await app.http('POST', '/api/orgs', { body: body() })).status).toBe(401);
    expect((await app.http('POST', '/api/orgs', { token: cast.other.token, body: body() })).status).toBe(409);
    expect(await app.models.Org.countDocuments()).toBe(before);
    const loner = await app.createUser();
    const res = await app.http('POST', '/api/orgs', { token: loner.token, body: body() });
    expect(res.status).toBe(201);
    expect(res.body.org.verification.status).toBe('pending');
    const stored = await app.models.User.findById(loner.user._id).lean();
    expect(String(stored!.orgId)).toBe(res.body.org.id);
    expect(stored!.orgRole).toBe('org_admin');
  });

  test('when reading an organisation, then the public gets the card, members and regional staff the detail', async () => {
    cover('GET', '/api/orgs/:id');
    const anon = await app.http('GET', orgPath());
    expect(anon.status).toBe(200);
    expect(anon.body.org.creditCode).toBeUndefined();
    expect((await app.http('GET', orgPath(), { token: cast.other.token })).body.org.creditCode).toBeUndefined();
    expect((await app.http('GET', orgPath(), { token: cast.otherOfficial.token })).body.org.creditCode).toBeUndefined();
    expect((await app.http('GET', orgPath(), { token: cast.owner.token })).body.org.creditCode).toBe(
      cast.ownerOrg.creditCode,
    );
    expect((await app.http('GET', orgPath(), { token: cast.official.token })).body.org.creditCode).toBe(
      cast.ownerOrg.creditCode,
    );
    const pending = await app.createOrg({ status: 'pending', regionCode: '210500' });
    expect((await app.http('GET', `/api/orgs/${pending._id}`)).status).toBe(404);
    expect((await app.http('GET', `/api/orgs/${pending._id}`, { token: cast.other.token })).status).toBe(404);
    expect((await app.http('GET', `/api/orgs/${new Types.ObjectId()}`)).status).toBe(404);
  });

  test('when updating an organisation, then only its org_admin (or an admin) changes it', async () => {
    cover('PATCH', '/api/orgs/:id');
    const body = { description: '更新后的简介' };
    expect((await app.http('PATCH', orgPath(), { body })).status).toBe(401);
    expect((await app.http('PATCH', orgPath(), { token: cast.other.token, body })).status).toBe(404);
    expect((await app.http('PATCH', orgPath(), { token: cast.member.token, body })).status).toBe(403);
    expect((await app.http('PATCH', orgPath(), { token: cast.official.token, body })).status).toBe(403);
    expect((await app.models.Org.findById(cast.ownerOrg._id).lean())!.description).not.toBe('更新后的简介');
    expect((await app.http('PATCH', orgPath(), { token: cast.owner.token, body })).status).toBe(200);
    expect((await app.models.Org.findById(cast.ownerOrg._id).lean())!.description).toBe('更新后的简介');
  });

  test('when verifying, then only an operator of its sub-market (or admin) decides', async () => {
    cover('POST', '/api/orgs/:id/verify');
    const pending = await app.createOrg({ status: 'pending', regionCode: '210500' });
    const path = `/api/orgs/${pending._id}/verify`;
    const owner = await app.createUser({ org: pending, orgRole: 'org_admin' });
    const body = { decision: 'approve' };
    expect((await app.http('POST', path, { body })).status).toBe(401);
    expect((await app.http('POST', path, { token: cast.other.token, body })).status).toBe(404);
    expect((await app.http('POST', path, { token: owner.token, body })).status).toBe(403);
    expect((await app.http('POST', path, { token: cast.official.token, body })).status).toBe(403);
    expect((await app.http('POST', path, { token: cast.cityOperator.token, body })).status).toBe(404);
    expect((await app.models.Org.findById(pending._id).lean())!.verification!.status).toBe('pending');
    const res = await app.http('POST', path, { token: cast.hubOperator.token, body });
    expect(res.status).toBe(200);
    expect((await app.models.Org.findById(pending._id).lean())!.verification!.status).toBe('verified');
  });

  test('when listing members, then members and regional staff see them, another org gets 404', async () => {
    cover('GET', '/api/orgs/:id/members');
    const path = `${orgPath()}/members`;
    expect((await app.http('GET', path)).status).toBe(401);
    expect((await app.http('GET', path, { token: cast.other.token })).status).toBe(404);
    expect((await app.http('GET', path, { token: cast.otherOfficial.token })).status).toBe(404);
    const res = await app.http('GET', path, { token: cast.member.token });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
    expect(res.body.items[0].email).toBeUndefined();
    expect((await app.http('GET', path, { token: cast.official.token })).status).toBe(200);
  });

  test('when inviting, then only the org_admin can, and nobody joins until the invitee accepts', async () => {
    cover('POST', '/api/orgs/:id/invitations');
    cover('GET', '/api/orgs/:id/invitations');
    cover('GET', '/api/invitations');
    cover('POST', '/api/invitations/:id/accept');
    const path = `${orgPath()}/invitations`;
    const joiner = await app.createUser();
    const body = { email: joiner.email };
    expect((await app.http('POST', path, { body })).status).toBe(401);
    expect((await app.http('POST', path, { token: cast.other.token, body })).status).toBe(404);
    expect((await app.http('POST', path, { token: cast.member.token, body })).status).toBe(403);
    expect((await app.http('POST', path, { token: cast.official.token, body })).status).toBe(403);
    expect(await app.models.Invitation.countDocuments({ email: joiner.email })).toBe(0);
    const sent = await app.http('POST', path, { token: cast.owner.token, body });
    expect(sent.status).toBe(201);
    expect((await app.models.User.findById(joiner.user._id).lean())!.orgId).toBeNull();
    expect((await app.http('GET', path)).status).toBe(401);
    expect((await app.http('GET', path, { token: cast.other.token })).status).toBe(404);
    expect((await app.http('GET', path, { token: cast.member.token })).status).toBe(403);
    expect(
      (await app.http('GET', path, { token: cast.owner.token })).body.items.map((i: { email: string }) => i.email),
    ).toContain(joiner.email);
    expect((await app.http('GET', '/api/invitations')).status).toBe(401);
    expect((await app.http('GET', '/api/invitations', { token: cast.other.token })).body.items).toEqual([]);
    const accept = `/api/invitations/${sent.body.invitation.id}/accept`;
    expect((await app.http('POST', accept)).status).toBe(401);
    expect((await app.http('POST', accept, { token: cast.loner.token })).status).toBe(404);
    expect((await app.http('POST', accept, { token: cast.owner.token })).status).toBe(404);
    expect((await app.models.User.findById(cast.loner.user._id).lean())!.orgId).toBeNull();
    expect((await app.http('POST', accept, { token: joiner.token })).status).toBe(200);
    expect(String((await app.models.User.findById(joiner.user._id).lean())!.orgId)).toBe(String(cast.ownerOrg._id));
  });

  test('when revoking or declining an invitation, then only its org_admin revokes and only the invitee declines', async () => {
    cover('POST', '/api/orgs/:id/invitations/:invitationId/revoke');
    cover('POST', '/api/invitations/:id/decline');
    const invite = async () =>
      (
        await app.http('POST', `${orgPath()}/invitations`, {
          token: cast.owner.token,
          body: { email: `${app.unique('inv')}@test.nekj.cn` },
        })
      ).body.invitation;
    const first = await invite();
    const revoke = `${orgPath()}/invitations/${first.id}/revoke`;
    expect((await app.http('POST', revoke)).status).toBe(401);
    expect((await app.http('POST', revoke, { token: cast.other.token })).status).toBe(404);
    expect((await app.http('POST', revoke, { token: cast.member.token })).status).toBe(403);
    expect((await app.models.Invitation.findById(first.id).lean())!.status).toBe('pending');
    expect((await app.http('POST', revoke, { token: cast.owner.token })).status).toBe(200);
    expect((await app.models.Invitation.findById(first.id).lean())!.status).toBe('revoked');
    const second = await invite();
    const decline = `/api/invitations/${second.id}/decline`;
    expect((await app.http('POST', decline)).status).toBe(401);
    expect((await app.http('POST', decline, { token: cast.owner.token })).status).toBe(404);
    expect((await app.models.Invitation.findById(second.id).lean())!.status).toBe('pending');
  });

  test('when removing a member or leaving, then only its org_admin removes and a member leaves only its own organisation', async () => {
    cover('DELETE', '/api/orgs/:id/members/:userId');
    cover('POST', '/api/orgs/:id/leave');
    const leaver = await app.createUser({ org: cast.ownerOrg, orgRole: 'member' });
    const remove = `${orgPath()}/members/${leaver.user._id}`;
    expect((await app.http('DELETE', remove)).status).toBe(401);
    expect((await app.http('DELETE', remove, { token: cast.other.token })).status).toBe(404);
    expect((await app.http('DELETE', remove, { token: cast.member.token })).status).toBe(403);
    expect((await app.http('DELETE', remove, { token: cast.official.token })).status).toBe(403);
    expect((await app.http('POST', `${orgPath()}/leave`)).status).toBe(401);
    expect((await app.http('POST', `${orgPath()}/leave`, { token: cast.other.token })).status).toBe(404);
    expect(String((await app.models.User.findById(leaver.user._id).lean())!.orgId)).toBe(String(cast.ownerOrg._id));
    expect((await app.http('POST', `${orgPath()}/leave`, { token: leaver.token })).status).toBe(200);
    expect((await app.models.User.findById(leaver.user._id).lean())!.orgId).toBeNull();
    const removed = await app.createUser({ org: cast.ownerOrg, orgRole: 'member' });
    expect(
      (await app.http('DELETE', `${orgPath()}/members/${removed.user._id}`, { token: cast.owner.token })).status,
    ).toBe(200);
    expect((await app.models.User.findById(removed.user._id).lean())!.orgId).toBeNull();
  });
});

describe('public reference data', () => {
  test('when reading taxonomies and sub-markets, then everyone gets the same public data', async () => {
    cover('GET', '/api/taxonomy');
    cover('GET', '/api/submarkets');
    const anon = await app.http('GET', '/api/taxonomy');
    for (const who of [cast.owner, cast.other, cast.official]) {
      expect((await app.http('GET', '/api/taxonomy', { token: who.token })).body).toEqual(anon.body);
    }
    expect(anon.body.submarkets).toHaveLength(16);
    const sm = await app.http('GET', '/api/submarkets', { token: cast.official.token });
    expect(sm.body.items.map((s: { code: string }) => s.code)).toContain('SM-219900');
  });
});

test('every declared route has a row in this matrix (catalog routes: catalog.matrix.test.ts; negotiations: negotiations.matrix.test.ts)', () => {
  const covered = matrixRows(__dirname, /^authorization\.matrix\.[\w-]+\.test\.ts$/);
  const catalog = /^\/api\/(achievements|needs|attachments|imports)/;
  const declared = app.running.ctx.registry
    .list()
    // Search, matches, notifications and saved searches have their rows in search.matrix.test.ts.
    .filter(
      (op) =>
        !catalog.test(op.path) &&
        !/^\/api\/(search|notifications|saved-searches|matches)|\/matches$/.test(op.path) &&
        !op.path.startsWith('/api/negotiations'),
    )
    // Contracts, registrations and the tally: modules/contracts/contracts.matrix.*.test.ts.
    .filter((op) => !/^\/api\/(contracts|registrations|stats)/.test(op.path))
    // Payments (plans, Stripe, bank transfer, ledger, statements): modules/payments/payments.matrix.*.test.ts.
    .filter((op) => !op.path.startsWith('/api/payments'))
    // The audit log: modules/audit/audit.matrix.test.ts.
    .filter((op) => !op.path.startsWith('/api/audit'))
    // An organisation's licence document: modules/orgs/licence.test.ts.
    .filter((op) => op.path !== '/api/orgs/:id/licence')
    // Changing one's password: modules/auth/password-consent.test.ts.
    .filter((op) => op.path !== '/api/auth/password')
    // Sub-market administration: modules/taxonomy/submarkets.matrix.test.ts.
    .filter((op) => !op.path.startsWith('/api/admin/submarkets'))
    // Platform settings: modules/settings/settings.matrix.test.ts.
    .filter((op) => op.path !== '/api/admin/settings')
    // Financing products, requests, interests, pipeline and figures: modules/financing/financing-*.matrix.test.ts.
    .filter((op) => !op.path.startsWith('/api/financing'))
    // Industrialisation follow-up (plans, reports, board, funnel): modules/followup/followup.matrix.test.ts.
    .filter((op) => !op.path.startsWith('/api/followups'))
    // Announcements and policies: modules/announcements/announcement.matrix.test.ts.
    .filter((op) => !op.path.startsWith('/api/announcements') && !op.path.startsWith('/api/admin/announcements'))
    // Achievement evaluation (engagements, self-assessments, badges): modules/evaluations/evaluations.matrix.test.ts.
    .filter((op) => !op.path.startsWith('/api/evaluations'))
    // Makers (register, profile, directory): modules/orgs/makers.matrix.test.ts.
    .filter((op) => !op.path.startsWith('/api/makers'))
    .map((op) => `${op.method.toUpperCase()} ${op.path}`);
  const missing = declared.filter((r) => !covered.has(r));
  expect(missing).toEqual([]);
});
