import { z } from 'zod';
import { parseApiKeys } from './api-keys.js';

/**
 * Every environment variable the processes read, as one zod schema (README, Configuration lists
 * each; environment.spec.ts checks the two agree). An unset or blank variable takes its default;
 * a bad value is an issue naming the variable, and loadEnvironment reports them all at once.
 */

/**
 * SQLite: the page cache (MiB) of each connection that answers questions (the API's, each answer
 * worker's), as PostgreSQL's shared_buffers is 128 MB by default. The projector's connection keeps
 * 16 MiB (read-model schema.ts SQLITE_CACHE_KIB): its memory is the rebuild's peak.
 */
export const DEFAULT_READ_MODEL_CACHE_MB = 128;

const blank = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** A whole number from min to max ("70000", not "7e4", "5s" nor "0x10"). */
function integer(min: number, max: number, fallback: number, unit = '') {
  return z.preprocess(blank, whole(min, max, unit).default(fallback));
}

function whole(min: number, max: number, unit = '') {
  const message = `must be an integer from ${min} to ${max}${unit}`;
  return z.string().trim().regex(/^-?\d+$/, message).transform(Number).pipe(z.number().min(min, message).max(max, message));
}

/** A number (fractions allowed) at least min. */
function atLeast(min: number, fallback: number) {
  const message = `must be a number >= ${min}`;
  return z.preprocess(blank, z.string().trim().regex(/^\d+(\.\d+)?$/, message).transform(Number)
    .pipe(z.number().min(min, message)).default(fallback));
}

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(blank, z.enum(values, { error: `must be one of ${values.join(', ')}` }).default(values[0] as T[0]));
}

/** true/false or 1/0; anything else ("yes", "on", "ture") is refused rather than read as false. */
function flag(fallback: boolean) {
  return z.preprocess(blank, z.stringbool({ truthy: ['true', '1'], falsy: ['false', '0'], case: 'insensitive', error: 'must be true, false, 1 or 0' })
    .default(fallback));
}

/** A connection string of one of these schemes (checked by scheme only: a cluster's `esdb://a:2113,b:2113` is not a URL). */
function connection(schemes: readonly string[]) {
  const pattern = new RegExp(`^(${schemes.map((scheme) => scheme.replace('+', '\\+')).join('|')})://\\S+$`, 'i');
  return z.preprocess(blank, z.string().trim().regex(pattern, `must be a connection string starting with ${schemes.map((scheme) => `${scheme}://`).join(', ')}`).optional());
}

const text = () => z.preprocess(blank, z.string().optional());

export const DEFAULT_RETRY_SCHEDULE: readonly number[] = [0, 5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600];

const retrySchedule = z.preprocess(blank, z.string()
  .transform((value) => value.split(',').map((part) => part.trim()))
  .pipe(z.array(z.string().regex(/^\d+(\.\d+)?$/, 'must be comma-separated seconds (e.g. 0,5,300)').transform(Number)))
  .default([...DEFAULT_RETRY_SCHEDULE]));

const apiKeys = z.preprocess(blank, z.string().optional()).transform((value, context) => {
  try {
    return parseApiKeys(value);
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message, input: value });
    return z.NEVER;
  }
});

const CORS_ORIGIN = /^(\*|https?:\/\/[a-z0-9.-]+(:\d{1,5})?)$/i;
const corsOrigins = z.preprocess(blank, z.string()
  .transform((value) => value.split(',').map((part) => part.trim()).filter((part) => part !== ''))
  .pipe(z.array(z.string().regex(CORS_ORIGIN, 'must be * or comma-separated origins such as https://app.example.org (scheme, host, optional port)')))
  .optional());

export const WEBHOOK_VARIABLES = {
  WEBHOOK_ALLOW_PRIVATE: flag(false),
  WEBHOOK_RETRY_SCHEDULE: retrySchedule,
  WEBHOOK_TIMEOUT_MS: atLeast(100, 15_000),
  WEBHOOK_DISABLE_AFTER_SECONDS: atLeast(1, 5 * 24 * 3600),
  WEBHOOK_SECRET_GRACE_SECONDS: atLeast(0, 24 * 3600),
  WEBHOOK_MAX_PAYLOAD_BYTES: atLeast(1024, 256 * 1024),
  WEBHOOK_POLL_MS: atLeast(10, 250),
};

