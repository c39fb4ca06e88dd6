import type { Kysely } from 'kysely';
import pg from 'pg';
import { quickCheckReadModel } from './log-consistency.js';
import { migrateReadModel, type MigrationSet } from './migrations.js';
import { refreshPlannerStatistics } from './read-model-store.js';
import { openSqliteReadModel, postgresReadModel, type ReadModelDatabase } from './schema.js';

const { Pool, types } = pg;

export type ReadModelDialect = 'sqlite' | 'postgres';

export interface OpenReadModelOptions {
  /** PostgreSQL connection URL (`DATABASE_URL`): read models shared by many machines; else SQLite */
  readonly databaseUrl?: string;
  /** the SQLite file used when there is no databaseUrl */
  readonly sqlitePath: string;
  /** PostgreSQL pool size; default 10 */
  readonly poolSize?: number;
  /** SQLite: wait this long for another connection's write lock (ms) */
  readonly busyTimeoutMs?: number;
  /** SQLite: the connection's page cache (MiB); default 16 (the projector's). The API's is READ_MODEL_CACHE_MB */
  readonly sqliteCacheMb?: number;
  /** SQLite: PRAGMA quick_check of the file before anything else; a damaged file fails the open, naming it (the servers' start) */
  readonly integrityCheck?: boolean;
  /** the other owners' migrations sharing this database (WEBHOOK_MIGRATIONS), run with the read models' own */
  readonly migrations?: readonly MigrationSet[];
}

export interface OpenedReadModel {
  readonly db: Kysely<ReadModelDatabase>;
  readonly dialect: ReadModelDialect;
  close(): Promise<void>;
}

/**
 * int8 (BIGINT: positions, count(*)) as a number while exact, else a bigint: what better-sqlite3
 * gives for the same columns, never a lossy number. node-postgres' default is a string.
 */
const parseInt8 = (text: string): number | bigint => {
  const value = BigInt(text);
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
};
const INT8_OID = 20;
/** per pool, not pg's global type table (other pools in the process keep their parsers) */
const readModelTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? parseInt8 : types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * Opens the read-model database, PostgreSQL when `databaseUrl` is given, else the SQLite file
 * (created if missing), and brings its schema to the latest migration.
 */
export async function openReadModel(options: OpenReadModelOptions): Promise<OpenedReadModel> {
  const databaseUrl = options.databaseUrl?.trim();
  let db: Kysely<ReadModelDatabase>;
  let dialect: ReadModelDialect;
  if (databaseUrl) {
    const pool = new Pool({ connectionString: databaseUrl, max: options.poolSize ?? 10, types: readModelTypes });
    // an idle client's connection dropping (server restart, terminated backend) must not crash the process;
    // the pool discards that client and the next query gets a new connection
    pool.on('error', () => undefined);
    db = postgresReadModel(pool);
    dialect = 'postgres';
  } else {
    db = openSqliteReadModel(options.sqlitePath, {
      ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
      ...(options.sqliteCacheMb === undefined ? {} : { cacheMb: options.sqliteCacheMb }),
    });
    dialect = 'sqlite';
  }
  try {
    if (dialect === 'sqlite' && options.integrityCheck) {
      const findings = await quickCheckReadModel(db);
      if (findings.length > 0) {
        throw new Error(`read model ${options.sqlitePath} failed its integrity check (PRAGMA quick_check): ${findings.slice(0, 3).join('; ')}. `
          + 'Move the file away (it is rebuilt from the log on the next start) or restore it from a backup.');
      }
    }
    await migrateReadModel(db, ...(options.migrations ?? []));
    // SQLite: tables never analysed (a new file, or one written before this) get statistics now
    if (dialect === 'sqlite') await refreshPlannerStatistics(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
  return { db, dialect, close: () => db.destroy() };
}

/**
 * The read models opened only to read them beside the process that migrates and writes them (the
 * answer workers): no migration, no check, a small pool; SQLite read-only.
 */
export function openReadModelForReading(options: Pick<OpenReadModelOptions, 'databaseUrl' | 'sqlitePath' | 'sqliteCacheMb'>): OpenedReadModel {
  const databaseUrl = options.databaseUrl?.trim();
  if (databaseUrl) {
    const pool = new Pool({ connectionString: databaseUrl, max: 2, types: readModelTypes });
    pool.on('error', () => undefined);
    const db = postgresReadModel(pool);
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const db = openSqliteReadModel(options.sqlitePath, { readonly: true, ...(options.sqliteCacheMb === undefined ? {} : { cacheMb: options.sqliteCacheMb }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}
