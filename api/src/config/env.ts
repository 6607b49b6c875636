import path from 'node:path';
import { z } from 'zod';

/** Repository root: config defaults (data dir, web build) are relative to it so `npm start` works anywhere. */
export const repoRoot = path.resolve(__dirname, '../../..');

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const list = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

/** Every variable the API reads, with its default. The README's configuration table mirrors this list. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  MONGODB_URI: z.string().url().optional(),
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,60}$/)
    .default('nekj'),
  DATA_DIR: z.string().default(path.join(repoRoot, '.data')),
  EMBEDDED_DB: z.enum(['auto', 'mongod', 'ferretdb', 'mongo-java-server']).default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Default: the development origins, none in production (same-origin requests need no entry). */
  CORS_ORIGINS: list.optional(),
  JSON_LIMIT: z
    .string()
    .regex(/^\d+(kb|mb)$/)
    .default('256kb'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
  SESSION_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
  /**
   * How long this instance may answer from its cache an organisation's name, type, region and standing, whom a
   * notice reaches and who muted what (0: off). Its own writes clear the cache at once.
   */
  DIRECTORY_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
  /**
   * How long a public catalogue page (achievements, needs) may be served from this instance's cache: this
   * instance's own listing writes clear it at once, other instances' show within this time (0: off).
   */
  CATALOGUE_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(500),
  /** Log every database command slower than this many ms (0: off), like MongoDB's own `slowms`. */
  DB_SLOW_MS: z.coerce.number().int().min(0).max(600_000).default(0),
  /** Default: true in production, false otherwise. */
  COOKIE_SECURE: bool.optional(),
  LOGIN_IP_LIMIT_PER_MIN: z.coerce.number().int().min(1).default(30),
  LOGIN_ACCOUNT_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_ACCOUNT_LOCK_MIN: z.coerce.number().int().min(1).default(15),
  /** Days an invitation to join an organisation stays open. */
  ORG_INVITATION_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  SEED_DEMO: bool.default(true),
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(200).default(20),
  IMPORT_MAX_ROWS: z.coerce.number().int().min(1).max(100_000).default(20_000),
  WEB_DIST: z.string().default(path.join(repoRoot, 'web', 'dist')),
  TRUST_PROXY: z.string().default('loopback'),
  /** `embedded` (in-process, the default) or `meilisearch` (MEILI_HOST). */
  SEARCH_ENGINE: z.enum(['embedded', 'meilisearch']).default('embedded'),
  MEILI_HOST: z.string().url().optional(),
  MEILI_MASTER_KEY: z.string().optional(),
  MEILI_INDEX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,60}$/)
    .default('listings'),
  /** `inprocess`: this api process runs search-sync; `external`: the search-sync service does (compose). */
  SEARCH_SYNC: z.enum(['inprocess', 'external']).default('inprocess'),
  SEARCH_SYNC_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  SEARCH_SYNC_BATCH: z.coerce.number().int().min(1).max(5_000).default(500),
  /** Set to spread socket.io events across api instances (@socket.io/redis-adapter). */
  REDIS_URL: z.string().url().optional(),
  NEGOTIATION_IDLE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  SOCKET_EVENTS_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(100),
  /** Payments (modules/payments). Without STRIPE_SECRET_KEY only bank transfer (对公转账) is offered. */
  STRIPE_SECRET_KEY: z.string().min(8).optional(),
  /** Key of the keyed hash that stands for a maker's resident ID (modules/orgs/maker-identity.ts). */
  MAKER_ID_HASH_KEY: z.string().min(16).optional(),
  STRIPE_PUBLISHABLE_KEY: z.string().min(8).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().min(8).optional(),
  /** Point the Stripe client at another server (the local fake in tests, stripe-mock): http://127.0.0.1:12111 */
  STRIPE_API_BASE: z.string().url().optional(),
  /**
   * The platform's service fee as a share of each payment (0.01 = 1%), deducted from the seller's share: the
   * default until an admin sets it on /admin/settings (platform settings are data, modules/settings).
   */
  PLATFORM_FEE_RATE: z.coerce.number().min(0).max(0.2).default(0.01),
  /** Stripe payments still pending after this many minutes are re-read from Stripe by the reconciliation job. */
  PAYMENT_RECONCILE_AFTER_MIN: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(15),
  /** How often the reconciliation job runs (0 = only on demand, POST /api/payments/reconcile). */
  PAYMENT_RECONCILE_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(300_000),
  /** Payers are reminded this many days before an instalment is due (and once it is overdue). */
  PAYMENT_DUE_REMINDER_DAYS: z.coerce.number().int().min(1).max(60).default(7),
  /** How often the due/overdue reminders run (0 = never by timer; `payments.notices.runOnce(now)` in tests). */
  PAYMENT_REMINDER_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(3_600_000),
  /** The platform's account shown to payers for 对公转账: `name|bank|account`; the default until an admin sets it. */
  PLATFORM_BANK_ACCOUNT: z
    .string()
    .max(300)
    .default('东北科技大市场运营管理有限公司|中国工商银行沈阳浑南支行|3301 0012 0920 0088 666'),
  /** E-mail (modules/mail): SMTP when set (`smtp://` or `smtps://user:pass@host:port`), else `.eml` files in MAIL_DIR. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/\S+$/, 'an smtp:// or smtps:// URL')
    .optional(),
  /** Where messages are written without SMTP_URL; default `<DATA_DIR>/mail`. */
  MAIL_DIR: z.string().optional(),
  MAIL_FROM: z.string().min(3).max(200).default('东北科技大市场 <noreply@nekj.example.cn>'),
  /** How often the outbox looks for messages stored by other instances and retries whose backoff ran out. */
  /** Minutes a password-reset link (忘记密码) stays valid; it works once. */
  PASSWORD_RESET_TTL_MIN: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(30),
  MAIL_OUTBOX_INTERVAL_MS: z.coerce.number().int().min(50).max(3_600_000).default(5_000),
  /** Where Stripe Connect onboarding returns to (the web app's payments page). */
  PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000'),
});

/** Origins of the Vite dev server and a local `npm start`: allowed with credentials outside production only. */
export const DEVELOPMENT_ORIGINS = ['http://localhost:3000', 'http://localhost:5173'];

export type AppConfig = Omit<z.infer<typeof envSchema>, 'CORS_ORIGINS' | 'COOKIE_SECURE'> & {
  CORS_ORIGINS: string[];
  COOKIE_SECURE: boolean;
};

/** Validates the environment once; on failure lists every bad key, so one restart fixes them all. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  const known = Object.fromEntries(
    Object.keys(envSchema.shape)
      .filter((k) => env[k] !== undefined && env[k] !== '')
      .map((k) => [k, env[k]]),
  );
  const parsed = envSchema.safeParse(known);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  // Production defaults are the safe ones (issue 17): a Secure cookie and no development origin allowed to
  // call with credentials; either can still be set explicitly.
  const production = parsed.data.NODE_ENV === 'production';
  const config: AppConfig = {
    ...parsed.data,
    CORS_ORIGINS: parsed.data.CORS_ORIGINS ?? (production ? [] : DEVELOPMENT_ORIGINS),
    COOKIE_SECURE: parsed.data.COOKIE_SECURE ?? production,
    ...overrides,
  };
  if (config.SEARCH_ENGINE === 'meilisearch' && !config.MEILI_HOST) {
    throw new Error('Invalid configuration:\n  MEILI_HOST: required when SEARCH_ENGINE=meilisearch');
  }
  return config;
}
