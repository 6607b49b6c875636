/**
 * Listings through HTTP: the review state machine (submit, approve, reject, revisions of a published
 * listing, patches and nulls, archive, edit conflicts). Set-up in listings.fixture.ts.
 */
import { achievementBody, needBody, publish } from '../../test-support/catalog-fixtures';
import { app, cast, SECRET, useListingsApp } from './listings.fixture';

useListingsApp();

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
