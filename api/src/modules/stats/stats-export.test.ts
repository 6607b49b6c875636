/**
 * The tally export names its groups (大连市, 技术许可, 省内 → …) beside their codes, so an official's
 * spreadsheet reads without a code table.
 */
import { paperTerms } from '../../test-support/contract-fixtures';
import { startTestApp, type TestApp } from '../../test-support/harness';

let app: TestApp;
let official: Awaited<ReturnType<TestApp['createUser']>>;
beforeAll(async () => {
  app = await startTestApp();
  const dalian = await app.createOrg({ regionCode: '210200', type: 'university' });
  const seller = await app.createUser({ org: dalian });
  const created = await app.http('POST', '/api/contracts', {
    token: seller.token,
    body: { terms: paperTerms(app, dalian) },
  });
  expect(created.status).toBe(201);
  await app.settled();
  official = await app.createUser({ roles: ['official'], officialRegion: '210000' });
});
afterAll(() => app.stop());

const exportCsv = async (groupBy: string) => {
  const res = await app.http(
    'GET',
    `/api/stats/contracts/export?format=csv&groupBy=${groupBy}&from=2026-01&to=2026-12`,
    {
      token: official.token,
    },
  );
  expect(res.status).toBe(200);
  return String(res.body)
    .replace(/^\ufeff/, '')
    .split('\r\n');
};

test.each([
  ['sellerRegion', '大连市,210200'],
  ['category', '技术许可,license'],
  ['route', '大连市 → 鞍山市,210200>210300'],
  ['sellerType', '高校,university'],
])('when the tally grouped by %s is exported, then each group has its name and its code', async (groupBy, cells) => {
  const lines = await exportCsv(groupBy);
  expect(lines[0]!.startsWith('分组,分组代码,')).toBe(true);
  expect(lines.some((l) => l.startsWith(`${cells},`))).toBe(true);
  expect(lines.at(-1)!.startsWith('合计,,')).toBe(true);
});
