import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import mongoose, { Types } from 'mongoose';
import pino from 'pino';
import { loadConfig, type AppConfig } from '../config/env';
import { poolSizeFor, type Database } from '../db/connection';
import { hashPassword } from '../modules/auth/password';
import type { UserRecord } from '../modules/users/user.model';
import type { CompanyOrgRecord, OrgRecord } from '../modules/orgs/org.model';
import { withCheckChar } from '../shared/credit-code';
import { submarketForRegion, type OrgType, type UserRole } from '../shared/taxonomy';
import { start, type RunningServer } from '../server';
import { LogCapture, onFailure, preview } from './diagnostics';

export const TEST_PASSWORD = 'Passw0rd-test';
let passwordHash: Promise<string> | null = null;

/**
 * Starts the real app on an ephemeral port against the run's database server, in a database of its own,
 * and gives tests real HTTP plus factories. `stop()` drops the database. Resolves once the app's start-up
 * background work (cache warm-up, first index build) is done, so the first test does not race it.
 *
 * The app logs at debug into memory (LogCapture): when a test fails, the lines of its failed requests and
 * the warnings of background work are appended to the failure. TEST_LOG_LEVEL=info (or warn, error) also
 * prints them as they happen.
 */
export async function startTestApp(overrides: Partial<AppConfig> = {}) {
  const uri = process.env.TEST_MONGODB_URI;
  if (!uri) throw new Error('TEST_MONGODB_URI is not set: run tests through jest (global setup starts the database)');
  const dbName = `t_${path
    .basename(expect.getState().testPath ?? 'x')
    .replace(/\W/g, '_')
    .slice(0, 30)}_${crypto.randomBytes(3).toString('hex')}`;
  const config = loadConfig(
    {},
    {
      MONGODB_URI: uri,
      MONGODB_DB: dbName,
      PORT: 0,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      SEED_DEMO: false,
      WEB_DIST: '/nonexistent',
      LOGIN_IP_LIMIT_PER_MIN: 100_000,
      // Tests change listings straight in the database too (deadlines moved into the past); a test of the
      // cache itself turns it on (listings.cache.test.ts).
      CATALOGUE_CACHE_MS: 0,
      // E-mail of a test app goes to a directory of its own, never the repository's .data/mail.
      MAIL_DIR: path.join(os.tmpdir(), 'nekj-test-mail', dbName),
      ...overrides,
    },
  );
  const connection = mongoose.createConnection(uri, { dbName, maxPoolSize: poolSizeFor(process.env.TEST_DB_KIND) });
  await connection.asPromise();
  const db: Database = { connection, kind: process.env.TEST_DB_KIND ?? 'external', close: () => connection.close() };
  const capture = new LogCapture();
  const consoleLevel = process.env.TEST_LOG_LEVEL ?? 'silent';
  const streams: pino.StreamEntry[] = [{ level: 'debug', stream: capture }];
  if (consoleLevel !== 'silent') streams.push({ level: consoleLevel as pino.Level, stream: process.stdout });
  const logger = pino({ level: 'debug' }, pino.multistream(streams));
  const running = await start({ config, db, logger });
  const app = new TestApp(running, db, capture);
  await app.settled();
  return app;
}

