/**
 * Background work after a settlement waits for the answers in flight (a burst of webhooks is answered first),
 * and never longer than its cap (under steady load the process is never quiet).
 */
import http from 'node:http';
import express from 'express';
import { countInFlight, requestsInFlight, whenQuiet } from './in-flight';

let server: http.Server;
let url: string;
let release: () => void = () => undefined;

beforeAll(async () => {
  const app = express();
  app.use(countInFlight());
  app.get('/slow', (_req, res) => {
    release = () => res.json({ ok: true });
  });
  app.get('/fast', (_req, res) => res.json({ ok: true }));
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const until = async (cond: () => boolean) => {
  while (!cond()) await new Promise((r) => setTimeout(r, 5));
};

test('when no request is in flight, then background work starts at once', async () => {
  await (await fetch(`${url}/fast`)).json();
  await until(() => requestsInFlight() === 0);
  let started = false;
  await whenQuiet(60_000).then(() => (started = true));
  expect(started).toBe(true);
});

test('when a request is being answered, then background work waits for its answer', async () => {
  const slow = fetch(`${url}/slow`);
  await until(() => requestsInFlight() === 1);
  let started = false;
  const quiet = whenQuiet(60_000).then(() => (started = true));
  await new Promise((r) => setTimeout(r, 50));
  expect(started).toBe(false);
  release();
  expect(await (await slow).json()).toEqual({ ok: true });
  await quiet;
  expect(started).toBe(true);
  expect(requestsInFlight()).toBe(0);
});

test('when the process stays busy, then background work starts after the cap', async () => {
  const slow = fetch(`${url}/slow`);
  await until(() => requestsInFlight() === 1);
  // Resolved by its cap while the request is still unanswered.
  await whenQuiet(100);
  expect(requestsInFlight()).toBe(1);
  release();
  await (await slow).json();
});
