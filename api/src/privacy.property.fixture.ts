/**
 * The world of the privacy property (privacy.property.test.ts): five organisations, each with the same private
 * things (contracts awaiting or declined, a draft and a confidential achievement, a negotiation room, a file, a
 * notification, a contract import), each recorded as a Secret with its parties, markers and read routes; and
 * every list a member can call. `startWorld()` starts the real app (bound to `app` below, live) and builds it.
 */
import crypto from 'node:crypto';
import { Types } from 'mongoose';
import type { CompanyOrgRecord as OrgRecord } from './modules/orgs/org.model';
import { achievementBody, files, upload } from './test-support/catalog-fixtures';
import { paperTerms } from './test-support/contract-fixtures';
import { startTestApp, type TestApp } from './test-support/harness';
import { contractColumns } from './modules/contracts/contract-import';

export const ORGS = 5;

export type Who = { token: string };
export interface Member extends Who {
  org: OrgRecord;
  userId: Types.ObjectId;
}
/** Something private: who may see it, what gives it away in a response, and the routes that read it. */
export interface Secret {
  what: string;
  owner: number;
  parties: Set<number>;
  markers: string[];
  reads: string[];
}

export let app: TestApp;
export const members: Member[] = [];
export const secrets: Secret[] = [];
/** Contract titles that must be on no statement yet (not signed by both sides). */
export const unconfirmedTitles: string[] = [];
const salt = crypto.randomBytes(3).toString('hex');
const mark = (kind: string, i: number) => `${kind}${i}X${salt}`;
const partyOf = (o: OrgRecord) => ({
  name: o.name,
  creditCode: o.creditCode,
  regionCode: o.regionCode,
  orgType: o.type,
});

