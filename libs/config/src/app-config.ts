import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { ApiKey } from './api-keys.js';
import { ENVIRONMENT, parseEnvironment } from './environment.js';
import { httpServerLimitsOf, type HttpServerLimits } from './http-server-limits.js';

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
  /** PROJECTOR_THREAD: the embedded projector runs in a worker thread with its own connections (default), not on the API's event loop */
  readonly projectorThread: boolean;
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
  /** SQLite: the page cache (MiB) of each read-model connection that answers questions (READ_MODEL_CACHE_MB) */
  readonly readModelCacheMb: number;
  /** header, body, keep-alive and idle-socket timeouts of the HTTP server */
  readonly http: HttpServerLimits;
  /** answers computed at once (reads of the read models and the fold); more wait their turn */
  readonly readConcurrency: number;
  /** ANSWER_WORKERS: worker threads computing point-in-time answers off the event loop; 0: computed in the API thread */
  readonly answerWorkers: number;
  /**
   * FOLD_WORKERS: worker threads of their own for the answers that fold the histories (knownAt or
   * recordedAt given; diff, timeline, series) when ANSWER_WORKERS > 0; 0: they share the answer workers
   */
  readonly foldWorkers: number;
  /** computed reads waiting for a turn; beyond this a read gets 503 with Retry-After */
  readonly readQueue: number;
  /** requests per window (RATE_LIMIT_WINDOW_SECONDS) per client IP without a valid API key, and per API key; 0: no limit */
  readonly rateLimits: RateLimits;
  /** CORS_ORIGINS: the origins a browser may call the API from (`*`: any); empty: no CORS headers */
  readonly corsOrigins: readonly string[];
  /** PAGE_DIR: where the built page is (default dist/web) */
  readonly pageDir?: string;
}

export interface RateLimits {
  /** ANONYMOUS_READ_RATE_LIMIT: per client IP, requests without a valid API key */
  readonly anonymous: number;
  /** KEYED_RATE_LIMIT: per API key */
  readonly keyed: number;
  /** RATE_LIMIT_WINDOW_SECONDS */
  readonly windowSeconds: number;
}

/** One thread per core left beside the API's own, at most READ_CONCURRENCY (more would only wait at the gate), at least one. */
function defaultAnswerWorkers(readConcurrency: number): number {
  return Math.max(1, Math.min(readConcurrency, availableParallelism() - 1));
}

/**
 * Configuration from the environment, every variable checked by the ENVIRONMENT schema
 * (environment.ts) before anything opens: a ConfigError lists each bad variable on a line of its own.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const settings = parseEnvironment(ENVIRONMENT, env);
  const dataDir = path.resolve(settings.DATA_DIR ?? 'data');
  return {
    port: settings.PORT,
    // without keys, nobody but this machine may reach a server that grants every role
    host: settings.API_KEYS.length === 0 ? '127.0.0.1' : settings.HOST ?? '0.0.0.0',
    dataDir,
    sqlitePath: path.join(dataDir, 'events.sqlite'),
    readModelPath: path.join(dataDir, 'read-model.sqlite'),
    embeddedProjector: settings.ROLE !== 'api',
    projectorThread: settings.PROJECTOR_THREAD,
    logFormat: settings.LOG_FORMAT ?? (process.stdout.isTTY ? 'text' : 'json'),
    logLevel: settings.LOG_LEVEL,
    readYourWritesTimeoutMs: settings.READ_YOUR_WRITES_TIMEOUT_MS,
    eventStoreConnectionString: settings.EVENTSTORE_CONNECTION_STRING,
    databaseUrl: settings.DATABASE_URL,
    apiKeys: settings.API_KEYS,
    maxBodyBytes: settings.MAX_BODY_BYTES,
    seedOnStart: settings.SEED_ON_START,
    readModelMismatch: settings.READ_MODEL_MISMATCH,
    answerCacheBytes: settings.ANSWER_CACHE_MB * 1024 * 1024,
    readModelCacheMb: settings.READ_MODEL_CACHE_MB,
    http: httpServerLimitsOf(settings),
    readConcurrency: settings.READ_CONCURRENCY,
    answerWorkers: settings.ANSWER_WORKERS ?? defaultAnswerWorkers(settings.READ_CONCURRENCY),
    foldWorkers: settings.FOLD_WORKERS,
    readQueue: settings.READ_QUEUE,
    rateLimits: {
      anonymous: settings.ANONYMOUS_READ_RATE_LIMIT,
      keyed: settings.KEYED_RATE_LIMIT,
      windowSeconds: settings.RATE_LIMIT_WINDOW_SECONDS,
    },
    corsOrigins: settings.CORS_ORIGINS ?? [],
    pageDir: settings.PAGE_DIR,
  };
}
