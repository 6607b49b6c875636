/**
 * Issue 13, item 3: every event a party must act on reaches exactly the right people and nobody else — in
 * the notification centre, as a socket frame and as an e-mail in the outbox — and a switched-off category
 * is neither stored nor mailed. Each step is checked as a delta: the notices stored by that step alone,
 * grouped by user, must equal the expected recipients with the expected type.
 */
import { achievementBody } from '../../test-support/catalog-fixtures';
import { startTestApp, type TestApp } from '../../test-support/harness';
import { clientId, connect, offerTerms } from '../../test-support/negotiation-fixtures';

let app: TestApp;
let cast: Awaited<ReturnType<TestApp['cast']>>;
let broker: Awaited<ReturnType<TestApp['createUser']>>;
let outsider: Awaited<ReturnType<TestApp['createUser']>>;
beforeAll(async () => {
  app = await startTestApp({ SEARCH_SYNC: 'external' });
  cast = await app.cast();
  broker = await app.createUser({ roles: ['broker'], brokerCertNo: 'JJR-2026-0042' });
  outsider = await app.createUser({ org: await app.createOrg() });
});
afterAll(() => app.stop());

type Who = { token: string; user: { _id: unknown } };
const id = (w: { user: { _id: unknown } }) => String(w.user._id);

