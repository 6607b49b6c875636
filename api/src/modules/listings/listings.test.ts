import { achievementBody, files, needBody, publish, upload } from '../../test-support/catalog-fixtures';
import { startTestApp, type TestApp } from '../../test-support/harness';

let app: TestApp;
let cast: Awaited<ReturnType<TestApp['cast']>>;
beforeAll(async () => {
  // No in-process search-sync: these tests check that writes leave listings flagged for it.
  app = await startTestApp({ SEARCH_SYNC: 'external' });
  cast = await app.cast();
});
afterAll(() => app.stop());

const SECRET = '机密：合金成分';

describe('review state machine through HTTP', () => {
  test('when a draft is submitted and approved, then it goes draft → pending_review → published and becomes public', async () => {
    const created = await app.http('POST', '/api/achievements', { token: cast.owner.token, body: achievementBody() });
    expect(created.status).toBe(201);
    const id = created.body.achievement.id;
    expect(created.body.achievement.status).toBe('draft');
    expect((await app.http('GET', `/api/achievements/${id}`)).status).toBe(404);

    const submitted = await app.http('POST', `/api/achievements/${id}/submit`, { token: cast.owner.token });
    expect(submitted.body.achievement.status).toBe('pending_review');
    // Not editable while waiting for review.
    expect(
      (await app.http('PATCH', `/api/achievements/${id}`, { token: cast.owner.token, body: { trl: 7 } })).status,
    ).toBe(409);

    const queue = await app.http('GET', '/api/achievements?scope=review', { token: cast.hubOperator.token });
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(id);

    const approved = await app.http('POST', `/api/achievements/${id}/review`, {
      token: cast.hubOperator.token,
      body: { decision: 'approve' },
    });
    expect(approved.body.achievement.status).toBe('published');
    expect(approved.body.achievement.history.map((h: { action: string }) => h.action)).toEqual([
      'create',
      'submit',
      'approve',
    ]);
    const pub = await app.http('GET', `/api/achievements/${id}`);
    expect(pub.status).toBe(200);
    expect(pub.body.achievement).toMatchObject({
      view: 'public',
      title: achievementBody().title,
      hasConfidential: true,
    });
  });

  test('when rejected, then a reason is required, it is shown to the owner, and resubmitting works', async () => {
    const id = (await app.http('POST', '/api/achievements', { token: cast.owner.token, body: achievementBody() })).body
      .achievement.id;
    await app.http('POST', `/api/achievements/${id}/submit`, { token: cast.owner.token });
    expect(
      (
        await app.http('POST', `/api/achievements/${id}/review`, {
          token: cast.hubOperator.token,
          body: { decision: 'reject' },
        })
      ).status,
    ).toBe(400);
    const rejected = await app.http('POST', `/api/achievements/${id}/review`, {
      token: cast.hubOperator.token,
      body: { decision: 'reject', reason: '简介缺少技术指标' },
    });
    expect(rejected.body.achievement).toMatchObject({ status: 'rejected', review: { reason: '简介缺少技术指标' } });
    // Approving a rejected listing is not in the table.
    expect(
      (
        await app.http('POST', `/api/achievements/${id}/review`, {
          token: cast.hubOperator.token,
          body: { decision: 'approve' },
        })
      ).status,
    ).toBe(409);
    await app.http('PATCH', `/api/achievements/${id}`, {
      token: cast.owner.token,
      body: { summary: `${achievementBody().summary}屈服强度 ≥ 350MPa。` },
    });
    expect(
      (await app.http('POST', `/api/achievements/${id}/submit`, { token: cast.owner.token })).body.achievement.status,
    ).toBe('pending_review');
  });

  test('when a published listing is edited, then the public keeps the approved version until the revision is approved', async () => {
    const id = await publish(app, 'achievements', cast.owner, cast.hubOperator);
    const edit = await app.http('PATCH', `/api/achievements/${id}`, {
      token: cast.owner.token,
      body: { title: '高强韧镁合金挤压型材制备技术（第二代）' },
    });
    expect(edit.body.achievement).toMatchObject({
      status: 'published',
      revision: { status: 'draft' },
      title: '高强韧镁合金挤压型材制备技术（第二代）',
    });
    expect((await app.http('GET', `/api/achievements/${id}`)).body.achievement.title).toBe(achievementBody().title);
    await app.http('POST', `/api/achievements/${id}/submit`, { token: cast.owner.token });
    const rejected = await app.http('POST', `/api/achievements/${id}/review`, {
      token: cast.hubOperator.token,
      body: { decision: 'reject', reason: '名称不规范' },
    });
    expect(rejected.body.achievement).toMatchObject({
      status: 'published',
      revision: { status: 'rejected', reason: '名称不规范' },
    });
    expect((await app.http('GET', `/api/achievements/${id}`)).body.achievement.title).toBe(achievementBody().title);
    await app.http('POST', `/api/achievements/${id}/submit`, { token: cast.owner.token });
    await app.http('POST', `/api/achievements/${id}/review`, {
      token: cast.hubOperator.token,
      body: { decision: 'approve' },
    });
    const pub = await app.http('GET', `/api/achievements/${id}`);
    expect(pub.body.achievement.title).toBe('高强韧镁合金挤压型材制备技术（第二代）');
    const stored = await app.models.Achievement.findById(id).lean();
    expect(stored!.revision?.status ?? null).toBeNull();
    expect(stored!.searchDirty).toBe(true);
  });

  test('when one field is patched, then every other field, including the confidential part, is kept', async () => {
    const id = (await app.http('POST', '/api/achievements', { token: cast.owner.token, body: achievementBody() })).body
      .achievement.id;
    const res = await app.http('PATCH', `/api/achievements/${id}`, { token: cast.owner.token, body: { trl: 7 } });
    expect(res.body.achievement).toMatchObject({
      trl: 7,
      inventors: ['张伟', '李娜'],
      ipRights: [{ number: 'ZL202210345678.9' }],
    });
    expect(res.body.achievement.confidential.details).toContain(SECRET);
  });

  test('when an edit sends null for an optional field, then it is cleared; leaving a key out keeps it', async () => {
    const closesAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const created = await app.http('POST', '/api/needs', {
      token: cast.owner.token,
      body: needBody({
        subfieldCode: undefined,
        deadline: '2027-06-30',
        challenge: { rewardFen: 5_000_000, closesAt },
      }),
    });
    const id = created.body.need.id;
    const kept = await app.http('PATCH', `/api/needs/${id}`, {
      token: cast.owner.token,
      body: { indicators: '焊缝偏差 ≤ 0.2 mm' },
    });
    expect(kept.body.need).toMatchObject({ deadline: '2027-06-30', challenge: { rewardFen: 5_000_000 } });
    const cleared = await app.http('PATCH', `/api/needs/${id}`, {
      token: cast.owner.token,
      body: { deadline: null, challenge: null },
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body.need.deadline).toBeUndefined();
    expect(cleared.body.need.challenge).toBeUndefined();
    const stored = await app.models.Need.findById(id).lean();
    expect(stored!.content).not.toHaveProperty('deadline');
    expect(stored!.content).not.toHaveProperty('challenge');
    expect(stored!.content).toMatchObject({ indicators: '焊缝偏差 ≤ 0.2 mm' });
    // A required field cannot be cleared: 400, nothing changes.
    const bad = await app.http('PATCH', `/api/needs/${id}`, { token: cast.owner.token, body: { title: null } });
    expect(bad.status).toBe(400);
    expect((await app.models.Need.findById(id).lean())!.version).toBe(stored!.version);
  });

  test('when the organisation is not verified, then submitting is refused and the draft stays', async () => {
    const pendingOrg = await app.createOrg({ status: 'pending' });
    const owner = await app.createUser({ org: pendingOrg });
    const id = (await app.http('POST', '/api/achievements', { token: owner.token, body: achievementBody() })).body
      .achievement.id;
    const res = await app.http('POST', `/api/achievements/${id}/submit`, { token: owner.token });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('ORG_NOT_VERIFIED');
    expect((await app.models.Achievement.findById(id).lean())!.status).toBe('draft');
  });

  test('when archived, then it leaves the public list and cannot be resubmitted', async () => {
    const id = await publish(app, 'achievements', cast.owner, cast.hubOperator);
    expect(
      (await app.http('POST', `/api/achievements/${id}/archive`, { token: cast.owner.token })).body.achievement.status,
    ).toBe('archived');
    expect((await app.http('GET', `/api/achievements/${id}`)).status).toBe(404);
    expect((await app.http('POST', `/api/achievements/${id}/submit`, { token: cast.owner.token })).status).toBe(409);
  });

  test('when two edits race on the same version, then one gets EDIT_CONFLICT and nothing is half-written', async () => {
    const id = (await app.http('POST', '/api/achievements', { token: cast.owner.token, body: achievementBody() })).body
      .achievement.id;
    const results = await Promise.all([
      app.http('PATCH', `/api/achievements/${id}`, { token: cast.owner.token, body: { trl: 7 } }),
      app.http('PATCH', `/api/achievements/${id}`, { token: cast.member.token, body: { trl: 8 } }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0]).toBe(200);
    const stored = await app.models.Achievement.findById(id).lean();
    expect([7, 8]).toContain((stored!.content as { trl: number }).trl);
    if (statuses[1] === 409) expect(results.find((r) => r.status === 409)!.body.error.code).toBe('EDIT_CONFLICT');
    expect(stored!.version).toBe(1 + statuses.filter((s) => s === 200).length);
  });
});

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

describe('needs and challenges', () => {
  test('when a challenge is posted, then verified suppliers propose once, the poster shortlists and selects one winner', async () => {
    const closesAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const id = await publish(
      app,
      'needs',
      cast.owner,
      cast.hubOperator,
      needBody({ challenge: { rewardFen: 300_000_000, closesAt } }),
    );
    const list = await app.http('GET', '/api/needs?challenge=true&pageSize=100');
    expect(list.body.items.map((n: { id: string }) => n.id)).toContain(id);

    const supplierOrg = await app.createOrg({ type: 'university' });
    const supplier = await app.createUser({ org: supplierOrg });
    const proposal = {
      summary: '采用结构光视觉与卡尔曼滤波融合的焊缝跟踪方案。',
      plan: '三个月完成样机',
      priceFen: 120_000_000,
    };
    const first = await app.http('POST', `/api/needs/${id}/proposals`, { token: supplier.token, body: proposal });
    expect(first.status).toBe(201);
    expect(
      (await app.http('POST', `/api/needs/${id}/proposals`, { token: supplier.token, body: proposal })).body.error.code,
    ).toBe('ALREADY_PROPOSED');
    const second = await app.http('POST', `/api/needs/${id}/proposals`, { token: cast.other.token, body: proposal });
    expect(second.status).toBe(201);
    expect(
      (await app.http('POST', `/api/needs/${id}/proposals`, { token: cast.owner.token, body: proposal })).status,
    ).toBe(403);

    // A proposer sees only its own; the poster sees all.
    expect((await app.http('GET', `/api/needs/${id}/proposals`, { token: supplier.token })).body.items).toHaveLength(1);
    expect((await app.http('GET', `/api/needs/${id}/proposals`, { token: cast.owner.token })).body.items).toHaveLength(
      2,
    );
    expect((await app.http('GET', `/api/needs/${id}/proposals`, { token: cast.official.token })).status).toBe(404);

    const pid = first.body.proposal.id;
    const decide = (who: { token: string }, proposalId: string, decision: string) =>
      app.http('POST', `/api/needs/${id}/proposals/${proposalId}/decision`, { token: who.token, body: { decision } });
    expect((await decide(supplier, pid, 'select_winner')).status).toBe(404);
    expect((await decide(cast.member, pid, 'shortlist')).status).toBe(403);
    expect((await decide(cast.owner, pid, 'shortlist')).body.proposal.status).toBe('shortlisted');
    const [a, b] = await Promise.all([
      decide(cast.owner, pid, 'select_winner'),
      decide(cast.owner, second.body.proposal.id, 'select_winner'),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const need = await app.models.Need.findById(id).lean();
    expect(need!.award).toMatchObject({ proposalId: a.status === 200 ? pid : second.body.proposal.id });
    // The public detail says who won (a 揭榜挂帅 result is announced), and when.
    const winnerOrg = a.status === 200 ? supplierOrg : cast.otherOrg;
    const pub = await app.http('GET', `/api/needs/${id}`);
    expect(pub.body.need.award).toMatchObject({ org: { id: String(winnerOrg._id), name: winnerOrg.name } });
    expect(Date.parse(pub.body.need.award.at)).toBeGreaterThan(Date.now() - 60_000);
    // After the award, the challenge takes no more proposals.
    const late = await app.createUser({ org: await app.createOrg() });
    expect(
      (await app.http('POST', `/api/needs/${id}/proposals`, { token: late.token, body: proposal })).body.error.code,
    ).toBe('CHALLENGE_CLOSED');
  });

  test('when a need is not a challenge or has closed, then proposals are refused', async () => {
    const plain = await publish(app, 'needs', cast.owner, cast.hubOperator);
    const body = { summary: '我们可以提供完整的解决方案和样机。' };
    expect(
      (await app.http('POST', `/api/needs/${plain}/proposals`, { token: cast.other.token, body })).body.error.code,
    ).toBe('CHALLENGE_CLOSED');
    const closed = await publish(
      app,
      'needs',
      cast.owner,
      cast.hubOperator,
      needBody({ challenge: { rewardFen: 1000, closesAt: new Date(Date.now() + 86_400_000).toISOString() } }),
    );
    // The deadline passes: moved into the past in the database (a challenge cannot be published already
    // closed), instead of publishing one that closes in a moment and sleeping past it.
    const stored = (await app.models.Need.findById(closed).lean())!;
    const past = new Date(Date.now() - 60_000);
    const asStored = (v: unknown) => (v instanceof Date ? past : past.toISOString());
    const closesAt = asStored((stored.live as { challenge: { closesAt: unknown } }).challenge.closesAt);
    await app.models.Need.collection.updateOne(
      { _id: stored._id },
      { $set: { 'live.challenge.closesAt': closesAt, 'content.challenge.closesAt': closesAt } },
    );
    expect(
      (await app.http('POST', `/api/needs/${closed}/proposals`, { token: cast.other.token, body })).body.error.code,
    ).toBe('CHALLENGE_CLOSED');
    expect(await app.models.Proposal.countDocuments({ needId: { $in: [plain, closed] } })).toBe(0);
  });
});
