import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { Migrator, sql, type Kysely, type Migration } from 'kysely';

/** The counters' table: one row per key (an address or an API key name) with its window's start and its hits. */
interface RateLimitDatabase {
  api_rate_limits: {
    key: string;
    /** when the key's current window began, ms since the epoch (PostgreSQL's clock) */
    window_start_ms: number;
    hits: number;
  };
}

/**
 * The API's own migrations (apart from the read models' and the webhook queue's, with their own
 * migration table): only on PostgreSQL, where several API processes count together.
 */
const RATE_LIMIT_MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_api_rate_limits': {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.createTable('api_rate_limits').ifNotExists()
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('window_start_ms', 'bigint', (c) => c.notNull())
        .addColumn('hits', 'integer', (c) => c.notNull())
        .execute();
    },
  },
};

/** Creates the counters' table if missing (Kysely's migrator: two processes starting at once take turns). */
export async function migrateRateLimits(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({
    db, provider: { getMigrations: () => Promise.resolve({ ...RATE_LIMIT_MIGRATIONS }) },
    migrationTableName: 'api_kysely_migration', migrationLockTableName: 'api_kysely_migration_lock',
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

/** PostgreSQL's clock in ms: one clock for every machine counting. */
const NOW_MS = sql<number>`(extract(epoch from now()) * 1000)::bigint`;
/** every this many hits, the rows of windows long over are deleted */
const SWEEP_EVERY = 1000;

/**
 * Counts requests per key and fixed window in PostgreSQL, so that every API process on the
 * database shares one count: one upsert per request that starts a new window when the key's last
 * one is over, else adds one hit; it answers the hits and the milliseconds left in the window.
 */
export class SharedRateLimitCounter {
  private hitsSinceSweep = 0;
  constructor(private readonly db: Kysely<RateLimitDatabase>) {}

  async hit(key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
    const over = sql<boolean>`api_rate_limits.window_start_ms + ${windowMs} <= excluded.window_start_ms`;
    const row = await this.db.insertInto('api_rate_limits')
      .values({ key, window_start_ms: NOW_MS, hits: 1 })
      .onConflict((conflict) => conflict.column('key').doUpdateSet({
        hits: sql<number>`case when ${over} then 1 else api_rate_limits.hits + 1 end`,
        window_start_ms: sql<number>`case when ${over} then excluded.window_start_ms else api_rate_limits.window_start_ms end`,
      }))
      .returning(['hits', sql<number>`api_rate_limits.window_start_ms + ${windowMs} - ${NOW_MS}`.as('ttl')])
      .executeTakeFirstOrThrow();
    if (++this.hitsSinceSweep >= SWEEP_EVERY) {
      this.hitsSinceSweep = 0;
      void this.db.deleteFrom('api_rate_limits').where(sql<boolean>`window_start_ms + ${windowMs} < ${NOW_MS}`).execute().catch(() => undefined);
    }
    return { current: Number(row.hits), ttl: Math.max(0, Number(row.ttl)) };
  }

  /** The @fastify/rate-limit `store` (its constructor) counting here. */
  store(): FastifyRateLimitStoreCtor {
    const counter = this;
    return class SharedStore implements FastifyRateLimitStore {
      incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
        counter.hit(key, timeWindow).then((result) => callback(null, result), (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
      }

      child(): FastifyRateLimitStore {
        return this;
      }
    };
  }
}
