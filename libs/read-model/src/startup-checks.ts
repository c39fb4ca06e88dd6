import path from 'node:path';
import { holdDataDir } from './data-dir-users.js';
import { openEventStore, SqliteEventStore, type EventStore } from '../../event-store/src/index.js';
import { checkReadModelAgainstLog, type ReadModelMismatchPolicy } from './log-consistency.js';
import type { MigrationSet } from './migrations.js';
import { openReadModel, type OpenedReadModel } from './open-read-model.js';
import { READ_MODEL_PROJECTOR, type ReadModelStore } from './read-model-store.js';

/** Where the stores are (the servers' configuration) */
export interface StoreConfig {
  /** EventStoreDB; else the SQLite log at sqlitePath */
  readonly eventStoreConnectionString?: string | undefined;
  readonly sqlitePath: string;
  /** PostgreSQL read models; else the SQLite file at readModelPath */
  readonly databaseUrl?: string | undefined;
  readonly readModelPath: string;
  /** SQLite: the read-model connection's page cache (MiB), READ_MODEL_CACHE_MB; default 16 */
  readonly readModelCacheMb?: number;
}

/** An error opening or reading a SQLite file, said with the file's name (unless it says it already, or names DATA_DIR). */
const naming = (file: string, what: string, error: unknown): Error => {
  const text = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && (text.includes(file) || text.includes('DATA_DIR'))) return error;
  return new Error(`${what} ${file}: ${text}`, { cause: error });
};

/** An error's own words: an AggregateError (every address of `localhost` refused) has none but its errors'. */
const wordsOf = (error: unknown): string => {
  if (error instanceof AggregateError && !error.message) return [...new Set(error.errors.map(wordsOf))].join('; ');
  if (error instanceof Error) return error.message || String((error as { code?: unknown }).code ?? error.name);
  return String(error);
};

/** Where a connection string points, without its password: `host:port/database`, or its scheme. */
const targetOf = (connectionString: string): string => {
  try {
    const url = new URL(connectionString);
    return `${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return `${connectionString.split('://')[0]}://…`;
  }
};

/** A failure to reach a database, said with the variable that names it (never its password). */
const namingVariable = (variable: string, connectionString: string, what: string, error: unknown): Error =>
  new Error(`${variable}: could not open ${what} at ${targetOf(connectionString)}: ${wordsOf(error)}`, { cause: error });

/**
 * The event store and the read models as a server's start opens them: each SQLite file passes
 * PRAGMA quick_check first (a damaged page stops the start here, naming the file, instead of
 * answering 500 later). Closes what it opened when it fails. While open, the data dir is marked
 * as used by this server (data-dir-users.ts; released when the read model is closed).
 */
export async function openCheckedStores(
  config: StoreConfig, migrations: readonly MigrationSet[] = [], warn: (message: string) => void = (message) => process.stderr.write(`${message}\n`),
): Promise<{ eventStore: EventStore; readModel: OpenedReadModel }> {
  const sqlite = !config.eventStoreConnectionString;
  const eventStore = await openEventStore(config).catch((error: unknown) => {
    throw sqlite ? naming(config.sqlitePath, 'could not open the event store', error)
      : namingVariable('EVENTSTORE_CONNECTION_STRING', config.eventStoreConnectionString as string, 'the event store', error);
  });
  try {
    if (eventStore instanceof SqliteEventStore) {
      const findings = await eventStore.quickCheck();
      if (findings.length > 0) {
        throw new Error(`event store ${config.sqlitePath} failed its integrity check (PRAGMA quick_check): ${findings.slice(0, 3).join('; ')}. `
          + 'The log is the only source of truth: restore the file from a backup.');
      }
    }
    const readModel = await openReadModel({
      databaseUrl: config.databaseUrl, sqlitePath: config.readModelPath, sqliteCacheMb: config.readModelCacheMb, integrityCheck: true, migrations,
    })
      .catch((error: unknown) => {
        throw config.databaseUrl ? namingVariable('DATABASE_URL', config.databaseUrl, 'the PostgreSQL read models', error)
          : naming(config.readModelPath, 'could not open the read model', error);
      });
    if (sqlite || !config.databaseUrl) {
      const dataDir = path.dirname(sqlite ? config.sqlitePath : config.readModelPath);
      const release = await holdDataDir(dataDir, warn).catch(async (error: unknown) => {
        await readModel.close();
        throw naming(dataDir, 'could not mark the data dir as in use', error);
      });
      return { eventStore, readModel: { ...readModel, close: async () => { await release(); await readModel.close(); } } };
    }
    return { eventStore, readModel };
  } catch (error) {
    await eventStore.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Before a projector serves or follows: the read models must have been built from this log (their
 * checkpoint not past its head, the event at the checkpoint the one they recorded). When not,
 * READ_MODEL_MISMATCH=rebuild (the default) empties them, to be built again from the log by the
 * catch-up that follows, and refuse throws. Returns the mismatch found, null when none.
 */
export async function reconcileReadModel(
  eventStore: EventStore, store: ReadModelStore, policy: ReadModelMismatchPolicy, logger: { warn(message: string): void },
): Promise<string | null> {
  const mismatch = await checkReadModelAgainstLog(eventStore, store, READ_MODEL_PROJECTOR);
  if (!mismatch) return null;
  if (policy === 'refuse') {
    throw new Error(`${mismatch.reason}. READ_MODEL_MISMATCH=refuse: not starting; restore the log that goes with the read model, `
      + 'or rebuild the read models from this log (READ_MODEL_MISMATCH=rebuild, or npm run projector:rebuild).');
  }
  logger.warn(`${mismatch.reason}: its answers are not served; rebuilding the read models from the log (READ_MODEL_MISMATCH=rebuild)`);
  const moved = await store.resetToLog(READ_MODEL_PROJECTOR, mismatch.head);
  if (moved.length > 0) logger.warn(`checkpoints brought back to the log's head: ${moved.join(', ')}`);
  return mismatch.reason;
}