export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class TestApp {
  private seq = 0;
  private readonly forgetFailureHook: () => void;
  constructor(
    readonly running: RunningServer,
    readonly db: Database,
    readonly logs: LogCapture = new LogCapture(),
  ) {
    this.forgetFailureHook = onFailure((info) => logs.report(info.startedAt, `the app at ${running.url}`));
  }

  /**
   * Waits for the app's background work to complete (see RunningServer.settled): the room write-behind
   * written, dirty listings indexed and their notifications stored, import jobs and payouts done. Call it
   * after the actions whose side effects a test then reads or changes, instead of waiting for a timer.
   */
  settled(): Promise<void> {
    return this.running.settled();
  }

  get url() {
    return this.running.url;
  }
  get models() {
    return this.running.ctx.models;
  }

  async http<T = any>(
    method: string,
    urlPath: string,
    opts: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpResult<T>> {
    // A request id of our own, so a failure's report can name the request (the app echoes it in its log).
    const headers: Record<string, string> = { 'x-request-id': this.unique('t-'), ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let payload: string | undefined = opts.raw;
    if (opts.body !== undefined) payload = JSON.stringify(opts.body);
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(this.url + urlPath, { method, headers, body: payload });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      /* non-JSON body (HTML docs page) */
    }
    return { status: res.status, body: body as T, headers: res.headers };
  }

  unique(prefix = 'u') {
    return `${prefix}${Date.now().toString(36)}${(this.seq++).toString(36)}${crypto.randomBytes(2).toString('hex')}`;
  }

  /** A check-valid, unused credit code. */
  creditCode(regionCode = '210100'): string {
    const body = crypto
      .randomBytes(8)
      .toString('hex')
      .toUpperCase()
      .replace(/[IOSVZ]/g, '1')
      .slice(0, 9)
      .padEnd(9, '0');
    return withCheckChar(`91${regionCode}${body}`);
  }

  async createOrg(
    p: {
      type?: OrgType;
      regionCode?: string;
      status?: 'pending' | 'verified' | 'rejected';
      name?: string;
      /** A licence document on file (default), as every applicant an operator may approve has; false for none. */
      licence?: boolean;
    } = {},
  ): Promise<CompanyOrgRecord> {
    const regionCode = p.regionCode ?? '210100';
    const licence =
      p.licence === false
        ? null
        : {
            attachmentId: String(new Types.ObjectId()),
            kind: (p.type ?? 'enterprise') === 'enterprise' ? 'business_licence' : 'institution_certificate',
            filename: '营业执照.pdf',
            mime: 'application/pdf',
            uploadedAt: new Date(),
          };
    const org = await this.running.ctx.services.seeding.orgs.insert({
      licence,
      name: p.name ?? `测试机构${this.unique('')}`,
      type: p.type ?? 'enterprise',
      creditCode: this.creditCode(regionCode),
      regionCode,
      submarketCode: submarketForRegion(regionCode),
      verification: { status: p.status ?? 'verified' },
      createdBy: new Types.ObjectId(),
    });
    return org as CompanyOrgRecord;
  }

  async createUser(
    p: {
      roles?: UserRole[];
      org?: OrgRecord;
      orgRole?: 'org_admin' | 'member';
      operatorSubmarkets?: string[];
      officialRegion?: string;
      brokerCertNo?: string;
    } = {},
  ): Promise<{ user: UserRecord; token: string; email: string }> {
    passwordHash ??= hashPassword(TEST_PASSWORD);
    const email = `${this.unique('user')}@test.nekj.cn`;
    const user = await this.running.ctx.services.seeding.accounts.insert({
      email,
      passwordHash: await passwordHash,
      name: `测试用户 ${email.slice(0, 8)}`,
      roles: p.roles ?? [],
      orgId: p.org?._id ?? null,
      orgRole: p.org ? (p.orgRole ?? 'org_admin') : null,
      operatorSubmarkets: p.operatorSubmarkets ?? [],
      officialRegion: p.officialRegion,
      brokerCertNo: p.brokerCertNo,
    });
    const { token } = await this.running.ctx.services.auth.createSession(user, {});
    return { user, token, email };
  }

  /** The cast of an authorization matrix: an owner org, another org, and staff. */
  async cast(ownerOrgStatus: 'pending' | 'verified' = 'verified') {
    const ownerOrg = await this.createOrg({ status: ownerOrgStatus, regionCode: '210500' });
    const otherOrg = await this.createOrg({ regionCode: '210200' });
    return {
      ownerOrg,
      otherOrg,
      owner: await this.createUser({ org: ownerOrg, orgRole: 'org_admin' }),
      member: await this.createUser({ org: ownerOrg, orgRole: 'member' }),
      other: await this.createUser({ org: otherOrg, orgRole: 'org_admin' }),
      official: await this.createUser({ roles: ['official'], officialRegion: '210500' }),
      otherOfficial: await this.createUser({ roles: ['official'], officialRegion: '210200' }),
      hubOperator: await this.createUser({ roles: ['operator'], operatorSubmarkets: ['HUB'] }),
      cityOperator: await this.createUser({ roles: ['operator'], operatorSubmarkets: ['SM-210200'] }),
      admin: await this.createUser({ roles: ['admin'] }),
      loner: await this.createUser(),
    };
  }

  async stop() {
    this.forgetFailureHook();
    await this.running.stop();
    await this.db.connection.dropDatabase().catch(() => undefined);
    await this.db.close();
  }
}

/**
 * Retries a read until the check holds, for state that another actor changes: a page rendering what the
 * API answered, a socket frame arriving, a second server seeing a write. Background work of the app is not
 * waited for this way: await `app.settled()` first. `reason` says what is awaited ("the buyer sees the
 * seller's message"); when the deadline passes, the error names it and shows the last value read. The
 * deadline bounds a hang, it does not time anything: a check that holds returns at once.
 */
export async function eventually<T>(
  reason: string,
  read: () => Promise<T> | T,
  check: (value: T) => void,
  timeoutMs = 20_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    try {
      check(value);
      return value;
    } catch (err) {
      if (Date.now() - started > timeoutMs) throw stillNot(reason, value, err as Error, Date.now() - started);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

function stillNot(reason: string, value: unknown, err: Error, waitedMs: number): Error {
  const message = `Still waiting after ${(waitedMs / 1000).toFixed(1)} s for: ${reason}\nLast value seen: ${preview(value)}\n\n${err.message}`;
  const failure = new Error(message);
  // The check's own frames point at the assertion in the test file.
  const frames = (err.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l));
  failure.stack = [message, ...frames].join('\n');
  return failure;
}
