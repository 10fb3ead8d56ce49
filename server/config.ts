import { z } from 'zod';

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** Every setting comes from the environment, checked here once at start. */
export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional()
    .transform((v) => v || undefined),
  /**
   * postgres://user:pass@host:port/db: the durable record on PostgreSQL, shared by every
   * instance. Without it, SQLite under DATA_DIR (one instance, nothing to install).
   */
  DATABASE_URL: z
    .string()
    // Empty counts as unset (DATABASE_URL= in a shell or an env file).
    .regex(/^(postgres(ql)?:\/\/.*)?$/, 'must start with postgres:// or postgresql://')
    .optional()
    .transform((v) => v || undefined),
  LOG_LEVEL: LogLevel.default('info'),
  /** Where browsers reach the server; used for Origin checks and invitation links. */
  PUBLIC_ORIGIN: z
    .string()
    .url('must be a URL such as https://forum.example.kr')
    .transform((v) => new URL(v).origin)
    .optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 90).default(12),
  INVITATION_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(72),
  /**
   * Failed sign-ins allowed per 15 minutes (token buckets refilling evenly over the 15 minutes):
   * per account and address, per account from all addresses (a higher ceiling, so nobody can
   * lock a person out from one address), and per address over all accounts.
   */
  LOGIN_MAX_PER_PAIR: z.coerce.number().int().positive().default(10),
  LOGIN_MAX_PER_ACCOUNT: z.coerce.number().int().positive().default(100),
  LOGIN_MAX_PER_ADDRESS: z.coerce.number().int().positive().default(50),
  /** Password hashes (scrypt, 128 MiB each) computed at once; more wait their turn, taking turns by address. */
  PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().positive().max(64).default(2),
  /** Seconds a presence entry lives without a heartbeat. */
  PRESENCE_TTL_SECONDS: z.coerce.number().positive().max(600).default(15),
  /** Start of the 200-day project (YYYY-MM-DD); used on first start only. */
  FORUM_STARTS_ON: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)').default('2026-11-16'),
  STRATEGY_DUE_ON: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)').default('2027-06-30'),
  /** smtp://user:pass@host:port (or smtps://); without it no e-mail is sent. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional()
    .transform((v) => v || undefined),
  /** The sender of e-mails and the organizer of calendar invitations. */
  SMTP_FROM: z
    .string()
    .optional()
    .transform((v) => v || undefined),
  /** The first retry of a failed e-mail waits this long, each next one twice as long (up to an hour). */
  MAIL_RETRY_BASE_MS: z.coerce.number().int().positive().default(30_000),
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** How often the outbox is looked at for retries that fell due. */
  MAIL_POLL_MS: z.coerce.number().int().min(20).default(5_000),
  /** How often action items past their due date are looked for, to remind their owners. */
  ACTION_ITEM_CHECK_MS: z.coerce.number().int().min(20).default(15 * 60_000),
  /** How long a document rests after a change before its text is written to the search index. */
  SEARCH_INDEX_DELAY_MS: z.coerce.number().int().min(0).default(2_000),
  /** How often meeting reminders and comment digests are looked for (they are due by the clock). */
  NOTIFY_TICK_MS: z.coerce.number().int().min(20).default(30_000),
  /** GET /metrics on the main port for `Authorization: Bearer <this>`; 404 without it. */
  METRICS_TOKEN: z
    .string()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || v.length >= 16, 'must be at least 16 characters'),
  /** GET /metrics without a token on this port of its own (HOST), for a network only the scraper reaches. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
});

export type Config = z.infer<typeof ConfigSchema> & { demo: boolean };

export type ConfigResult = { ok: true; config: Config } | { ok: false; message: string };

/** Parses the environment; on failure the message names each bad variable and why. */
export function loadConfig(env: NodeJS.ProcessEnv, demo = false): ConfigResult {
  const parsed = ConfigSchema.safeParse(env);
  if (parsed.success) return { ok: true, config: { ...parsed.data, demo } };
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message} (got ${JSON.stringify(env[String(i.path[0])])})`);
  return { ok: false, message: `Invalid configuration:\n${lines.join('\n')}` };
}
