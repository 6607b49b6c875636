/**
 * The socket rate limit on its own, against a real redis-server: two limiters stand for two api instances.
 * In memory each keeps its own window; with Redis they spend one budget; when Redis goes away each falls
 * back to its own window instead of refusing everything. Across real instances: redis-adapter.test.ts.
 */
import { createClient } from 'redis';
import { eventually } from '../test-support/harness';
import { startRedis } from '../test-support/redis-server';
import { SocketRateLimit, type RateLimitRedis } from './rate-limit';

let redis: Awaited<ReturnType<typeof startRedis>>;
const clients: Array<{ isOpen: boolean; close(): Promise<unknown> }> = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const c of clients) if (c.isOpen) await c.close().catch(() => undefined);
  await redis?.stop();
});

async function connected() {
  // No reconnection: after the server stops, the client stays "not ready" and the insurance takes over.
  const client = createClient({ url: redis.url, socket: { reconnectStrategy: false } });
  client.on('error', () => undefined);
  await client.connect();
  clients.push(client);
  return client;
}

const spend = async (limiter: SocketRateLimit, user: string, n: number) => {
  const answers: boolean[] = [];
  for (let i = 0; i < n; i++) answers.push(await limiter.allow(user));
  return answers.filter(Boolean).length;
};

test('when there is no Redis, then each instance keeps its own window per user', async () => {
  const [one, two] = [new SocketRateLimit(5), new SocketRateLimit(5)];
  expect(one.shared).toBe(false);
  expect(await spend(one, 'u1', 8)).toBe(5);
  expect(await spend(two, 'u1', 8)).toBe(5);
  expect(await spend(one, 'u2', 1)).toBe(1);
});

test('when instances share Redis, then a user has one budget over all of them, and other users their own', async () => {
  const [one, two] = [
    new SocketRateLimit(5, (await connected()) as RateLimitRedis),
    new SocketRateLimit(5, (await connected()) as RateLimitRedis),
  ];
  expect(one.shared).toBe(true);
  expect(await spend(one, 'shared-1', 3)).toBe(3);
  expect(await spend(two, 'shared-1', 3)).toBe(2);
  expect(await spend(one, 'shared-1', 1)).toBe(0);
  expect(await spend(two, 'shared-2', 1)).toBe(1);
  const probe = await connected();
  expect(await probe.get('nekj:socket-events:shared-1')).toBe('7');
});

test('when Redis becomes unreachable, then each instance falls back to its own in-memory window', async () => {
  const client = await connected();
  const limiter = new SocketRateLimit(4, client as RateLimitRedis);
  expect(await spend(limiter, 'outage', 2)).toBe(2);
  await redis.stop();
  await eventually(
    'the Redis client notices that the server has gone',
    () => client.isReady,
    (ready) => expect(ready).toBe(false),
  );
  // The insurance window starts empty: four more, then refused, without waiting for Redis.
  expect(await spend(limiter, 'outage', 6)).toBe(4);
});
