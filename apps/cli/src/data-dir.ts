import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type AppConfig } from '../../../libs/config/src/index.js';
import { openEventStore, type EventStore } from '../../../libs/event-store/src/index.js';
import { usage } from './failure.js';
import type { DataDirOptions } from './options.js';

/** The servers' configuration for this data dir (EVENTSTORE_CONNECTION_STRING and DATABASE_URL as the server reads them). */
export function configFor(options: DataDirOptions): AppConfig {
  const env = { ...process.env, ...(options.dataDir ? { DATA_DIR: options.dataDir } : {}) };
  try {
    return loadConfig(env);
  } catch (error) {
    throw usage(error instanceof Error ? error.message : String(error));
  }
}

/** The data dir must exist (nothing is created beside a typo); with the SQLite log, its events.sqlite too. */
export function existingDataDir(config: AppConfig, needs: 'log' | 'dir' = 'log'): void {
  const dir = config.dataDir;
  if (!existsSync(dir)) throw usage(`data dir ${dir} does not exist (set --data-dir or DATA_DIR)`);
  if (!statSync(dir).isDirectory()) throw usage(`data dir ${dir} is not a directory`);
  if (needs === 'log' && !config.eventStoreConnectionString && !existsSync(config.sqlitePath)) {
    throw usage(`no event log in data dir ${dir}: ${path.basename(config.sqlitePath)} is missing`);
  }
}

/** The log of an existing data dir (or EVENTSTORE_CONNECTION_STRING), opened directly. */
export async function openExistingLog(options: DataDirOptions): Promise<{ store: EventStore; config: AppConfig }> {
  const config = configFor(options);
  existingDataDir(config);
  const store = await openEventStore({ eventStoreConnectionString: config.eventStoreConnectionString, sqlitePath: config.sqlitePath })
    .catch((error: unknown) => {
      throw usage(`could not open the event log ${config.eventStoreConnectionString ? '(EVENTSTORE_CONNECTION_STRING)' : config.sqlitePath}: ${error instanceof Error ? error.message : String(error)}`);
    });
  return { store, config };
}
