import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import { repoRoot } from '../config/env';

export type EmbeddedKind = 'mongod' | 'ferretdb' | 'mongo-java-server';

export interface EmbeddedMongo {
  kind: EmbeddedKind;
  uri: string;
  stop(): Promise<void>;
}

export interface LaunchOptions {
  dataDir: string;
  prefer?: EmbeddedKind | 'auto';
  logger?: Pick<Logger, 'info' | 'warn'>;
  /** Override tool locations (tests point these at missing files to exercise the failure message). */
  ferretdbBinary?: string;
  mongoJavaServerJar?: string;
  mongodBinary?: string | null;
  /** mongo-java-server only: listen on this port instead of a free one (a test restarts a server where the app expects it). */
  port?: number;
}

const toolsDir = path.join(repoRoot, '.tools');
export const ferretdbBinary = process.env.FERRETDB_BIN ?? path.join(toolsDir, 'bin', 'ferretdb');
export const mongoJavaServerJar = path.join(
  repoRoot,
  'tools',
  'mongo-java-server',
  'target',
  'run',
  'mongo-java-server-launcher.jar',
);

/**
 * Starts a local MongoDB-wire server whose data lives under `dataDir`.
 * Order (logged): a genuine mongod via mongodb-memory-server (only when a binary is already on the
 * machine or the download host answers), then mongo-java-server (H2), then FerretDB v1.24.2 on SQLite.
 *
 * Why mongo-java-server before FerretDB (measured on this machine kind, README "Embedded database"): it is
 * the only stand-in whose writes stay atomic over a connection pool — 200 concurrent `$inc` on one document
 * over a pool of 8 gave 200 on mongo-java-server, 14 on FerretDB/PostgreSQL; 50 rounds of four racing
 * conditional updates had exactly 50 winners on mongo-java-server and 174 on FerretDB/PostgreSQL — and it
 * answers filtered reads ~18× faster than FerretDB/SQLite, which scans for anything but a bare `_id`.
 */
export async function launchEmbeddedMongo(opts: LaunchOptions): Promise<EmbeddedMongo> {
  const order: EmbeddedKind[] =
    opts.prefer && opts.prefer !== 'auto' ? [opts.prefer] : ['mongod', 'mongo-java-server', 'ferretdb'];
  const reasons: string[] = [];
  for (const kind of order) {
    try {
      const started = await starters[kind](opts);
      if (started) {
        opts.logger?.info({ kind, uri: started.uri }, `embedded database: ${kind}`);
        return started;
      }
      reasons.push(`${kind}: not available on this machine`);
    } catch (err) {
      reasons.push(`${kind}: ${(err as Error).message}`);
    }
    opts.logger?.info({ kind, reason: reasons[reasons.length - 1] }, 'embedded database candidate skipped');
  }
  throw new Error(
    `No embedded MongoDB-compatible server could be started.\n  ${reasons.join('\n  ')}\n` +
      'Fix one of: set MONGODB_URI to a MongoDB >= 7; run `npm run tools` (needs Java 17 + Maven) to build ' +
      'mongo-java-server, or EMBEDDED_DB=ferretdb npm run tools (needs Go) to build FerretDB; or install mongod on PATH.',
  );
}

const starters: Record<EmbeddedKind, (o: LaunchOptions) => Promise<EmbeddedMongo | null>> = {
  mongod: startMongod,
  ferretdb: startFerretdb,
  'mongo-java-server': startMongoJavaServer,
};

async function startMongod(opts: LaunchOptions): Promise<EmbeddedMongo | null> {
  const systemBinary =
    opts.mongodBinary === null
      ? undefined
      : (opts.mongodBinary ?? process.env.MONGOMS_SYSTEM_BINARY ?? whichSync('mongod'));
  if (!systemBinary && (opts.mongodBinary === null || !(await hostAnswers('fastdl.mongodb.org', 443, 2_000))))
    return null;
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  const dbPath = path.join(opts.dataDir, 'mongod');
  fs.mkdirSync(dbPath, { recursive: true });
  const server = await MongoMemoryServer.create({
    instance: { dbPath, storageEngine: 'wiredTiger', ip: '127.0.0.1' },
    binary: systemBinary ? { systemBinary } : {},
  });
  return { kind: 'mongod', uri: server.getUri(), stop: async () => void (await server.stop({ doCleanup: false })) };
}