async function ok<T = any>(res: Promise<{ status: number; body: T }>, expected: number, what: string): Promise<T> {
  const r = await res;
  if (r.status !== expected) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

async function buildWorld(i: number, reviewer: Who) {
  const me = members[i];
  const next = members[(i + 1) % ORGS];
  const second = members[(i + 2) % ORGS];
  const third = members[(i + 3) % ORGS];
  const post = (path: string, who: Who, body?: unknown) => app.http('POST', path, { token: who.token, body });

  // Contracts: awaiting the next organisation, declined by the second, and one whose buyer is off the platform.
  const awaitingTitle = `待确认合同${mark('CAWAIT', i)}`;
  const awaiting = (
    await ok(
      post('/api/contracts', me, {
        terms: paperTerms(app, me.org, { title: awaitingTitle, buyer: partyOf(next.org) }),
      }),
      201,
      'awaiting',
    )
  ).contract;
  const declinedTitle = `被拒合同${mark('CDECL', i)}`;
  const declined = (
    await ok(
      post('/api/contracts', me, {
        terms: paperTerms(app, me.org, { title: declinedTitle, buyer: partyOf(second.org) }),
      }),
      201,
      'declined',
    )
  ).contract;
  await ok(
    post(`/api/contracts/${declined.id}/confirmation`, second, { decision: 'decline', reason: '未签订此合同' }),
    200,
    'decline',
  );
  const ownTitle = `自有合同${mark('COWN', i)}`;
  const own = (
    await ok(post('/api/contracts', me, { terms: paperTerms(app, me.org, { title: ownTitle }) }), 201, 'own')
  ).contract;
  // The attack of finding 1: the seller opens the payment pages (which make a signed contract's payables).
  for (const c of [awaiting, declined, own])
    await app.http('GET', `/api/payments/contracts/${c.id}`, { token: me.token });
  unconfirmedTitles.push(awaitingTitle, declinedTitle);
  const contractReads = (id: string) => [
    `/api/contracts/${id}`,
    `/api/contracts/${id}/document.pdf`,
    `/api/payments/contracts/${id}`,
  ];
  secrets.push(
    {
      what: 'contract awaiting confirmation',
      owner: i,
      parties: new Set([i, (i + 1) % ORGS]),
      markers: [awaitingTitle, awaiting.id],
      reads: contractReads(awaiting.id),
    },
    {
      what: 'declined contract',
      owner: i,
      parties: new Set([i, (i + 2) % ORGS]),
      markers: [declinedTitle, declined.id],
      reads: contractReads(declined.id),
    },
    {
      what: 'own contract',
      owner: i,
      parties: new Set([i]),
      markers: [ownTitle, own.id],
      reads: contractReads(own.id),
    },
  );

  // Listings: a draft, and a published achievement with confidential details the third organisation unlocked.
  const draftTitle = `草稿成果${mark('LDRAFT', i)}`;
  const draft = (await ok(post('/api/achievements', me, achievementBody({ title: draftTitle })), 201, 'draft'))
    .achievement;
  secrets.push({
    what: 'draft achievement',
    owner: i,
    parties: new Set([i]),
    markers: [draftTitle, draft.id],
    reads: [`/api/achievements/${draft.id}`],
  });
  const secret = `机密工艺参数${mark('LSECRET', i)}`;
  const published = (
    await ok(
      post(
        '/api/achievements',
        me,
        achievementBody({
          title: `公开成果${i}${salt}`,
          confidential: { details: secret, contact: { name: '王老师', phone: '024-83687000' }, attachmentIds: [] },
        }),
      ),
      201,
      'listing',
    )
  ).achievement;
  await ok(post(`/api/achievements/${published.id}/submit`, me), 200, 'submit');
  await ok(post(`/api/achievements/${published.id}/review`, reviewer, { decision: 'approve' }), 200, 'approve');
  await ok(post(`/api/achievements/${published.id}/nda`, third), 200, 'nda');
  secrets.push({
    what: 'confidential details',
    owner: i,
    parties: new Set([i, (i + 3) % ORGS]),
    markers: [secret],
    reads: [],
  });

  // A room the next organisation opened on the published achievement, with a first message.
  const message = `洽谈留言${mark('NMSG', i)}`;
  const room = (
    await ok(
      post('/api/negotiations', next, { subject: { kind: 'achievement', id: published.id }, message }),
      201,
      'room',
    )
  ).negotiation;
  const roomReads = ['', '/events', '/offers', '/participants'].map((s) => `/api/negotiations/${room.id}${s}`);
  secrets.push({
    what: 'negotiation room',
    owner: i,
    parties: new Set([i, (i + 1) % ORGS]),
    markers: [message, room.id],
    reads: roomReads,
  });

  // An uploaded file, a notification, a contract import.
  const filename = `${mark('AFILE', i)}.pdf`;
  const att = await upload(app, me, filename, files.pdf());
  if (att.status !== 201) throw new Error(`upload: ${JSON.stringify(att.body)}`);
  secrets.push({
    what: 'attachment',
    owner: i,
    parties: new Set([i]),
    markers: [filename, att.body.attachment.id],
    reads: [`/api/attachments/${att.body.attachment.id}`],
  });
  const note = `通知${mark('NOTE', i)}`;
  await app.running.ctx.services.notifications.notifyUsers([me.userId], {
    key: `privacy:${i}:${salt}`,
    type: 'listing_match',
    title: { zh: note, en: note },
    body: { zh: note, en: note },
    link: '/',
  });
  secrets.push({ what: 'notification', owner: i, parties: new Set([i]), markers: [note], reads: [] });
  const importTitle = `导入合同${mark('IROW', i)}`;
  const csv = `${contractColumns.join(',')}\n${importTitle},技术服务,技术服务,EQP,解决焊缝跟踪精度不足问题,营口焊装有限公司,${app.creditCode('210800')},营口,企业,300000,300000,2026-02-10,2026-02-10,2026-08-10,,,,,\n`;
  const form = new FormData();
  form.append('file', new Blob([Buffer.from(csv)], { type: 'text/csv' }), `${mark('IFILE', i)}.csv`);
  const imported = await fetch(`${app.url}/api/contracts/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${me.token}` },
    body: form,
  });
  const job = ((await imported.json()) as { job: { id: string } }).job;
  secrets.push({
    what: 'contract import',
    owner: i,
    parties: new Set([i]),
    markers: [importTitle, mark('IFILE', i), job.id],
    reads: [`/api/imports/${job.id}`],
  });
}

/** Every list a member can call, answered for this viewer (its own statement included). */
export async function listsOf(viewer: Member): Promise<Array<{ path: string; body: string }>> {
  const paths = [
    '/api/contracts?pageSize=100',
    '/api/achievements?scope=public&pageSize=100',
    '/api/achievements?scope=mine&pageSize=100',
    '/api/needs?scope=public&pageSize=100',
    '/api/negotiations',
    '/api/notifications?pageSize=100',
    '/api/imports?kind=contract',
    '/api/imports?kind=achievement',
    '/api/payments/deposits',
    `/api/payments/orgs/${viewer.org._id}/statement`,
    '/api/search?q=%E6%88%90%E6%9E%9C',
  ];
  const out = [];
  for (const path of paths) {
    const res = await app.http('GET', path, { token: viewer.token });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status} to a member: ${JSON.stringify(res.body)}`);
    out.push({ path, body: JSON.stringify(res.body) });
  }
  return out;
}

/** Starts the app in a database of its own and builds every organisation's world in it. */
export async function startWorld(): Promise<void> {
  app = await startTestApp({ SEARCH_SYNC: 'external' });
  const regions = ['210100', '210200', '210300', '210500', '210800'];
  for (let i = 0; i < ORGS; i++) {
    const org = await app.createOrg({ regionCode: regions[i], type: i % 2 ? 'enterprise' : 'university' });
    const u = await app.createUser({ org });
    members.push({ token: u.token, org, userId: u.user._id as Types.ObjectId });
  }
  const reviewer = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['HUB'] });
  for (let i = 0; i < ORGS; i++) await buildWorld(i, reviewer);
  await app.running.ctx.services.imports.idle();
}
