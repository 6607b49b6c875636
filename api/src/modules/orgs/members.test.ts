/**
 * Membership by consent (issue 17, finding 3): an org admin used to pull any user without an organisation
 * into theirs with POST /api/orgs/:id/members (no consent, no way out, and 404/409/201 told unknown, taken
 * and free e-mails apart). Now: an invitation the invitee accepts or declines, leaving, removal, and one
 * answer for every address.
 */
import { startTestApp, type TestApp } from '../../test-support/harness';
import { CURRENT_CONSENT } from '../../shared/legal';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());

const stored = async (userId: unknown) => (await app.models.User.findById(userId).lean())!;
const orgOf = async (userId: unknown) => {
  const u = await stored(userId);
  return u.orgId ? String(u.orgId) : null;
};

async function orgWithAdmin(status: 'pending' | 'verified' = 'verified') {
  const org = await app.createOrg({ status });
  return { org, admin: await app.createUser({ org, orgRole: 'org_admin' }) };
}

describe('joining needs the invitee', () => {
  test('when an admin of an unverified organisation posts a user without one to /members, then the user stays free', async () => {
    const { org, admin } = await orgWithAdmin('pending');
    const victim = await app.createUser();
    const res = await app.http('POST', `/api/orgs/${org._id}/members`, {
      token: admin.token,
      body: { email: victim.email },
    });
    expect(res.status).toBe(404);
    expect(await orgOf(victim.user._id)).toBeNull();
    // …and the victim can still found an organisation of its own.
    const own = await app.http('POST', '/api/orgs', {
      token: victim.token,
      body: { name: '受邀人自己的公司', type: 'enterprise', creditCode: app.creditCode(), regionCode: '210100' },
    });
    expect(own.status).toBe(201);
  });

  test('when an admin invites, then nothing changes until the invitee accepts; the invitation shows in their account and notifications', async () => {
    const { org, admin } = await orgWithAdmin();
    const invitee = await app.createUser();
    const sent = await app.http('POST', `/api/orgs/${org._id}/invitations`, {
      token: admin.token,
      body: { email: invitee.email.toUpperCase() },
    });
    expect(sent.status).toBe(201);
    expect(sent.body.invitation).toMatchObject({
      email: invitee.email,
      orgRole: 'member',
      status: 'pending',
      org: { id: String(org._id), name: org.name },
    });
    expect(await orgOf(invitee.user._id)).toBeNull();
    const mine = await app.http('GET', '/api/invitations', { token: invitee.token });
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([sent.body.invitation.id]);
    const notices = await app.models.Notification.find({ userId: invitee.user._id, type: 'org_invitation' }).lean();
    expect(notices).toHaveLength(1);
    expect(notices[0].link).toBe('/account');
    // Admins see the open invitation beside the members.
    expect((await app.http('GET', `/api/orgs/${org._id}/invitations`, { token: admin.token })).body.items).toHaveLength(
      1,
    );

    const accepted = await app.http('POST', `/api/invitations/${sent.body.invitation.id}/accept`, {
      token: invitee.token,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.invitation.status).toBe('accepted');
    const joined = await stored(invitee.user._id);
    expect([String(joined.orgId), joined.orgRole]).toEqual([String(org._id), 'member']);
    // The invitee's live session sees the membership at once.
    expect((await app.http('GET', '/api/auth/me', { token: invitee.token })).body.user.orgId).toBe(String(org._id));
    // Accepting again is harmless; the invitation is closed.
    expect(
      (await app.http('POST', `/api/invitations/${sent.body.invitation.id}/accept`, { token: invitee.token })).status,
    ).toBe(200);
    expect((await app.models.Invitation.findById(sent.body.invitation.id).lean())!.status).toBe('accepted');
    expect((await app.models.Audit.find({ entityId: String(org._id) }).lean()).map((a) => a.action)).toEqual([
      'invite',
      'join',
    ]);
  });

  test('when the invitee declines, then it stays outside and the invitation is closed', async () => {
    const { org, admin } = await orgWithAdmin();
    const invitee = await app.createUser();
    const id = (
      await app.http('POST', `/api/orgs/${org._id}/invitations`, { token: admin.token, body: { email: invitee.email } })
    ).body.invitation.id;
    expect((await app.http('POST', `/api/invitations/${id}/decline`, { token: invitee.token })).status).toBe(200);
    expect(await orgOf(invitee.user._id)).toBeNull();
    expect((await app.http('POST', `/api/invitations/${id}/accept`, { token: invitee.token })).body.error.code).toBe(
      'INVITATION_EXPIRED',
    );
    expect(await orgOf(invitee.user._id)).toBeNull();
    expect((await app.http('GET', '/api/invitations', { token: invitee.token })).body.items).toEqual([]);
  });

  test('when an invitation is past its date, then it cannot be accepted and drops out of the lists', async () => {
    const { org, admin } = await orgWithAdmin();
    const invitee = await app.createUser();
    const id = (
      await app.http('POST', `/api/orgs/${org._id}/invitations`, { token: admin.token, body: { email: invitee.email } })
    ).body.invitation.id;
    await app.models.Invitation.updateOne({ _id: id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await app.http('POST', `/api/invitations/${id}/accept`, { token: invitee.token });
    expect(res.status).toBe(410);
    expect(res.body.error).toMatchObject({ code: 'INVITATION_EXPIRED', message: { zh: '邀请已过期或已失效' } });
    expect(await orgOf(invitee.user._id)).toBeNull();
    expect((await app.http('GET', '/api/invitations', { token: invitee.token })).body.items).toEqual([]);
    // Inviting again opens a fresh one.
    const again = await app.http('POST', `/api/orgs/${org._id}/invitations`, {
      token: admin.token,
      body: { email: invitee.email },
    });
    expect(again.body.invitation.id).not.toBe(id);
    expect(
      (await app.http('POST', `/api/invitations/${again.body.invitation.id}/accept`, { token: invitee.token })).status,
    ).toBe(200);
  });

  test('when someone else tries to accept or decline an invitation, then 404 and nothing changes', async () => {
    const { org, admin } = await orgWithAdmin();
    const invitee = await app.createUser();
    const intruder = await app.createUser();
    const id = (
      await app.http('POST', `/api/orgs/${org._id}/invitations`, { token: admin.token, body: { email: invitee.email } })
    ).body.invitation.id;
    expect((await app.http('POST', `/api/invitations/${id}/accept`, { token: intruder.token })).status).toBe(404);
    expect((await app.http('POST', `/api/invitations/${id}/decline`, { token: intruder.token })).status).toBe(404);
    expect((await app.http('POST', `/api/invitations/${id}/accept`, { token: admin.token })).status).toBe(404);
    expect(await orgOf(intruder.user._id)).toBeNull();
    expect((await app.models.Invitation.findById(id).lean())!.status).toBe('pending');
  });

  test('when a user already in an organisation accepts, then 409 ALREADY_IN_ORG and it stays where it was', async () => {
    const a = await orgWithAdmin();
    const b = await orgWithAdmin();
    const id = (
      await app.http('POST', `/api/orgs/${a.org._id}/invitations`, {
        token: a.admin.token,
        body: { email: b.admin.email },
      })
    ).body.invitation.id;
    const res = await app.http('POST', `/api/invitations/${id}/accept`, { token: b.admin.token });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ALREADY_IN_ORG');
    expect(await orgOf(b.admin.user._id)).toBe(String(b.org._id));
  });

  test('when an admin revokes an open invitation, then the invitee can no longer accept it', async () => {
    const { org, admin } = await orgWithAdmin();
    const invitee = await app.createUser();
    const id = (
      await app.http('POST', `/api/orgs/${org._id}/invitations`, { token: admin.token, body: { email: invitee.email } })
    ).body.invitation.id;
    expect(
      (await app.http('POST', `/api/orgs/${org._id}/invitations/${id}/revoke`, { token: admin.token })).body.invitation
        .status,
    ).toBe('revoked');
    expect((await app.http('POST', `/api/invitations/${id}/accept`, { token: invitee.token })).status).toBe(410);
    expect(await orgOf(invitee.user._id)).toBeNull();
  });

  test('when an invitation names an address with no account yet, then it waits for that account', async () => {
    const { org, admin } = await orgWithAdmin();
    const email = `${app.unique('later')}@test.nekj.cn`;
    expect(
      (await app.http('POST', `/api/orgs/${org._id}/invitations`, { token: admin.token, body: { email } })).status,
    ).toBe(201);
    const registered = await app.http('POST', '/api/auth/register', {
      body: { email, password: 'GoodPass123', name: '后注册的用户', consent: CURRENT_CONSENT },
    });
    const mine = await app.http('GET', '/api/invitations', { token: registered.body.token });
    expect(mine.body.items.map((i: { org: { id: string } }) => i.org.id)).toEqual([String(org._id)]);
  });
});

describe('the inviting admin learns nothing about the address', () => {
  test('when inviting an unknown address, a free user and a user of another organisation, then the three answers are alike', async () => {
    const { org, admin } = await orgWithAdmin();
    const free = await app.createUser();
    const taken = await app.createUser({ org: await app.createOrg() });
    const answers = [];
    for (const email of [`${app.unique('nobody')}@test.nekj.cn`, free.email, taken.email]) {
      const res = await app.http('POST', `/api/orgs/${org._id}/invitations`, { token: admin.token, body: { email } });
      answers.push({
        status: res.status,
        keys: Object.keys(res.body.invitation).sort(),
        status2: res.body.invitation.status,
        role: res.body.invitation.orgRole,
      });
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(answers[0].status).toBe(201);
    expect(await orgOf(free.user._id)).toBeNull();
  });
});

describe('leaving and removal', () => {
  test('when a member leaves, then it is free again and can found its own organisation', async () => {
    const { org } = await orgWithAdmin();
    const member = await app.createUser({ org, orgRole: 'member' });
    expect((await app.http('POST', `/api/orgs/${org._id}/leave`, { token: member.token })).status).toBe(200);
    expect(await orgOf(member.user._id)).toBeNull();
    expect((await stored(member.user._id)).orgRole).toBeNull();
    const own = await app.http('POST', '/api/orgs', {
      token: member.token,
      body: { name: '离开后新建的公司', type: 'enterprise', creditCode: app.creditCode(), regionCode: '210100' },
    });
    expect(own.status).toBe(201);
  });

  test('when the last admin tries to leave, then 409 LAST_ORG_ADMIN; with a second admin it may', async () => {
    const { org, admin } = await orgWithAdmin();
    const res = await app.http('POST', `/api/orgs/${org._id}/leave`, { token: admin.token });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'LAST_ORG_ADMIN',
      message: { en: 'An organisation needs at least one admin; make someone else admin first' },
    });
    expect(await orgOf(admin.user._id)).toBe(String(org._id));
    await app.createUser({ org, orgRole: 'org_admin' });
    expect((await app.http('POST', `/api/orgs/${org._id}/leave`, { token: admin.token })).status).toBe(200);
    expect(await orgOf(admin.user._id)).toBeNull();
  });

  test('when an admin removes a member, then the member is out; members cannot remove, other organisations get 404', async () => {
    const { org, admin } = await orgWithAdmin();
    const member = await app.createUser({ org, orgRole: 'member' });
    const colleague = await app.createUser({ org, orgRole: 'member' });
    const stranger = await orgWithAdmin();
    const path = `/api/orgs/${org._id}/members/${member.user._id}`;
    expect((await app.http('DELETE', path, { token: colleague.token })).status).toBe(403);
    expect((await app.http('DELETE', path, { token: stranger.admin.token })).status).toBe(404);
    expect(await orgOf(member.user._id)).toBe(String(org._id));
    expect((await app.http('DELETE', path, { token: admin.token })).status).toBe(200);
    expect(await orgOf(member.user._id)).toBeNull();
    expect((await app.http('GET', '/api/auth/me', { token: member.token })).body.user.orgId).toBeNull();
    // Removing the last admin (itself) is refused the same way as leaving.
    expect(
      (await app.http('DELETE', `/api/orgs/${org._id}/members/${admin.user._id}`, { token: admin.token })).body.error
        .code,
    ).toBe('LAST_ORG_ADMIN');
    // A user of another organisation cannot be "removed" from this one.
    expect(
      (await app.http('DELETE', `/api/orgs/${org._id}/members/${stranger.admin.user._id}`, { token: admin.token }))
        .status,
    ).toBe(404);
    expect(await orgOf(stranger.admin.user._id)).toBe(String(stranger.org._id));
  });
});
