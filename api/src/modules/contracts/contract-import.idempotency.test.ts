/**
 * The paper-contract entry's Idempotency-Key (POST /api/contracts) against the real app and the embedded
 * database: a retry returns the first contract, stored and tallied once. Set-up in contract-import.fixture.ts.
 */
import crypto from 'node:crypto';
import { paperTerms } from '../../test-support/contract-fixtures';
import { app, newSeller, signedTally, useContractImportApp, type Seller } from './contract-import.fixture';

useContractImportApp();

describe('paper contract entry with an Idempotency-Key', () => {
  // One buyer for every request: paperTerms makes a new credit code each time.
  const buyer = {
    name: '鞍山轻合金制品有限公司',
    creditCode: '91210300MA0QKJTX3Y',
    regionCode: '210300',
    orgType: 'enterprise' as const,
  };
  const enter = (who: Seller, key: string | null, over = {}) =>
    app.http('POST', '/api/contracts', {
      token: who.token,
      body: { terms: paperTerms(app, who.org, { buyer, ...over }) },
      headers: key ? { 'Idempotency-Key': key } : {},
    });

  test('when the same entry is retried with its key, then the first contract comes back and is stored and tallied once', async () => {
    const seller = await newSeller();
    const before = await signedTally();
    const key = `k${crypto.randomUUID().replace(/-/g, '')}`;
    const first = await enter(seller, key);
    expect(first.status).toBe(201);
    const retry = await enter(seller, key);
    expect(retry.status).toBe(201);
    expect(retry.body.contract).toEqual(first.body.contract);
    expect(await app.models.Contract.countDocuments({ sellerOrgId: seller.org._id })).toBe(1);
    const after = await signedTally();
    expect(after.n - before.n).toBe(1);
    // The same key with other terms is a different request.
    const other = await enter(seller, key, { amountFen: 90_000_000, techAmountFen: 80_000_000 });
    expect([other.status, other.body.error.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    // Another organisation's key space is its own: same key, its own contract.
    const stranger = await newSeller();
    const theirs = await enter(stranger, key);
    expect(theirs.status).toBe(201);
    expect(theirs.body.contract.id).not.toBe(first.body.contract.id);
    // Without a key each request is a new contract, as before; a malformed key is refused.
    expect((await enter(seller, null)).status).toBe(201);
    const bad = await enter(seller, 'x');
    expect([bad.status, bad.body.error.code]).toEqual([400, 'IDEMPOTENCY_KEY_REQUIRED']);
    expect(await app.models.Contract.countDocuments({ sellerOrgId: seller.org._id })).toBe(2);
  });
});
