/**
 * Rooms benchmark: 500 socket.io clients in 50 negotiation rooms (10 each, 5 per organisation) exchanging
 * messages through the real API process (handshake auth, zod, policy check, MongoDB write, then emit),
 * against a bare socket.io relay without auth or persistence in its own process, in the same run.
 * Two phases per server: a paced phase (every client sends one message per second, 500 msg/s in total) for
 * delivery latency, and a closed loop (each client sends its next message when the previous one is acked)
 * for throughput. Targets: paced p95 ≤ 50 ms; API throughput ≥ 50% of the bare relay. Printed, not asserted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, launchEmbeddedMongo } from '../../api/src/db/embedded-mongo';
import { ms, printTable } from './load';
import { connectAll, ROOMS, seed, type Client } from './rooms-clients';

const root = path.resolve(__dirname, '../..');

interface PhaseResult {
  label: string;
  sent: number;
  delivered: number;
  seconds: number;
  msgPerSec: number;
  deliveriesPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} not ready within 90 s`);
}

/** Runs one phase: paced (interval per client) or closed loop (interval 0 = next send on ack). */
async function phase(label: string, clients: Client[], seconds: number, intervalMs: number): Promise<PhaseResult> {
  const latencies: number[] = [];
  let delivered = 0;
  let sent = 0;
  let errors = 0;
  let recording = false;
  const onEvents = (client: Client) => (events: Array<{ text?: string }>) => {
    if (!recording) return;
    const now = performance.now();
    for (const e of events) {
      const m = /^b:(\d+(?:\.\d+)?):(\d+)$/.exec(e.text ?? '');
      // The sender's own echo is not a delivery to someone else.
      if (!m || Number(m[2]) === clients.indexOf(client)) continue;
      latencies.push(now - Number(m[1]));
      delivered++;
    }
  };
  const handlers = clients.map((c) => {
    const h = onEvents(c);
    c.socket.on('negotiation:events', h);
    return h;
  });
  const send = (c: Client, i: number) =>
    new Promise<void>((resolve) => {
      c.socket.timeout(10_000).emit(
        'negotiation:message',
        {
          negotiationId: c.room,
          clientMessageId: crypto.randomBytes(9).toString('base64url'),
          text: `b:${performance.now()}:${i}`,
        },
        (err: Error | null, res?: { ok: boolean }) => {
          if (recording) {
            sent++;
            if (err || !res?.ok) errors++;
          }
          resolve();
        },
      );
    });
  const run = async (ms: number) => {
    const end = performance.now() + ms;
    await Promise.all(
      clients.map(async (c, i) => {
        // Spread the paced senders over the interval so 500 clients do not fire in lock-step.
        if (intervalMs > 0) await new Promise((r) => setTimeout(r, (i / clients.length) * intervalMs));
        while (performance.now() < end) {
          const t0 = performance.now();
          if (intervalMs > 0) {
            void send(c, i);
            await new Promise((r) => setTimeout(r, Math.max(0, intervalMs - (performance.now() - t0))));
          } else {
            await send(c, i);
          }
        }
      }),
    );
  };
  await run(1_000);
  recording = true;
  const t0 = performance.now();
  await run(seconds * 1000);
  await new Promise((r) => setTimeout(r, 500));
  recording = false;
  const elapsed = (performance.now() - t0) / 1000;
  clients.forEach((c, i) => c.socket.off('negotiation:events', handlers[i]));
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  return {
    label,
    sent,
    delivered,
    seconds: elapsed,
    msgPerSec: sent / elapsed,
    deliveriesPerSec: delivered / elapsed,
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    errors,
  };
}

/**
 * The bare relay: no auth, no validation, no storage. `grouped` = a second, informational variant that
 * coalesces like the API does (what arrived in one event-loop turn goes to each room as one frame, then the
 * acks), so the report also shows the API against a relay with the same framing.
 */
