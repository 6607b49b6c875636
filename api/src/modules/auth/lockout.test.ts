/**
 * Sign-in lockout (issue 17, finding 9): anyone could lock any known account for 15 minutes with five
 * wrong passwords, and each process counted in its own memory, so two instances counted apart. Now the
 * lock is per account and client address, kept in MongoDB, lifted by an admin, and told to the owner.
 */
import mongoose from 'mongoose';
import pino from 'pino';
import { poolSizeFor, type Database } from '../../db/connection';
import { start, type RunningServer } from '../../server';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../test-support/harness';

let a: TestApp;
let b: RunningServer;
let bConnection: mongoose.Connection;

beforeAll(async () => {
  a = await startTestApp({ SEARCH_SYNC: 'external' });
  bConnection = mongoose.createConnection(process.env.TEST_MONGODB_URI!, {
    dbName: a.db.connection.name,
    maxPoolSize: poolSizeFor(process.env.TEST_DB_KIND),
  });
  await bConnection.asPromise();
  const db: Database = { connection: bConnection, kind: 'test', close: () => bConnection.close() };
  b = await start({
    config: { ...a.running.ctx.config, PORT: 0 },
    db,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
  });
});
afterAll(async () => {
  await b?.stop();
  await bConnection?.close();
  await a?.stop();
});

const limit = () => a.running.ctx.config.LOGIN_ACCOUNT_FAILURES;
const attacker = '203.0.113.9';
const owner = '198.51.100.7';
async function login(url: string, email: string, password: string, ip: string) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ email, password }),
  });
  return { status: res.status, body: (await res.json()) as any, headers: res.headers };
}

test('when a stranger fails the password five times from its address, then the owner still signs in from its own', async () => {
  const { email } = await a.createUser();
  for (let i = 0; i < limit(); i++) expect((await login(a.url, email, 'wrong-pass-1', attacker)).status).toBe(401);
  const stranger = await login(a.url, email, TEST_PASSWORD, attacker);
  expect(stranger.status).toBe(429);
  expect(stranger.body.error.code).toBe('ACCOUNT_LOCKED');
  expect(Number(stranger.headers.get('retry-after'))).toBeGreaterThan(0);
  expect((await login(a.url, email, TEST_PASSWORD, owner)).status).toBe(200);
  const stored = await a.models.LoginFailure.find({ email }).lean();
  expect(stored.map((f) => [f.ip, f.count, !!f.lockedUntil])).toEqual([[attacker, limit(), true]]);
});

test('when failures arrive through two instances, then they count together and lock on both', async () => {
  const { email } = await a.createUser();
  const half = Math.ceil(limit() / 2);
  for (let i = 0; i < limit(); i++) {
    expect((await login(i < half ? a.url : b.url, email, 'wrong-pass-1', attacker)).status).toBe(401);
  }
  expect((await login(a.url, email, TEST_PASSWORD, attacker)).status).toBe(429);
  expect((await login(b.url, email, TEST_PASSWORD, attacker)).status).toBe(429);
});

test('when an account is locked, then its owner is told, admins see it and one lifts it', async () => {
  const victim = await a.createUser();
  const admin = await a.createUser({ roles: ['admin'] });
  const stranger = await a.createUser();
  for (let i = 0; i < limit(); i++) await login(a.url, victim.email, 'wrong-pass-1', attacker);
  const notices = await a.models.Notification.find({ userId: victim.user._id, type: 'account_locked' }).lean();
  expect(notices).toHaveLength(1);
  expect(notices[0].body!.zh).toContain(attacker);
  const listed = await a.http('GET', `/api/users?q=${encodeURIComponent(victim.email)}`, { token: admin.token });
  expect(listed.body.items).toMatchObject([{ email: victim.email, locked: true }]);

  const path = `/api/users/${victim.user._id}/unlock`;
  expect((await a.http('POST', path)).status).toBe(401);
  expect((await a.http('POST', path, { token: stranger.token })).status).toBe(403);
  expect((await a.http('POST', path, { token: victim.token })).status).toBe(403);
  expect(await a.models.LoginFailure.countDocuments({ email: victim.email })).toBe(1);
  const unlocked = await a.http('POST', path, { token: admin.token });
  expect(unlocked.body).toEqual({ cleared: 1 });
  expect(await a.models.LoginFailure.countDocuments({ email: victim.email })).toBe(0);
  expect((await login(b.url, victim.email, TEST_PASSWORD, attacker)).status).toBe(200);
  expect(
    await a.models.Audit.countDocuments({ entity: 'user', entityId: String(victim.user._id), action: 'unlock' }),
  ).toBe(1);
});

test('when an unknown address is guessed at, then it locks the same way and nobody is notified', async () => {
  const email = `${a.unique('ghost')}@test.nekj.cn`;
  for (let i = 0; i < limit(); i++) expect((await login(a.url, email, 'wrong-pass-1', attacker)).status).toBe(401);
  expect((await login(a.url, email, 'wrong-pass-1', attacker)).status).toBe(429);
  expect(await a.models.Notification.countDocuments({ type: 'account_locked', 'body.zh': { $regex: email } })).toBe(0);
});
