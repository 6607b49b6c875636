/**
 * Makers (创客, issue 16 item 5): a person without an organisation registers as a maker, is verified by an
 * operator with an ID document, publishes an achievement through review, answers a challenge, requests
 * financing and files a contract in which it is a party by its resident ID — which passes the registration
 * checks. Bad input is refused with zh/en messages and stores nothing; the full ID is never stored.
 */
import { needBody, publish } from '../../test-support/catalog-fixtures';
import { paperTerms } from '../../test-support/contract-fixtures';
import { openRequest } from '../../test-support/financing-fixtures';
import { startTestApp, type TestApp } from '../../test-support/harness';
import { individualMaker, makerTeam, registerMaker, verifyMaker } from '../../test-support/maker-fixtures';

let app: TestApp;
let cast: Awaited<ReturnType<TestApp['cast']>>;
beforeAll(async () => {
  app = await startTestApp();
  cast = await app.cast();
});
afterAll(() => app.stop());

const expectError = (res: { status: number; body: any }, status: number, code: string) => {
  expect([res.status, res.body.error?.code]).toEqual([status, code]);
  expect(res.body.error.message.zh).toMatch(/[\u4e00-\u9fff]/);
  expect(res.body.error.message.en).toMatch(/[a-z]/);
};
const noticesOf = async (userId: unknown, type: string) => app.models.Notification.countDocuments({ userId, type });

test('when a person registers, is verified and works as a maker, then listings, challenges, financing and a registered contract follow', async () => {
  const person = await app.createUser();
  const body = individualMaker();
  const res = await app.http('POST', '/api/makers', { token: person.token, body });
  expect(res.status).toBe(201);
  const makerId = res.body.maker.id as string;
  expect(res.body.maker).toMatchObject({ kind: 'individual', name: '李创', verificationStatus: 'pending' });
  expect(res.body.maker.idMasked).toBe(`${body.idNumber.slice(0, 4)}**********${body.idNumber.slice(14)}`);
  // The full number is nowhere in the stored record; the maker has no credit code.
  const stored = await app.models.Org.findById(makerId).lean();
  expect(JSON.stringify(stored)).not.toContain(body.idNumber);
  expect(stored!.creditCode).toBeUndefined();
  expect(stored!.type).toBe('maker_individual');

  // The same person cannot register twice.
  const twice = await app.createUser();
  expectError(await app.http('POST', '/api/makers', { token: twice.token, body }), 409, 'MAKER_ID_TAKEN');

  // Unverified: the review queue refuses to approve without an ID document.
  expectError(
    await app.http('POST', `/api/orgs/${makerId}/verify`, {
      token: cast.hubOperator.token,
      body: { decision: 'approve' },
    }),
    409,
    'LICENCE_MISSING',
  );
  await verifyMaker(app, person, makerId, cast.hubOperator);
  const verified = await app.models.Org.findById(makerId).lean();
  expect([verified!.verification!.status, verified!.licence!.kind]).toEqual(['verified', 'id_document']);
  await app.settled();
  expect(await noticesOf(person.user._id, 'org_verified')).toBe(1);

  // Publishes an achievement through review; it shows in the catalogue as a maker's.
  const achievementId = await publish(app, 'achievements', person, cast.hubOperator);
  const listing = await app.http('GET', `/api/achievements/${achievementId}`);
  expect(listing.status).toBe(200);
  expect(listing.body.achievement.ownerOrg).toMatchObject({ id: makerId, type: 'maker_individual' });
  const other = await publish(app, 'achievements', cast.owner, cast.hubOperator);
  const ids = async (qs: string) =>
    (await app.http('GET', `/api/achievements?pageSize=100&${qs}`)).body.items.map((i: { id: string }) => i.id);
  expect(await ids('maker=true')).toEqual([achievementId]);
  expect(await ids('maker=false')).toEqual(expect.arrayContaining([other]));
  expect(await ids('maker=false')).not.toContain(achievementId);
  expect(await ids('maker=true&orgType=enterprise')).toEqual([]);
  expectError(await app.http('GET', '/api/achievements?maker=yes'), 400, 'VALIDATION_FAILED');

  // Answers a challenge (揭榜挂帅).
  const challenge = await publish(
    app,
    'needs',
    cast.other,
    cast.hubOperator,
    needBody({ challenge: { rewardFen: 300_000_000, closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString() } }),
  );
  const proposal = await app.http('POST', `/api/needs/${challenge}/proposals`, {
    token: person.token,
    body: { summary: '结构光视觉焊缝跟踪方案，个人创客独立完成样机。', plan: '三个月完成样机', priceFen: 50_000_000 },
  });
  expect(proposal.status).toBe(201);

  // Requests financing and opens it.
  const requestId = await openRequest(app, person);
  expect((await app.http('GET', `/api/financing/requests/${requestId}`, { token: person.token })).status).toBe(200);

  // A paper contract in which the maker is the seller by its resident ID; a wrong ID is refused.
  const makerOrg = { ...verified!, creditCode: body.idNumber };
  const terms = paperTerms(app, makerOrg, {
    title: '焊缝视觉跟踪软件技术开发合同',
    category: 'development',
    subType: 'commissioned',
    ip: [],
    exclusivity: null,
    seller: {
      name: '李创',
      creditCode: body.idNumber,
      regionCode: '210100',
      orgType: 'maker_individual',
      idType: 'resident_id',
    },
  });
  const wrong = { ...terms, seller: { ...terms.seller, creditCode: '210102199001011237' } };
  expectError(
    await app.http('POST', '/api/contracts', { token: person.token, body: { terms: wrong } }),
    422,
    'MAKER_ID_MISMATCH',
  );
  const made = await app.http('POST', '/api/contracts', { token: person.token, body: { terms } });
  expect(made.status).toBe(201);
  expect(made.body.contract.terms.seller).toMatchObject({ creditCode: body.idNumber, idType: 'resident_id' });
  const filed = await app.http('POST', `/api/contracts/${made.body.contract.id}/registration`, {
    token: person.token,
    body: {},
  });
  expect(filed.status).toBe(201);
  const official = await app.createUser({ roles: ['official'], officialRegion: '210100' });
  const decided = await app.http('POST', `/api/registrations/${filed.body.registration.id}/decision`, {
    token: official.token,
    body: { decision: 'approve', assessedTechAmountFen: terms.techAmountFen },
  });
  expect(decided.status).toBe(200);
  const checks = (await app.http('GET', `/api/contracts/${made.body.contract.id}`, { token: person.token })).body
    .contract;
  expect(checks.status).toBe('registered');
});