/** Runs a step and answers the notices it stored: user id → types (sorted). */
async function delta(step: () => Promise<unknown>): Promise<Record<string, string[]>> {
  const before = new Set((await app.models.Notification.find({}, { _id: 1 }).lean()).map((n) => String(n._id)));
  await step();
  await app.settled();
  const after = await app.models.Notification.find({}).lean();
  const out: Record<string, string[]> = {};
  for (const n of after.filter((x) => !before.has(String(x._id)))) (out[String(n.userId)] ??= []).push(String(n.type));
  for (const k of Object.keys(out)) out[k].sort();
  return out;
}
const to = (who: Who[], type: string) => Object.fromEntries(who.map((w) => [id(w), [type]]));
const call = async (method: string, path: string, who: Who, body?: unknown) => {
  const r = await app.http(method, path, { token: who.token, body });
  if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

test('when a listing is rejected, then the owner organisation hears the reason and nobody else does', async () => {
  const seller = [cast.owner, cast.member];
  const created = await call(
    'POST',
    '/api/achievements',
    cast.owner,
    achievementBody({ title: '被退回的测试成果名称' }),
  );
  const lid = created.achievement.id;
  await call('POST', `/api/achievements/${lid}/submit`, cast.owner);
  expect(
    await delta(() =>
      call('POST', `/api/achievements/${lid}/review`, cast.hubOperator, {
        decision: 'reject',
        reason: '缺少专利证书扫描件',
      }),
    ),
  ).toEqual(to(seller, 'listing_rejected'));
  const notices = await app.models.Notification.find({
    body: { zh: '原因：缺少专利证书扫描件', en: 'Reason: 缺少专利证书扫描件' },
  }).lean();
  expect(notices.map((n) => String(n.userId)).sort()).toEqual(seller.map(id).sort());
  await call('POST', `/api/achievements/${lid}/submit`, cast.owner);
  expect(
    await delta(() => call('POST', `/api/achievements/${lid}/review`, cast.hubOperator, { decision: 'approve' })),
  ).toEqual(to(seller, 'listing_approved'));
});

test('the deal trail: each step tells exactly the parties who must act or would want to know', async () => {
  const seller = [cast.owner, cast.member];
  const buyer = [cast.other];
  const achievementId = (await call('POST', '/api/achievements', cast.owner, achievementBody())).achievement.id;
  await call('POST', `/api/achievements/${achievementId}/submit`, cast.owner);
  await call('POST', `/api/achievements/${achievementId}/review`, cast.hubOperator, { decision: 'approve' });

  // The seller's member is listening on a socket: the notice arrives live.
  const socket = await connect(app.url, cast.member.token);
  const live: string[] = [];
  socket.on('notification:new', (n) => live.push(n.type));

  let roomId = '';
  expect(
    await delta(async () => {
      roomId = (
        await call('POST', '/api/negotiations', cast.other, { subject: { kind: 'achievement', id: achievementId } })
      ).negotiation.id;
    }),
  ).toEqual(to(seller, 'negotiation_opened'));

  expect(
    await delta(() => call('POST', `/api/negotiations/${roomId}/brokers`, cast.other, { brokerId: id(broker) })),
  ).toEqual(to([broker], 'broker_invited'));
  expect(
    await delta(() =>
      call('POST', `/api/negotiations/${roomId}/broker-decision`, broker, {
        decision: 'accept',
        commission: { kind: 'percent', bp: 300 },
      }),
    ),
  ).toEqual(to([...seller, ...buyer], 'broker_accepted'));
  // The broker's 我的洽谈 (the list without a role filter, as the page asks it) holds the room.
  const brokersList = await call('GET', '/api/negotiations', broker);
  expect(brokersList.items.map((r: { id: string }) => r.id)).toContain(roomId);

  let offerId = '';
  expect(
    await delta(async () => {
      offerId = (
        await call('POST', `/api/negotiations/${roomId}/offers`, cast.other, {
          clientMessageId: clientId(),
          terms: offerTerms(),
        })
      ).offer.id;
    }),
  ).toEqual(to([...seller, broker], 'offer_made'));
  let counterId = '';
  expect(
    await delta(async () => {
      counterId = (
        await call('POST', `/api/negotiations/${roomId}/offers`, cast.owner, {
          clientMessageId: clientId(),
          counterTo: offerId,
          terms: offerTerms({ amountFen: 1_500_000_00 }),
        })
      ).offer.id;
    }),
  ).toEqual(to([...buyer, broker], 'offer_countered'));

  // The buyer accepts: the seller's side (whose offer it was) and the broker hear it; every member of both
  // sides is told the contract is ready to sign (the accepting user too: signing is still to do).
  let contractId = '';
  const accepted = await delta(async () => {
    contractId = (await call('POST', `/api/negotiations/${roomId}/offers/${counterId}/accept`, cast.other)).deal
      .contractId;
  });
  expect(accepted).toEqual({
    [id(cast.owner)]: ['contract_ready', 'offer_accepted'],
    [id(cast.member)]: ['contract_ready', 'offer_accepted'],
    [id(cast.other)]: ['contract_ready'],
    [id(broker)]: ['offer_accepted'],
  });

  const c = (await call('GET', `/api/contracts/${contractId}`, cast.other)).contract;
  expect(
    await delta(() => call('POST', `/api/contracts/${contractId}/sign`, cast.other, { docHash: c.docHash })),
  ).toEqual(to(seller, 'contract_signed_by_other'));
  expect(
    await delta(() => call('POST', `/api/contracts/${contractId}/sign`, cast.owner, { docHash: c.docHash })),
  ).toEqual(to([cast.member, ...buyer], 'contract_signed'));
  let regId = '';
  expect(
    await delta(async () => {
      regId = (await call('POST', `/api/contracts/${contractId}/registration`, cast.owner, {})).registration.id;
    }),
  ).toEqual(to([cast.member, ...buyer], 'contract_filed'));
  expect(
    await delta(() =>
      call('POST', `/api/registrations/${regId}/decision`, cast.official, {
        decision: 'reject',
        reason: '技术交易额须附评估报告',
      }),
    ),
  ).toEqual(to([...seller, ...buyer], 'registration_returned'));
  // The reason goes to the seller, who files; the buyer hears the outcome only.
  const returned = await app.models.Notification.find({
    type: 'registration_returned',
    link: `/contracts/${contractId}`,
  }).lean();
  for (const n of returned)
    expect(n.body!.zh!.includes('技术交易额须附评估报告')).toBe(seller.map(id).includes(String(n.userId)));

  // Nobody outside the trail was told anything; every notice has its e-mail in the outbox.
  expect(await app.models.Notification.countDocuments({ userId: outsider.user._id })).toBe(0);
  const trail = await app.models.Notification.find({
    link: { $in: [`/negotiations/${roomId}`, `/contracts/${contractId}`] },
  }).lean();
  const mails = await app.models.MailOutbox.find({
    _id: { $in: trail.map((n) => `notify:${n.key}:${n.userId}`) },
  }).lean();
  expect(mails).toHaveLength(trail.length);
  expect(mails.every((m) => m.status === 'sent')).toBe(true);
  expect(live).toEqual(
    expect.arrayContaining(['negotiation_opened', 'offer_made', 'offer_accepted', 'contract_ready']),
  );
  socket.close();
});

test('when a user switches a category off, then its notices are neither stored nor mailed for that user', async () => {
  await call('PUT', '/api/notifications/preferences', cast.member, { off: ['negotiation'] });
  const achievementId = (
    await call('POST', '/api/achievements', cast.owner, achievementBody({ title: '通知设置测试成果' }))
  ).achievement.id;
  await call('POST', `/api/achievements/${achievementId}/submit`, cast.owner);
  await call('POST', `/api/achievements/${achievementId}/review`, cast.hubOperator, { decision: 'approve' });
  expect(
    await delta(() =>
      call('POST', '/api/negotiations', cast.other, { subject: { kind: 'achievement', id: achievementId } }),
    ),
  ).toEqual(to([cast.owner], 'negotiation_opened'));
  // The listing's approval (category listing, still on) was mailed to both; the negotiation to the owner only.
  const mailed = await app.models.MailOutbox.find({ subject: /通知设置测试成果/ }, { _id: 1 }).lean();
  expect(mailed.map((m) => String(m._id)).filter((k) => k.startsWith('notify:negotiation:'))).toEqual([
    expect.stringMatching(new RegExp(`:${id(cast.owner)}$`)),
  ]);
  await call('PUT', '/api/notifications/preferences', cast.member, { off: [] });
});
