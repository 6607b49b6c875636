import pino from 'pino';
import { statDims } from '../../shared/contract-schemas';
import { startTestApp, type TestApp } from '../../test-support/harness';
import { StatsService } from './stats.service';
import { ContractTallyFeed } from '../contracts/contract-tally-feed';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ SEARCH_SYNC: 'external' });
});
afterAll(() => app.stop());

test('when warmed after a start, then every dimension of this year and last is read into the cache once; stop waits for it', async () => {
  const stats = new StatsService(
    app.models,
    new ContractTallyFeed(app.models.Contract),
    app.models.Contract.db,
    pino({ level: 'silent' }),
  );
  const read = jest.spyOn(stats.store, 'read');
  const year = new Date().getFullYear();
  await stats.warm();
  expect(read).toHaveBeenCalledTimes(statDims.length * 2);
  expect(new Set(read.mock.calls.map(([dim, y]) => `${dim}|${y}`))).toEqual(
    new Set(statDims.flatMap((d) => [`${d}|${year}`, `${d}|${year - 1}`])),
  );
  // A second call is the same warm-up, not another round of reads.
  await stats.warm();
  expect(read).toHaveBeenCalledTimes(statDims.length * 2);
  await stats.stop();
});