const bareRelaySource = (port: number, grouped: boolean) => `
  const { Server } = require(${JSON.stringify(require.resolve('socket.io', { paths: [path.join(root, 'api')] }))});
  const io = new Server(${port}, { serveClient: false });
  let seq = 0;
  const pending = new Map();
  const flush = () => {
    const rooms = [...pending.entries()];
    pending.clear();
    for (const [room, { events }] of rooms) io.to(room).emit('negotiation:events', events);
    for (const [, { acks }] of rooms) for (const ack of acks) ack({ ok: true });
  };
  io.on('connection', (socket) => {
    const room = 'negotiation:' + socket.handshake.auth.room;
    socket.join(room);
    socket.on('negotiation:message', (p, ack) => {
      const event = { negotiationId: p.negotiationId, seq: ++seq, type: 'message', text: p.text, clientMessageId: p.clientMessageId };
      if (!${grouped}) {
        io.to(room).emit('negotiation:events', [event]);
        return ack({ ok: true });
      }
      if (pending.size === 0) setImmediate(flush);
      const slot = pending.get(room) ?? { events: [], acks: [] };
      slot.events.push(event);
      slot.acks.push(ack);
      pending.set(room, slot);
    });
  });`;

export async function runRoomsBench(opts: { seconds: number }): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nekj-bench-rooms-'));
  const db = await launchEmbeddedMongo({ dataDir, prefer: (process.env.EMBEDDED_DB as never) ?? 'auto' });
  const apiPort = await freePort();
  const barePort = await freePort();
  const groupedPort = await freePort();
  const dbName = 'bench_rooms';
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the API process (open it in Chrome DevTools).
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const api = spawn(process.execPath, [...prof, '--import', 'tsx', path.join(root, 'api', 'src', 'main.ts')], {
    env: {
      ...process.env,
      MONGODB_URI: db.uri,
      MONGODB_DB: dbName,
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      WEB_DIST: '/nonexistent',
      SEED_DEMO: 'false',
      // The per-user limit (100/min) would cap the benchmark, not measure it.
      SOCKET_EVENTS_PER_MIN: '100000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const bare = spawn(process.execPath, ['-e', bareRelaySource(barePort, false)], { stdio: 'inherit' });
  const grouped = spawn(process.execPath, ['-e', bareRelaySource(groupedPort, true)], { stdio: 'inherit' });
  const open: Client[] = [];
  try {
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    await waitReady(`${apiUrl}/readyz`, api);
    const members = await seed(db.uri, dbName);
    const seconds = opts.seconds;
    const bareClients = await connectAll(`http://127.0.0.1:${barePort}`, members);
    open.push(...bareClients);
    const rows: PhaseResult[] = [];
    rows.push(await phase('bare relay — paced 500 msg/s', bareClients, seconds, 1000));
    rows.push(await phase('bare relay — closed loop', bareClients, seconds, 0));
    for (const c of bareClients) c.socket.close();
    const groupedClients = await connectAll(`http://127.0.0.1:${groupedPort}`, members);
    open.push(...groupedClients);
    rows.push(await phase('bare relay, grouped per room and turn — closed loop (info)', groupedClients, seconds, 0));
    for (const c of groupedClients) c.socket.close();
    const apiClients = await connectAll(apiUrl, members);
    open.push(...apiClients);
    rows.push(await phase('API — paced 500 msg/s', apiClients, seconds, 1000));
    rows.push(await phase('API — closed loop', apiClients, seconds, 0));
    printTable(
      `rooms: ${members.length} clients in ${ROOMS} rooms, API (auth, zod, policy, MongoDB write, emit) vs bare socket.io relay (targets: paced p95 ≤ 50 ms; throughput ≥ 50% of bare)`,
      rows.map((r) => ({
        case: r.label,
        'msg/s': Math.round(r.msgPerSec),
        'deliveries/s': Math.round(r.deliveriesPerSec),
        p50: ms(r.p50),
        p95: ms(r.p95),
        p99: ms(r.p99),
        errors: r.errors,
      })),
    );
    const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
    const [barePaced, bareLoop, groupedLoop, apiPaced, apiLoop] = rows;
    console.log(
      `API closed-loop throughput vs bare relay: ${pct(apiLoop.msgPerSec / bareLoop.msgPerSec)} (target ≥ 50%)`,
    );
    console.log(
      `API closed-loop throughput vs a bare relay that groups frames as the API does: ${pct(apiLoop.msgPerSec / groupedLoop.msgPerSec)} (information)`,
    );
    console.log(
      `API paced delivery p95: ${ms(apiPaced.p95)} (target ≤ 50 ms); bare relay paced p95: ${ms(barePaced.p95)}`,
    );
  } finally {
    for (const c of open) c.socket.close();
    bare.kill();
    grouped.kill();
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
