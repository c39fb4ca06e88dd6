import type pg from 'pg';

/**
 * The log in PostgreSQL: one table, the same columns as the SQLite store's (data and metadata as
 * their canonical texts, so the audit hashes what is stored). Named `event_log`, not `events`, so
 * that it may share a database with the read models.
 *
 * Positions are given under a transaction-scoped advisory lock taken by every append, from the
 * last position + 1: they are gap-free and in commit order, so a reader that has seen position N
 * never later finds a committed event below N (a sequence would hand out positions in start order,
 * and a slower transaction could commit a lower one after a reader moved past it).
 */
export const EVENT_LOG_DDL = `
CREATE TABLE IF NOT EXISTS event_log (
  position    BIGINT  PRIMARY KEY CHECK (position > 0),
  event_id    TEXT    NOT NULL UNIQUE,
  stream_name TEXT    NOT NULL,
  revision    INTEGER NOT NULL CHECK (revision >= 0),
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  UNIQUE (stream_name, revision)
)`;

/** the advisory lock every append holds until it commits (an arbitrary constant: "rtlog") */
export const APPEND_LOCK = 0x72746c6f67;
/** the channel an append notifies on commit, waking subscriptions in every process */
export const APPENDED_CHANNEL = 'event_log_appended';

export const EVENT_COLUMNS = 'position, event_id, stream_name, revision, type, data, metadata, recorded_at';

/** A row as node-postgres returns it (BIGINT as text). */
export interface PostgresEventRow {
  readonly position: string;
  readonly event_id: string;
  readonly stream_name: string;
  readonly revision: number;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recorded_at: string;
}

/** Creates the table once, whichever of several processes starting together gets there first. */
export async function ensureEventLog(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK]);
    await client.query(EVENT_LOG_DDL);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
