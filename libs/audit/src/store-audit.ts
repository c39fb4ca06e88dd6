import type { EventStore, LogPosition } from '../../event-store/src/index.js';
import { digestLog, type LogDigest } from './log-digest.js';
import { checkedLog, usesCheckerThread, type ParallelVerifyOptions } from './parallel/checked-log.js';
import { verifyLog, type AuditedEvent, type AuditedLog, type VerifyReport } from './verify-log.js';

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
  // a checker thread opens its own reader of the log: not of an in-memory log, nor of EventStoreDB's
  const source = store.rangeReaderSource?.() ?? null;
  const parallel = source !== null && usesCheckerThread(Number(head), options.parallel);
  const log = parallel ? checkedLog(source, head, options.parallel) : auditedLog(store);
  return verifyLog(log, {
    holdsRevision: async (stream, revision) => (await store.readStream(stream)).some((event) => event.revision === revision),
    ...(onEvent ? { onEvent } : {}),
  });
}

export function digestStore(store: EventStore, upTo: LogPosition | null, onEvent?: (event: AuditedEvent) => void): Promise<LogDigest> {
  return digestLog(auditedLog(store), upTo, onEvent);
}
