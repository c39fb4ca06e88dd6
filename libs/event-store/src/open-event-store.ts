import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { EventStore } from './event-store.js';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';

export interface EventStoreConfig {
  /**
   * when set, where the log lives: esdb:// or kurrentdb:// (e.g. esdb://localhost:2113?tls=false)
   * for EventStoreDB / KurrentDB, postgres:// or postgresql:// for PostgreSQL
   */
  readonly eventStoreConnectionString?: string | undefined;
  /** the embedded store's file (its directory is created if missing); `:memory:` for a throwaway store */
  readonly sqlitePath: string;
}

/** Where the log lives, for a start-up line. */
export function eventStoreDescription(config: EventStoreConfig): string {
  const connectionString = config.eventStoreConnectionString?.trim();
  if (!connectionString) return `SQLite ${config.sqlitePath}`;
  return /^postgres(ql)?:\/\//i.test(connectionString) ? 'PostgreSQL (EVENTSTORE_CONNECTION_STRING)' : 'EventStoreDB (EVENTSTORE_CONNECTION_STRING)';
}

/** PostgreSQL or EventStoreDB when a connection string is configured (by its scheme), else the embedded SQLite file. */
export async function openEventStore(config: EventStoreConfig): Promise<EventStore> {
  const connectionString = config.eventStoreConnectionString?.trim();
  if (connectionString && /^postgres(ql)?:\/\//i.test(connectionString)) return PostgresEventStore.open(connectionString);
  if (connectionString) return EventStoreDbEventStore.fromConnectionString(connectionString);
  if (config.sqlitePath !== ':memory:' && !config.sqlitePath.startsWith('file:')) {
    ensureDirectory(dirname(resolve(config.sqlitePath)));
  }
  return SqliteEventStore.open(config.sqlitePath);
}

/**
 * Creates the data directory one level at a time and checks that it is a writable directory,
 * failing at once with a message naming DATA_DIR. (`mkdirSync(..., {recursive: true})` spins for
 * tens of seconds on a path it can never create, such as one under /proc.)
 */
export function ensureDirectory(directory: string): void {
  const fail = (why: string): never => {
    throw new Error(`DATA_DIR ${directory}: ${why}; set DATA_DIR to a writable directory`);
  };
  const code = (error: unknown) => (error as NodeJS.ErrnoException).code ?? String(error);
  const statOf = (path: string) => {
    try {
      return statSync(path);
    } catch (error) {
      return code(error) === 'ENOENT' ? null : fail(`cannot read ${path} (${code(error)})`);
    }
  };
  // the missing levels, outermost first, up to the first that exists
  const missing: string[] = [];
  let level = directory;
  let found = statOf(level);
  while (!found) {
    missing.unshift(level);
    if (dirname(level) === level) fail('no part of the path exists');
    level = dirname(level);
    found = statOf(level);
  }
  if (!found.isDirectory()) fail(`${level} is not a directory`);
  for (const path of missing) {
    try {
      mkdirSync(path);
    } catch (error) {
      if (code(error) !== 'EEXIST') fail(`cannot create ${path} (${code(error)})`);
    }
  }
  try {
    accessSync(directory, constants.W_OK | constants.X_OK);
  } catch {
    fail('is not writable by this process');
  }
}
