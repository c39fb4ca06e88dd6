import type { EventStore } from '../../libs/event-store/src/event-store.js';
import { type CorpusOptions, type CorpusReport, generateCorpus } from './generate.js';

/** The better-sqlite3 connection inside a SqliteEventStore, if this store is one (bulk loading only). */
interface SqliteHandle {
  readonly inTransaction: boolean;
  exec(sql: string): unknown;
}
function sqliteHandleOf(store: EventStore): SqliteHandle | null {
  const db = (store as unknown as { db?: Partial<SqliteHandle> }).db;
  return db && typeof db.exec === 'function' && typeof db.inTransaction === 'boolean' ? (db as SqliteHandle) : null;
}

/** Events per outer transaction when bulk loading a SQLite store. */
const BULK_GROUP = 2_000;

/**
 * Writes the corpus into a store through the port's append; returns what was written.
 *
 * Every event goes through `append` (idempotency check, expected revision, hash chain). On the
 * SQLite adapter the appends are grouped into one outer transaction of ~2,000 events (each
 * append's own transaction becomes a savepoint of it): one fsync per group instead of one per
 * notice, so generation is bound by CPU, not by the disk. A crash loses at most the open group;
 * running again with the same seed completes the log (appends already there are no-ops).
 */
export async function writeCorpus(store: EventStore, options: CorpusOptions): Promise<CorpusReport> {
  const bulk = sqliteHandleOf(store);
  // random (UUID) keys spread index inserts over the whole B-tree: keep it in this connection's page cache
  bulk?.exec('PRAGMA cache_size = -262144');
  let grouped = 0;
  const commitGroup = () => {
    if (bulk?.inTransaction) bulk.exec('COMMIT');
    grouped = 0;
  };
  const started = performance.now();
  const total = Math.max(0, Math.floor(options.events));
  let events = 0;
  let notices = 0;
  let corrections = 0;
  let retractions = 0;
  let alreadyPresent = 0;
  let lastReport = 0;
  try {
    for (const append of generateCorpus(options)) {
      if (bulk && !bulk.inTransaction) bulk.exec('BEGIN IMMEDIATE');
      const result = await store.append(append.stream, append.events, { expectedRevision: append.expectedRevision });
      grouped += append.events.length;
      if (grouped >= BULK_GROUP) commitGroup();
      if (result.idempotent) alreadyPresent += 1;
      events += append.events.length;
      if (append.command === 'PublishNotice') notices += 1;
      else if (append.command === 'CorrectFact') corrections += 1;
      else retractions += 1;
      if (options.onProgress && (events - lastReport >= 1000 || events === total)) {
        lastReport = events;
        options.onProgress(events, total);
      }
    }
    commitGroup();
  } catch (error) {
    if (bulk?.inTransaction) bulk.exec('ROLLBACK');
    throw error;
  }
  return { events, notices, corrections, retractions, alreadyPresent, seconds: (performance.now() - started) / 1000 };
}
