import { PostgresAdapter, sql, type ColumnType, type Kysely } from 'kysely';
import { comparePositions, type LogPosition, type RecordedEvent } from '../../event-store/src/index.js';

/** One row per processor: the position of the last event whose effects are committed. */
export interface CheckpointsTable {
  name: string;
  /** bigint as decimal text */
  commit: string;
  prepare: string;
  /** the id of the event at the checkpoint (read-model migration 0011); null when not recorded */
  event_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** that event's hash in the log's chain; null when not recorded or the store keeps none */
  event_hash: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CheckpointDatabase {
  checkpoints: CheckpointsTable;
}

/** Any database that holds the `checkpoints` table (the read models' and the webhook queue's). */
export type CheckpointDb = Kysely<CheckpointDatabase>;

/** The event a checkpoint stands on: its id and its hash in the log's chain (null when the store keeps none). */
export interface CheckpointEvent {
  readonly eventId: string;
  readonly hash: string | null;
}

/** A checkpoint with the event it stands on (null for checkpoints written before read-model migration 0011). */
export interface CheckpointRecord {
  readonly position: LogPosition;
  readonly event: CheckpointEvent | null;
}

/** The checkpoint of the event a batch ends on: its id and chain hash. */
export const checkpointEventOf = (event: Pick<RecordedEvent, 'eventId' | 'metadata'>): CheckpointEvent =>
  ({ eventId: event.eventId, hash: typeof event.metadata.hash === 'string' ? event.metadata.hash : null });

const onPostgres = (db: Kysely<any>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/** The checkpoint of processor `name`: the position of the last event it committed, null when none. */
export async function readCheckpoint(db: Kysely<any>, name: string): Promise<LogPosition | null> {
  const row = await (db as CheckpointDb).selectFrom('checkpoints').select(['commit', 'prepare']).where('name', '=', name).executeTakeFirst();
  return row ? { commit: BigInt(row.commit), prepare: BigInt(row.prepare) } : null;
}

/** The checkpoint of processor `name` with the event it stands on; null when none. */
export async function readCheckpointRecord(db: Kysely<any>, name: string): Promise<CheckpointRecord | null> {
  const row = await (db as CheckpointDb).selectFrom('checkpoints').select(['commit', 'prepare', 'event_id', 'event_hash'])
    .where('name', '=', name).executeTakeFirst();
  if (!row) return null;
  const position = { commit: BigInt(row.commit), prepare: BigInt(row.prepare) };
  return { position, event: row.event_id === null ? null : { eventId: row.event_id, hash: row.event_hash } };
}

/** Moves the checkpoint of `name` to `position` (and the event `at`, when given). */
export async function writeCheckpoint(trx: Kysely<any>, name: string, position: LogPosition, at?: CheckpointEvent): Promise<void> {
  const values = {
    commit: String(position.commit), prepare: String(position.prepare), event_id: at?.eventId ?? null, event_hash: at?.hash ?? null,
  };
  await (trx as CheckpointDb).insertInto('checkpoints').values({ name, ...values })
    .onConflict((oc) => oc.column('name').doUpdateSet(values)).execute();
}

/**
 * Holds processor `name`'s turn to the end of the transaction. PostgreSQL: an advisory lock (the
 * databases shared by machines: a second process waits for the first to commit, then sees its
 * checkpoint; the key is the one earlier releases took, so they take turns with this one).
 * SQLite: the write lock, taken before anything is read (a statement that writes no row takes it,
 * waiting for it as the busy timeout says): a transaction that read first and then wrote failed
 * with "database is locked" whenever another connection had committed in between (WAL: its
 * snapshot was stale), which no wait cures.
 */
export async function takeTurn(trx: Kysely<any>, name: string): Promise<void> {
  if (onPostgres(trx)) await sql`select pg_advisory_xact_lock(hashtextextended(${`read-model:${name}`}, 0))`.execute(trx);
  else await sql`update checkpoints set name = name where 0`.execute(trx);
}

/**
 * The one way a processor commits: in one transaction, under its turn, `work` runs when
 * `position` is after the checkpoint (given the checkpoint it found), and the checkpoint moves to
 * `position` (the event `at`, when given: a start checks that the log still holds it there). A
 * crash leaves both or neither. Returns false when the checkpoint was already there or past it
 * (another process committed it): nothing is done.
 */
export async function commitAt(
  db: Kysely<any>, name: string, position: LogPosition,
  work: (trx: Kysely<any>, checkpoint: LogPosition | null) => Promise<void>,
  at?: CheckpointEvent,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await takeTurn(trx, name);
    const current = await readCheckpoint(trx, name);
    if (current && comparePositions(position, current) <= 0) return false;
    await work(trx, current);
    await writeCheckpoint(trx, name, position, at);
    return true;
  });
}

/**
 * commitAt for a run of events, ending on the last one: `work` gets only the events after the
 * checkpoint (another process may have committed some of them meanwhile), so nothing is done twice.
 */
export async function commitEvents(
  db: Kysely<any>, name: string, events: readonly RecordedEvent[],
  work: (trx: Kysely<any>, fresh: readonly RecordedEvent[]) => Promise<void>,
  options: { readonly recordEvent?: boolean } = {},
): Promise<boolean> {
  const last = events[events.length - 1];
  if (!last) return false;
  return commitAt(db, name, last.position, (trx, current) =>
    work(trx, current ? events.filter((event) => comparePositions(event.position, current) > 0) : events),
  options.recordEvent ? checkpointEventOf(last) : undefined);
}
