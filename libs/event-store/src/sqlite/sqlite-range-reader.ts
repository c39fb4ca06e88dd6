import Database from 'better-sqlite3';
import type { LogRangeReader, RecordedEventWithText, StoredRow } from '../event-store.js';
import { AUDIT_COLUMNS, CHECKED_COLUMNS, SqliteStoredEvent, type AuditRow } from './sqlite-stored-event.js';

/**
 * The SQLite log's file read by ranges on its own read-only connection (a checker thread's; WAL
 * lets it read beside the writer). Rows come raw and are parsed only if asked: the audit hashes
 * their stored text.
 */
export function openSqliteRangeReader(path: string): LogRangeReader {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  const range = db.prepare<[bigint, bigint], AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM events WHERE position > ? AND position <= ? ORDER BY position`)
    .raw(true);
  const rows = db.prepare<[bigint, bigint], StoredRow>(`SELECT ${CHECKED_COLUMNS} FROM events WHERE position > ? AND position <= ? ORDER BY position`)
    .raw(true);
  return {
    readRange: (after, upTo): RecordedEventWithText[] => range.all(after, upTo).map((row) => new SqliteStoredEvent(row)),
    readRangeRows: (after, upTo): StoredRow[] => rows.all(after, upTo),
    close: () => db.close(),
  };
}