const hour = 3_600_000;
export const HTTP_VARIABLES = {
  HTTP_HEADERS_TIMEOUT_MS: integer(100, hour, 10_000, ' (milliseconds)'),
  HTTP_REQUEST_TIMEOUT_MS: integer(100, hour, 30_000, ' (milliseconds)'),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: integer(100, hour, 72_000, ' (milliseconds)'),
  HTTP_CONNECTION_TIMEOUT_MS: integer(100, hour, 120_000, ' (milliseconds)'),
};

export const ENVIRONMENT = z.object({
  PORT: integer(0, 65535, 3000),
  HOST: text(),
  DATA_DIR: text(),
  API_KEYS: apiKeys,
  // `projector`: the projector process's (docker-compose); that process runs the projector whatever ROLE says
  ROLE: oneOf(['all', 'api', 'projector'] as const),
  // ROLE=all: the projector in a worker thread of the API's process (false: on the API's own thread, for debugging)
  PROJECTOR_THREAD: flag(true),
  EVENTSTORE_CONNECTION_STRING: connection(['esdb', 'esdb+discover', 'kurrentdb', 'kurrentdb+discover', 'kurrent', 'kurrent+discover', 'postgres', 'postgresql']),
  DATABASE_URL: connection(['postgres', 'postgresql']),
  READ_YOUR_WRITES_TIMEOUT_MS: integer(0, 60_000, 5000),
  ANSWER_CACHE_MB: integer(0, 65536, 64),
  READ_MODEL_CACHE_MB: integer(2, 65536, DEFAULT_READ_MODEL_CACHE_MB),
  READ_CONCURRENCY: integer(1, 256, 2),
  ANSWER_WORKERS: z.preprocess(blank, whole(0, 64).optional()),
  FOLD_WORKERS: integer(0, 64, 1),
  READ_QUEUE: integer(0, 100_000, 32),
  ANONYMOUS_READ_RATE_LIMIT: integer(0, 1_000_000, 0),
  KEYED_RATE_LIMIT: integer(0, 1_000_000, 0),
  RATE_LIMIT_WINDOW_SECONDS: integer(1, 86_400, 60),
  CORS_ORIGINS: corsOrigins,
  MAX_BODY_BYTES: integer(1024, 64 * 1024 * 1024, 1024 * 1024),
  SEED_ON_START: flag(true),
  READ_MODEL_MISMATCH: oneOf(['rebuild', 'refuse'] as const),
  LOG_FORMAT: z.preprocess(blank, z.enum(['json', 'text'], { error: 'must be one of json, text' }).optional()),
  LOG_LEVEL: oneOf(['info', 'fatal', 'error', 'warn', 'debug', 'trace', 'silent'] as const),
  PAGE_DIR: text(),
  ...HTTP_VARIABLES,
  ...WEBHOOK_VARIABLES,
}).superRefine((env, context) => {
  if (env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS) {
    context.addIssue({
      code: 'custom', path: ['HTTP_HEADERS_TIMEOUT_MS'],
      message: `(${env.HTTP_HEADERS_TIMEOUT_MS}) must not exceed HTTP_REQUEST_TIMEOUT_MS (${env.HTTP_REQUEST_TIMEOUT_MS})`,
    });
  }
});

export type Environment = z.output<typeof ENVIRONMENT>;

/** Bad configuration: one line per bad variable, naming it. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

const SECRET = /^(API_KEYS|DATABASE_URL|EVENTSTORE_CONNECTION_STRING)$/;

/** `NAME must ...; got "value"`: the variable first, what it must be, what it was. */
function lineOf(issue: z.core.$ZodIssue, env: NodeJS.ProcessEnv): string {
  const name = String(issue.path[0] ?? 'environment');
  if (issue.message.startsWith(name)) return issue.message;
  const value = env[name];
  // keys and connection strings (passwords) are never repeated
  const shown = SECRET.test(name) || value === undefined || issue.message.startsWith('(') ? '' : `; got "${value.length > 80 ? `${value.slice(0, 80)}…` : value}"`;
  return `${name} ${issue.message}${shown}`;
}

/** Parses the shape given (the whole ENVIRONMENT, or a part of it); every problem at once, one per variable. */
export function parseEnvironment<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = [...new Set(result.error.issues.map((issue) => lineOf(issue, env)))];
  throw new ConfigError(lines);
}
