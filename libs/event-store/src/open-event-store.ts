import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { EventStore } from './event-store.js';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';

export interface EventStoreConfig {
  /** when set (e.g. esdb://localhost:2113?tls=false), EventStoreDB is the store */
  readonly eventStoreConnectionString?: string | undefined;
  /** the embedded store's file (its directory is created if missing); `:memory:` for a throwaway store */
  readonly sqlitePath: string;
}

/** EventStoreDB when a connection string is configured, else the embedded SQLite file. */
export async function openEventStore(config: EventStoreConfig): Promise<EventStore> {
  const connectionString = config.eventStoreConnectionString?.trim();
  if (connectionString) return EventStoreDbEventStore.fromConnectionString(connectionString);
  if (config.sqlitePath !== ':memory:' && !config.sqlitePath.startsWith('file:')) {
    mkdirSync(dirname(resolve(config.sqlitePath)), { recursive: true });
  }
  return SqliteEventStore.open(config.sqlitePath);
}
