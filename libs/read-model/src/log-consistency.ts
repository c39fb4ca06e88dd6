import { sql, type Kysely } from 'kysely';
import { comparePositions, formatPosition, type EventStore, type LogPosition } from '../../event-store/src/index.js';
import type { ReadModelStore } from './read-model-store.js';
import { isPostgres, type ReadModelDatabase } from './schema.js';

/** What a start does when the read models were built from another log: build them again, or stop. */
export type ReadModelMismatchPolicy = 'rebuild' | 'refuse';

export interface LogMismatch {
  /** why the read models cannot be served as they are (for logs, errors and /health) */
  readonly reason: string;
  /** the log's head found (the rebuild's end) */
  readonly head: LogPosition | null;
}

/**
 * Whether the read models of projector `name` were built from this log: their checkpoint is not
 * past the log's head and, when the store can say (SQLite: eventAt), the log's event at the
 * checkpoint is the one the read models recorded (same id, same hash in the chain). null when
 * they agree, or when nothing was projected yet.
 */
export async function checkReadModelAgainstLog(log: EventStore, store: ReadModelStore, name: string): Promise<LogMismatch | null> {
  const checkpoint = await store.checkpointRecord(name);
  if (!checkpoint) return null;
  const head = await log.headPosition();
  const at = formatPosition(checkpoint.position);
  if (!head) return { reason: `the read model stands at position ${at} but the log is empty (past the log's head)`, head };
  if (comparePositions(checkpoint.position, head) > 0) {
    return { reason: `the read model stands at position ${at}, past the log's head ${formatPosition(head)}`, head };
  }
  if (!log.eventAt || !checkpoint.event) return null;
  const event = await log.eventAt(checkpoint.position);
  const recorded = checkpoint.event;
  if (!event) return { reason: `the read model does not match the log: it stands at position ${at}, where the log holds no event`, head };
  if (event.eventId.toLowerCase() !== recorded.eventId.toLowerCase()) {
    return { reason: `the read model does not match the log: at position ${at} the log holds event ${event.eventId}, the read model was built on ${recorded.eventId}`, head };
  }
  const hash = typeof event.metadata.hash === 'string' ? event.metadata.hash : null;
  if (recorded.hash !== null && hash !== null && hash !== recorded.hash) {
    return { reason: `the read model does not match the log: the event at position ${at} (${event.eventId}) has another hash than the one the read model was built on`, head };
  }
  return null;
}

/** PRAGMA quick_check of a SQLite read model: [] when sound (or PostgreSQL), else the findings. */
export async function quickCheckReadModel(db: Kysely<ReadModelDatabase>): Promise<string[]> {
  if (isPostgres(db)) return [];
  try {
    const { rows } = await sql<{ quick_check: string }>`pragma quick_check`.execute(db);
    const findings = rows.map((row) => row.quick_check);
    return findings.length === 1 && findings[0] === 'ok' ? [] : findings;
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}
