/** The event store (the port of libs/event-store): the only source of truth. */
export const EVENT_STORE = Symbol('EVENT_STORE');
/** Kysely<ReadModelDatabase>: the read models (SQLite or PostgreSQL). */
export const READ_MODEL_DB = Symbol('READ_MODEL_DB');