test('when a team registers with members invited, then the invitations wait for them and a return tells the reason', async () => {
  const leader = await app.createUser();
  const member = await app.createUser();
  const teamId = await registerMaker(app, leader, makerTeam({ inviteEmails: [member.email, leader.email] }));
  const invitations = await app.models.Invitation.find({ orgId: teamId }).lean();
  expect(invitations.map((i) => i.email)).toEqual([member.email]);
  const mine = await app.http('GET', '/api/invitations', { token: member.token });
  const invitation = mine.body.items.find((i: { org: { id: string } }) => i.org.id === teamId);
  expect((await app.http('POST', `/api/invitations/${invitation.id}/accept`, { token: member.token })).status).toBe(
    200,
  );
  expect(String((await app.models.User.findById(member.user._id).lean())!.orgId)).toBe(teamId);

  // Returned with a reason: both members are told.
  await app.http('POST', `/api/orgs/${teamId}/verify`, {
    token: cast.hubOperator.token,
    body: { decision: 'reject', reason: '身份证照片不清晰' },
  });
  await app.settled();
  expect(await noticesOf(leader.user._id, 'org_returned')).toBe(1);
  expect(await noticesOf(member.user._id, 'org_returned')).toBe(1);

  // The directory shows verified makers only, by field and region, with the total.
  const before = (await app.http('GET', '/api/makers?fieldCode=NEN')).body;
  expect(before.items.map((m: { id: string }) => m.id)).not.toContain(teamId);
});

test('when the directory is filtered, then totals count the matches', async () => {
  const a = await app.createUser();
  const aId = await registerMaker(
    app,
    a,
    individualMaker({ fields: ['SEA'], regionCode: '210200', realName: '海洋创客' }),
  );
  await verifyMaker(app, a, aId, cast.hubOperator);
  const sea = (await app.http('GET', '/api/makers?fieldCode=SEA')).body;
  expect(sea.items.map((m: { id: string }) => m.id)).toEqual([aId]);
  expect(sea.total).toBe(1);
  expect((await app.http('GET', '/api/makers?fieldCode=SEA&regionCode=210100')).body.total).toBe(0);
  expect((await app.http('GET', '/api/makers?fieldCode=SEA&kind=team')).body.total).toBe(0);
});

test.each([
  ['an ID with a wrong check character', { idNumber: '210102199001011230' }],
  ['an ID of 17 digits', { idNumber: '21010219900101123' }],
  ['an operator object as ID', { idNumber: { $ne: null } }],
  ['no field', { fields: [] }],
  ['an unknown field', { fields: ['XYZ'] }],
  ['an oversized bio', { bio: '字'.repeat(501) }],
  ['an unknown property', { creditCode: '91210100MA0XXXXX0X' }],
  ['an unknown kind', { kind: 'company' }],
])('when a registration has %s, then 400 VALIDATION_FAILED in zh and en and nothing is stored', async (_l, over) => {
  const person = await app.createUser();
  const before = await app.models.Org.countDocuments();
  expectError(
    await app.http('POST', '/api/makers', { token: person.token, body: individualMaker(over) }),
    400,
    'VALIDATION_FAILED',
  );
  expect(await app.models.Org.countDocuments()).toBe(before);
  expect((await app.models.User.findById(person.user._id).lean())!.orgId).toBeNull();
});
