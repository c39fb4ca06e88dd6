import type { EventStore, LogPosition } from '../../../../libs/event-store/src/event-store.js';
import { SqliteEventStore } from '../../../../libs/event-store/src/sqlite/sqlite-event-store.js';
import { checkedLog, usesCheckerThread, type ParallelVerifyOptions } from './parallel/checked-log.js';
import {
  digestLog, verifyLog, type AuditedEvent, type AuditedLog, type LogDigest, type VerifyReport,
} from '../../../../libs/audit/src/index.js';

/**
 * The log as the audit reads it: with each event's stored text where the store offers it (SQLite:
 * canonical rows are hashed without parsing), else parsed (EventStoreDB keeps the slow path).
 */
const auditedLog = (store: EventStore): AuditedLog => store.readAllPagesWithText?.() ?? store.readAll();

/**
 * The audit of a live store: the pure walks of libs/audit fed with the store's log, read page by
 * page; a long SQLite log is read and checked by a checker thread too (`parallel`).
 */
export async function verifyStore(
  store: EventStore, onEvent?: (event: AuditedEvent, checked: number) => void,
  options: { parallel?: ParallelVerifyOptions } = {},
): Promise<VerifyReport> {
  const head = (await store.headPosition())?.commit ?? 0n;
  // a checker thread opens the log's file; an in-memory log has none to open
  const parallel = store instanceof SqliteEventStore && store.path !== ':memory:' && usesCheckerThread(Number(head), options.parallel);
  return verifyLog(parallel ? checkedLog(store as SqliteEventStore, head, options.parallel) : auditedLog(store), {
    holdsRevision: async (stream, revision) => (await store.readStream(stream)).some((event) => event.revision === revision),
    ...(onEvent ? { onEvent } : {}),
  });
}

export function digestStore(store: EventStore, upTo: LogPosition | null, onEvent?: (event: AuditedEvent) => void): Promise<LogDigest> {
  return digestLog(auditedLog(store), upTo, onEvent);
}
