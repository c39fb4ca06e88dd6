export * from './event-store.js';
export * from './event-hash.js';
export { eventStoreDescription, openEventStore, type EventStoreConfig } from './open-event-store.js';
export { openLogRangeReader } from './open-range-reader.js';
export * from './range-checker/range-checks.js';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store.js';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store.js';
export { EventStoreDbEventStore, type EventStoreDbEventStoreOptions } from './eventstoredb/eventstoredb-event-store.js';
export { DEFAULT_RESUBSCRIBE_POLICY, type ResubscribePolicy } from './eventstoredb/eventstoredb-subscription.js';
export * from './canonical-event-text.js';
// the SQLite log's own schema, for the bench's raw-insert baseline (the same table, written without the store)
export { applyPragmas, ensureSchema, type EventRow } from './sqlite/sqlite-schema.js';
