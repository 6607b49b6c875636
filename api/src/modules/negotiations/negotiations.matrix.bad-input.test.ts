/**
 * Bad input for /api/negotiations: operators, wrong types, oversized or unknown fields and malformed ids get
 * 400 and change nothing. The last test fails when a negotiation route is added without a row in one of the
 * negotiations matrix files (negotiations.matrix.*.test.ts: collection, rooms, bad-input).
 * Set-up and helpers in negotiations.matrix.fixture.ts.
 */
import { matrixRows } from '../../test-support/matrix-coverage';
import { clientId, offerTerms } from '../../test-support/negotiation-fixtures';
import { app, broker, cast, events, room, useNegotiationsMatrixApp } from './negotiations.matrix.fixture';

useNegotiationsMatrixApp();

describe('bad input', () => {
  test('when bodies carry operators, wrong types, oversized or unknown fields, then 400 and nothing is stored', async () => {
    const id = await room();
    const before = await events(id);
    const offersBefore = await app.models.NegotiationOffer.countDocuments({ negotiationId: id });
    const cases: Array<[string, unknown]> = [
      ['messages', { clientMessageId: { $ne: null }, text: 'x' }],
      ['messages', { clientMessageId: clientId(), text: { $gt: '' } }],
      ['messages', { clientMessageId: clientId(), text: 123 }],
      ['messages', { clientMessageId: clientId(), text: '长'.repeat(8_001) }],
      ['messages', { clientMessageId: clientId(), text: 'x', negotiationId: id }],
      ['messages', { clientMessageId: clientId(), text: '' }],
      ['messages', { clientMessageId: clientId(), text: 'x', attachmentIds: ['nope'] }],
      ['offers', { clientMessageId: clientId(), terms: offerTerms({ amountFen: { $gt: 0 } }) }],
      ['offers', { clientMessageId: clientId(), terms: offerTerms({ amountFen: '100' }) }],
      ['offers', { clientMessageId: clientId(), terms: offerTerms({ amountFen: 1.5 }) }],
      ['offers', { clientMessageId: clientId(), terms: offerTerms({ category: 'gift' }) }],
      [
        'offers',
        {
          clientMessageId: clientId(),
          terms: offerTerms({
            paymentPlan: {
              kind: 'instalments',
              instalments: [
                { percent: 50, dueMonths: 0 },
                { percent: 40, dueMonths: 3 },
              ],
            },
          }),
        },
      ],
      [
        'offers',
        { clientMessageId: clientId(), terms: offerTerms({ validUntil: new Date(Date.now() - 60_000).toISOString() }) },
      ],
      ['offers', { clientMessageId: clientId(), terms: offerTerms({ text: 'x'.repeat(4_001) }) }],
      ['offers', { clientMessageId: clientId(), terms: { ...offerTerms(), side: 'buyer' } }],
      ['offers', { clientMessageId: clientId(), counterTo: 'abc', terms: offerTerms() }],
      ['brokers', { brokerId: { $ne: null } }],
      ['brokers', { brokerId: String(broker.user._id), status: 'accepted' }],
      ['read', { seq: '5' }],
      ['read', { seq: -1 }],
      ['withdraw', { reason: 'x'.repeat(501) }],
    ];
    for (const [tail, body] of cases) {
      const res = await app.http('POST', `/api/negotiations/${id}/${tail}`, { token: cast.other.token, body });
      expect([tail, res.status]).toEqual([tail, 400]);
    }
    const open = await app.http('POST', '/api/negotiations', {
      token: cast.other.token,
      body: { subject: { kind: 'achievement', id: { $ne: null } } },
    });
    expect(open.status).toBe(400);
    expect(
      (
        await app.http('POST', '/api/negotiations', {
          token: cast.other.token,
          body: { subject: { kind: 'contract', id: id } },
        })
      ).status,
    ).toBe(400);
    expect(await events(id)).toBe(before);
    expect(await app.models.NegotiationOffer.countDocuments({ negotiationId: id })).toBe(offersBefore);
    expect(await app.models.Negotiation.findById(id).lean()).toMatchObject({ status: 'open', brokers: [] });
    expect(await app.models.NegotiationRead.countDocuments({ negotiationId: id })).toBe(0);
  });

  test('when ids or queries are malformed, then 400 (INVALID_ID) and nothing changes', async () => {
    const id = await room();
    expect((await app.http('GET', '/api/negotiations/not-an-id', { token: cast.other.token })).body.error.code).toBe(
      'INVALID_ID',
    );
    expect(
      (await app.http('POST', `/api/negotiations/${id}/offers/zzz/accept`, { token: cast.other.token })).body.error
        .code,
    ).toBe('INVALID_ID');
    expect((await app.http('GET', `/api/negotiations/${id}/events?after=-3`, { token: cast.other.token })).status).toBe(
      400,
    );
    expect(
      (await app.http('GET', `/api/negotiations/${id}/events?limit=100000`, { token: cast.other.token })).status,
    ).toBe(400);
    expect(
      (await app.http('GET', `/api/negotiations/${id}/events?after[$gt]=1`, { token: cast.other.token })).status,
    ).toBe(400);
    expect((await app.http('GET', '/api/negotiations?status=whatever', { token: cast.other.token })).status).toBe(400);
    expect((await app.http('GET', '/api/negotiations?pageSize=1000', { token: cast.other.token })).status).toBe(400);
    for (const q of [
      'staleDays=0',
      'staleDays=abc',
      'staleDays[$gt]=1',
      'submarket[$ne]=x',
      'submarket=SM%20210500',
      'broker=maybe',
      'status=done',
      'pageSize=101',
      'page=0',
      'sort=title',
    ]) {
      const res = await app.http('GET', `/api/negotiations/admin?${q}`, { token: cast.hubOperator.token });
      expect([q, res.status, res.body.error?.code]).toEqual([q, 400, 'VALIDATION_FAILED']);
    }
    expect((await app.models.Negotiation.findById(id).lean())!.status).toBe('open');
  });
});

test('every negotiation route has a row in this matrix', () => {
  const covered = matrixRows(__dirname, /^negotiations\.matrix\.[\w-]+\.test\.ts$/);
  const declared = app.running.ctx.registry
    .list()
    .filter((op) => op.path.startsWith('/api/negotiations'))
    .map((op) => `${op.method.toUpperCase()} ${op.path}`);
  expect(declared.length).toBeGreaterThanOrEqual(16);
  expect(declared.filter((r) => !covered.has(r))).toEqual([]);
});