async function startFerretdb(opts: LaunchOptions): Promise<EmbeddedMongo | null> {
  const binary = opts.ferretdbBinary ?? ferretdbBinary;
  if (!fs.existsSync(binary)) return null;
  const dir = path.join(opts.dataDir, 'ferretdb');
  fs.mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const child = spawn(
    binary,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${dir}/`,
      `--listen-addr=127.0.0.1:${port}`,
      '--telemetry=disable',
      `--debug-addr=${process.env.FERRETDB_DEBUG_ADDR ?? '-'}`,
      '--log-level=error',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return waitForServer('ferretdb', child, port);
}

/**
 * A server whose parent died a moment ago may still be committing and closing the store (it exits on stdin
 * EOF within a second): a store-locked failure is retried for up to 10 s, anything else fails at once.
 */
async function startMongoJavaServer(opts: LaunchOptions): Promise<EmbeddedMongo | null> {
  const jar = opts.mongoJavaServerJar ?? mongoJavaServerJar;
  if (!fs.existsSync(jar) || !whichSync('java')) return null;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await spawnMongoJavaServer(opts, jar);
    } catch (err) {
      if (!/cannot open H2 MVStore/.test((err as Error).message) || Date.now() > deadline) throw err;
      opts.logger?.info(
        { reason: (err as Error).message },
        'embedded store still locked by a closing server; retrying',
      );
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

async function spawnMongoJavaServer(opts: LaunchOptions, jar: string): Promise<EmbeddedMongo> {
  const dir = path.join(opts.dataDir, 'mongo-java-server');
  fs.mkdirSync(dir, { recursive: true });
  // Port 0: the server binds a free port itself and prints it, so no other process can take the port between
  // a probe and the bind. stdin stays an open pipe: when this process dies (even by SIGKILL) the server sees
  // EOF, commits and exits instead of living on with the store locked. Serial GC: a small heap on two cores,
  // and ~0 % CPU while idle.
  const child = spawn(
    'java',
    [
      '-XX:+UseSerialGC',
      '-Xss512k',
      '-jar',
      jar,
      String(opts.port ?? 0),
      path.join(dir, 'db.mv'),
      '--exit-on-stdin-eof',
    ],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const port = new Promise<number>((resolve) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening 127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
  });
  const started = await waitForServer('mongo-java-server', child, port);
  // Where a running server can be found by tools that must not open the locked store themselves (backup).
  const announce = path.join(dir, 'server.json');
  fs.writeFileSync(announce, JSON.stringify({ uri: started.uri, pid: child.pid }));
  return { ...started, stop: async () => (fs.rmSync(announce, { force: true }), started.stop()) };
}

/** The URI of an embedded server already running on this data dir (started by the API), if one answers. */
export async function runningEmbeddedServer(dataDir: string): Promise<string | null> {
  const announce = path.join(dataDir, 'mongo-java-server', 'server.json');
  if (!fs.existsSync(announce)) return null;
  const { uri } = JSON.parse(fs.readFileSync(announce, 'utf8')) as { uri: string };
  const { port } = new URL(uri);
  return (await hostAnswers('127.0.0.1', Number(port), 500)) ? uri : null;
}

async function waitForServer(
  kind: EmbeddedKind,
  child: ChildProcess,
  portOrAnnounced: number | Promise<number>,
): Promise<EmbeddedMongo> {
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4_000)));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`${kind} exited with code ${code}: ${stderr.trim()}`))),
  );
  const deadline = Date.now() + 15_000;
  let port = typeof portOrAnnounced === 'number' ? portOrAnnounced : 0;
  const ready = (async () => {
    if (typeof portOrAnnounced !== 'number') {
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`${kind} did not announce its port within 15 s`)), 15_000).unref(),
      );
      port = await Promise.race([portOrAnnounced, timeout]);
    }
    while (Date.now() < deadline) {
      if (await hostAnswers('127.0.0.1', port, 200)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${kind} did not listen on port ${port} within 15 s`);
  })();
  try {
    await Promise.race([ready, exited]);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  exited.catch(() => undefined);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => (clearTimeout(timer), resolve()));
      child.kill('SIGTERM');
    });
  // A crashed parent must not leave the database running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  return {
    kind,
    uri: `mongodb://127.0.0.1:${port}/`,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await stop();
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function hostAnswers(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => (socket.destroy(), resolve(ok));
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function whichSync(bin: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, bin);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      /* not in this PATH entry */
    }
  }
  return undefined;
}
