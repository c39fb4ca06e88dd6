import type { Database } from 'better-sqlite3';

/** Schema version stored in PRAGMA user_version; bump with a migration when the table changes. */
export const SQLITE_SCHEMA_VERSION = 1;

export interface SqlitePragmaOptions {
  /** how long a writer waits for another connection's lock before SQLITE_BUSY (ms) */
  readonly busyTimeoutMs: number;
}

/**
 * Connection settings. busy_timeout first, so that switching to WAL (which needs a lock)
 * waits for other processes opening the same file instead of failing.
 * synchronous=FULL: a commit is on disk (WAL fsynced) before append() resolves.
 */
export function applyPragmas(db: Database, options: SqlitePragmaOptions): void {
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs))}`);
  if (!db.memory) {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (String(mode).toLowerCase() !== 'wal') throw new Error(`SQLite event store: could not enable WAL (journal_mode=${String(mode)})`);
  }
  db.pragma('synchronous = FULL');
}

const DDL = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id    TEXT    NOT NULL UNIQUE,
  stream_name TEXT    NOT NULL,
  revision    INTEGER NOT NULL CHECK (revision >= 0),
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  UNIQUE (stream_name, revision)
);
`;
// UNIQUE(stream_name, revision) already gives the index used by readStream and the revision lookup.

/** Creates the table if missing (idempotent; safe when several processes open the file at once). */
export function ensureSchema(db: Database): void {
  db.transaction(() => {
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version > SQLITE_SCHEMA_VERSION) {
      throw new Error(`SQLite event store: file has schema version ${version}, this build knows ${SQLITE_SCHEMA_VERSION}`);
    }
    db.exec(DDL);
    if (version < SQLITE_SCHEMA_VERSION) db.pragma(`user_version = ${SQLITE_SCHEMA_VERSION}`);
  }).immediate();
}

/** A row of the events table as better-sqlite3 returns it. */
export interface EventRow {
  readonly position: number;
  readonly event_id: string;
  readonly stream_name: string;
  readonly revision: number;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recorded_at: string;
}

export const EVENT_COLUMNS = 'position, event_id, stream_name, revision, type, data, metadata, recorded_at';
