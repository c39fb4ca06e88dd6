import type { EventStore, LogPosition } from '../../../../libs/event-store/src/event-store.js';
import {
  digestLog, verifyLog, type AuditedEvent, type AuditedLog, type LogDigest, type VerifyReport,
} from '../../../../libs/audit/src/index.js';

/**
 * The log as the audit reads it: with each event's stored text where the store offers it (SQLite:
 * canonical rows are hashed without parsing), else parsed (EventStoreDB keeps the slow path).
 */
const auditedLog = (store: EventStore): AuditedLog => store.readAllPagesWithText?.() ?? store.readAll();

/** The audit of a live store: the pure walks of libs/audit fed with the store's log, read page by page. */
export function verifyStore(store: EventStore, onEvent?: (event: AuditedEvent, checked: number) => void): Promise<VerifyReport> {
  return verifyLog(auditedLog(store), {
    holdsRevision: async (stream, revision) => (await store.readStream(stream)).some((event) => event.revision === revision),
    ...(onEvent ? { onEvent } : {}),
  });
}

export function digestStore(store: EventStore, upTo: LogPosition | null, onEvent?: (event: AuditedEvent) => void): Promise<LogDigest> {
  return digestLog(auditedLog(store), upTo, onEvent);
}
