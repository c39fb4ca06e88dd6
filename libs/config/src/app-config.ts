import { availableParallelism } from 'node:os';
import path from 'node:path';
import { parseApiKeys, type ApiKey } from './api-keys.js';
import { loadHttpServerLimits, type HttpServerLimits } from './http-server-limits.js';

export const APP_CONFIG = Symbol('APP_CONFIG');

export interface AppConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly sqlitePath: string;
  /** SQLite read-model file, used when DATABASE_URL is not set */
  readonly readModelPath: string;
  /** run the projector inside the api process (the one-machine default); ROLE=api turns it off */
  readonly embeddedProjector: boolean;
  /** how long a query with minPosition waits for the projector (ms) */
  readonly readYourWritesTimeoutMs: number;
  readonly eventStoreConnectionString?: string;
  readonly databaseUrl?: string;
  readonly apiKeys: readonly ApiKey[];
  readonly maxBodyBytes: number;
  readonly seedOnStart: boolean;
  /** READ_MODEL_MISMATCH: the read models were built from another log (restored backup, emptied log): rebuild them at start, or refuse to start */
  readonly readModelMismatch: 'rebuild' | 'refuse';
  /** json (structured, the default when not on a terminal) or text */
  readonly logFormat: 'json' | 'text';
  /** LOG_LEVEL: the least severe entries written (request lines are info) */
  readonly logLevel: 'info' | 'fatal' | 'error' | 'warn' | 'debug' | 'trace' | 'silent';
  /** memory for answers already given (bytes); 0: none kept */
  readonly answerCacheBytes: number;
  /** header, body, keep-alive and idle-socket timeouts of the HTTP server */
  readonly http: HttpServerLimits;
  /** answers computed at once (reads of the read models and the fold); more wait their turn */
  readonly readConcurrency: number;
  /** ANSWER_WORKERS: worker threads computing point-in-time answers off the event loop; 0: computed in the API thread */
  readonly answerWorkers: number;
  /** computed reads waiting for a turn; beyond this a read gets 503 with Retry-After */
  readonly readQueue: number;
  /** ANONYMOUS_READ_RATE_LIMIT: requests per minute per client IP without a valid API key (429 beyond); 0: no limit */
  readonly anonymousReadRateLimit: number;
}

function integer(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) throw new Error(`${name} must be an integer from ${min} to ${max}; got "${value}"`);
  return parsed;
}

/** One of `allowed` (the first when unset). */
function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly [T, ...T[]]): T {
  if (value === undefined || value === '') return allowed[0];
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`${name} must be one of ${allowed.join(', ')}; got "${value}"`);
  return value as T;
}

/** One thread per core left beside the API's own, at most READ_CONCURRENCY (more would only wait at the gate), at least one. */
function defaultAnswerWorkers(env: NodeJS.ProcessEnv): number {
  const readConcurrency = integer('READ_CONCURRENCY', env.READ_CONCURRENCY, 2, 1, 256);
  return Math.max(1, Math.min(readConcurrency, availableParallelism() - 1));
}

/** Configuration from the environment; fails fast with the variable's name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const apiKeys = parseApiKeys(env.API_KEYS);
  const dataDir = path.resolve(env.DATA_DIR || 'data');
  return {
    port: integer('PORT', env.PORT, 3000, 0, 65535),
    // without keys, nobody but this machine may reach a server that grants every role
    host: apiKeys.length === 0 ? '127.0.0.1' : env.HOST || '0.0.0.0',
    dataDir,
    sqlitePath: path.join(dataDir, 'events.sqlite'),
    readModelPath: path.join(dataDir, 'read-model.sqlite'),
    embeddedProjector: (env.ROLE ?? 'all') !== 'api',
    logFormat: env.LOG_FORMAT === 'json' || env.LOG_FORMAT === 'text' ? env.LOG_FORMAT : process.stdout.isTTY ? 'text' : 'json',
    logLevel: oneOf('LOG_LEVEL', env.LOG_LEVEL, ['info', 'fatal', 'error', 'warn', 'debug', 'trace', 'silent'] as const),
    readYourWritesTimeoutMs: integer('READ_YOUR_WRITES_TIMEOUT_MS', env.READ_YOUR_WRITES_TIMEOUT_MS, 5000, 0, 60000),
    eventStoreConnectionString: env.EVENTSTORE_CONNECTION_STRING || undefined,
    databaseUrl: env.DATABASE_URL || undefined,
    apiKeys,
    maxBodyBytes: integer('MAX_BODY_BYTES', env.MAX_BODY_BYTES, 1024 * 1024, 1024, 64 * 1024 * 1024),
    seedOnStart: (env.SEED_ON_START ?? 'true') !== 'false',
    readModelMismatch: oneOf('READ_MODEL_MISMATCH', env.READ_MODEL_MISMATCH, ['rebuild', 'refuse'] as const),
    answerCacheBytes: integer('ANSWER_CACHE_MB', env.ANSWER_CACHE_MB, 64, 0, 65536) * 1024 * 1024,
    http: loadHttpServerLimits(env),
    readConcurrency: integer('READ_CONCURRENCY', env.READ_CONCURRENCY, 2, 1, 256),
    answerWorkers: integer('ANSWER_WORKERS', env.ANSWER_WORKERS, defaultAnswerWorkers(env), 0, 64),
    readQueue: integer('READ_QUEUE', env.READ_QUEUE, 32, 0, 100_000),
    anonymousReadRateLimit: integer('ANONYMOUS_READ_RATE_LIMIT', env.ANONYMOUS_READ_RATE_LIMIT, 0, 0, 1_000_000),
  };
}
