/**
 * Listings through HTTP: no confidential field in any public response (until an NDA is accepted), and the
 * public list, the review queue and "mine". Set-up in listings.fixture.ts.
 */
import { achievementBody, files, publish, upload } from '../../test-support/catalog-fixtures';
import { app, cast, SECRET, useListingsApp } from './listings.fixture';

useListingsApp();

describe('confidentiality: no confidential field in any public response', () => {
  let id: string;
  const FILE = '合金成分表-机密.pdf';
  beforeAll(async () => {
    const file = await upload(app, cast.owner, FILE, files.pdf());
    const body = achievementBody();
    id = await publish(app, 'achievements', cast.owner, cast.hubOperator, {
      ...body,
      confidential: { ...body.confidential, attachmentIds: [file.body.attachment.id] },
    });
  });

  test('when anyone lists or reads it without an NDA, then the secret, contact and attachments are absent', async () => {
    const responses = [
      await app.http('GET', '/api/achievements?pageSize=100'),
      await app.http('GET', `/api/achievements?pageSize=100&fieldCode=MAT`),
      await app.http('GET', `/api/achievements/${id}`),
      await app.http('GET', `/api/achievements/${id}`, { token: cast.other.token }),
      await app.http('GET', `/api/achievements/${id}`, { token: cast.official.token }),
      await app.http('GET', `/api/orgs/${cast.ownerOrg._id}`),
    ];
    for (const r of responses) {
      const text = JSON.stringify(r.body);
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('024-83687000');
      expect(text).not.toContain('"confidential"');
      expect(text).not.toContain(FILE);
    }
  });

  test('when a verified organisation accepts the NDA, then it (and only it) sees the details, and the acceptance is recorded', async () => {
    expect((await app.http('POST', `/api/achievements/${id}/nda`)).status).toBe(401);
    expect((await app.http('POST', `/api/achievements/${id}/nda`, { token: cast.owner.token })).status).toBe(403);
    const pendingOrg = await app.createOrg({ status: 'pending' });
    const unverified = await app.createUser({ org: pendingOrg });
    expect((await app.http('POST', `/api/achievements/${id}/nda`, { token: unverified.token })).body.error.code).toBe(
      'ORG_NOT_VERIFIED',
    );

    const res = await app.http('POST', `/api/achievements/${id}/nda`, {
      token: cast.other.token,
      headers: { 'user-agent': 'jest-nda' },
    });
    expect(res.status).toBe(200);
    expect(res.body.achievement.view).toBe('nda');
    expect(JSON.stringify(res.body.achievement.confidential)).toContain(SECRET);
    // Its files come with their names (the listing itself stores only their ids).
    expect(res.body.achievement.confidential.attachments).toEqual([
      expect.objectContaining({ filename: FILE, mime: 'application/pdf' }),
    ]);
    const record = await app.models.Nda.findOne({ listingId: id, orgId: cast.otherOrg._id }).lean();
    expect(record).toMatchObject({ userId: cast.other.user._id, textVersion: '2026-01', userAgent: 'jest-nda' });
    expect(record!.ip).toBeTruthy();
    // A second acceptance keeps the first record.
    await app.http('POST', `/api/achievements/${id}/nda`, { token: cast.other.token });
    expect(await app.models.Nda.countDocuments({ listingId: id })).toBe(1);
    // Colleagues in the same organisation benefit; others still do not.
    const colleague = await app.createUser({ org: cast.otherOrg, orgRole: 'member' });
    expect(
      JSON.stringify((await app.http('GET', `/api/achievements/${id}`, { token: colleague.token })).body),
    ).toContain(SECRET);
    expect(
      JSON.stringify((await app.http('GET', `/api/achievements/${id}`, { token: cast.official.token })).body),
    ).not.toContain(SECRET);
    // Lists never carry it, NDA or not.
    expect(
      JSON.stringify((await app.http('GET', '/api/achievements?pageSize=100', { token: cast.other.token })).body),
    ).not.toContain(SECRET);
  });
});

describe('lists', () => {
  test('when filtering and paging the public list, then only published listings in the filter come back', async () => {
    const region = '211400';
    for (let i = 0; i < 3; i++)
      await publish(
        app,
        'achievements',
        cast.owner,
        cast.hubOperator,
        achievementBody({ regionCode: region, title: `葫芦岛泳装面料抗菌整理技术${i}` }),
      );
    await app.http('POST', '/api/achievements', {
      token: cast.owner.token,
      body: achievementBody({ regionCode: region }),
    });
    const p1 = await app.http('GET', `/api/achievements?regionCode=${region}&pageSize=2`);
    expect(p1.body.total).toBe(3);
    expect(p1.body.items).toHaveLength(2);
    expect(p1.body.items[0]).toMatchObject({ regionCode: region, ownerOrg: { id: String(cast.ownerOrg._id) } });
    const q = await app.http('GET', `/api/achievements?q=${encodeURIComponent('泳装面料')}&regionCode=${region}`);
    expect(q.body.total).toBe(3);
    const mine = await app.http('GET', `/api/achievements?scope=mine&status=draft&regionCode=${region}`, {
      token: cast.member.token,
    });
    expect(mine.body.total).toBe(1);
    expect(mine.body.items[0].status).toBe('draft');
  });

  test('when an outsider asks for the review queue or "mine", then 403 / an empty page', async () => {
    expect((await app.http('GET', '/api/achievements?scope=review')).status).toBe(401);
    expect((await app.http('GET', '/api/achievements?scope=review', { token: cast.owner.token })).status).toBe(403);
    expect((await app.http('GET', '/api/achievements?scope=mine', { token: cast.official.token })).body.total).toBe(0);
    expect((await app.http('GET', '/api/achievements?status=draft')).status).toBe(400);
  });
});
