import { sql, type Kysely } from 'kysely';
import { comparePositions, type LogPosition } from '../../event-store/src/event-store.js';
import { BulkChangeWriter } from './bulk-change-writer.js';
import type { ReadModelChange } from './projections.js';
import { isPostgres, READ_MODEL_TABLES, type ReadModelDatabase } from './schema.js';
import { migrateReadModel } from './migrations.js';

/** The read models' projector: the name of its checkpoint. */
export const READ_MODEL_PROJECTOR = 'read-model';

/** The event a checkpoint stands on: its id and its hash in the log's chain (null when the store keeps none). */
export interface CheckpointEvent {
  readonly eventId: string;
  readonly hash: string | null;
}

/** A checkpoint with the event it stands on (null for checkpoints written before migration 0011). */
export interface CheckpointRecord {
  readonly position: LogPosition;
  readonly event: CheckpointEvent | null;
}

export interface ReadModelStoreHooks {
  /**
   * called inside the transaction after each change is applied or staged for the batch's bulk
   * writes; throwing aborts the whole batch (tests)
   */
  afterChange?(change: ReadModelChange, index: number): void;
}


/**
 * Applies read-model changes through Kysely (SQLite or PostgreSQL). Each batch of changes and the
 * projector's checkpoint commit in one transaction: after a crash either both are there or neither.
 */
export class ReadModelStore {
  constructor(readonly db: Kysely<ReadModelDatabase>, private readonly hooks: ReadModelStoreHooks = {}) {}

  /** Creates or upgrades the schema. */
  async migrate(): Promise<void> {
    await migrateReadModel(this.db);
  }

  /** The checkpoint of projector `name`: the position of the last event applied, null when none. */
  checkpoint(name: string): Promise<LogPosition | null> {
    return readCheckpoint(this.db, name);
  }

  /** The checkpoint of projector `name` with the event it stands on; null when none. */
  async checkpointRecord(name: string): Promise<CheckpointRecord | null> {
    const row = await this.db.selectFrom('checkpoints').select(['commit', 'prepare', 'event_id', 'event_hash'])
      .where('name', '=', name).executeTakeFirst();
    if (!row) return null;
    const position = { commit: BigInt(row.commit), prepare: BigInt(row.prepare) };
    return { position, event: row.event_id === null ? null : { eventId: row.event_id, hash: row.event_hash } };
  }

  /**
   * Applies `changes` and moves the checkpoint to `position` (the event `at`, when given: a start
   * checks that the log still holds it there) in one transaction. A batch at or before the stored
   * checkpoint was already applied: nothing is done and false is returned.
   */
  async apply(name: string, position: LogPosition, changes: readonly ReadModelChange[], at?: CheckpointEvent): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      // PostgreSQL read models are shared by machines: a second applier of the same projector waits
      // here for the first to commit, then sees its checkpoint (SQLite has one writer at a time anyway)
      if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(hashtextextended(${`read-model:${name}`}, 0))`.execute(trx);
      const current = await readCheckpoint(trx, name);
      if (current && comparePositions(position, current) <= 0) return false;
      const writer = new BulkChangeWriter(trx);
      for (const [index, change] of changes.entries()) {
        await writer.add(change);
        this.hooks.afterChange?.(change, index);
      }
      await writer.flush();
      const values = {
        commit: String(position.commit), prepare: String(position.prepare), event_id: at?.eventId ?? null, event_hash: at?.hash ?? null,
      };
      await trx.insertInto('checkpoints').values({ name, ...values })
        .onConflict((oc) => oc.column('name').doUpdateSet(values)).execute();
      return true;
    });
  }

  /** Empties the read-model tables and the checkpoint of `name`, in one transaction (for a rebuild). */
  async truncate(name: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const table of READ_MODEL_TABLES) await trx.deleteFrom(table).execute();
      await trx.deleteFrom('checkpoints').where('name', '=', name).execute();
    });
  }

  /**
   * After the log was found to be another than the one the read models were built from: the read
   * models and the checkpoint of `name` emptied (they are built again from the log), and every other
   * consumer's checkpoint past the log's head (the webhook consumer) brought back to it, in one
   * transaction. Returns the names of the checkpoints brought back.
   */
  async resetToLog(name: string, head: LogPosition | null): Promise<string[]> {
    return this.db.transaction().execute(async (trx) => {
      for (const table of READ_MODEL_TABLES) await trx.deleteFrom(table).execute();
      await trx.deleteFrom('checkpoints').where('name', '=', name).execute();
      const others = await trx.selectFrom('checkpoints').select(['name', 'commit', 'prepare']).where('name', '<>', name).execute();
      const past = others.filter((row) => !head || comparePositions({ commit: BigInt(row.commit), prepare: BigInt(row.prepare) }, head) > 0);
      for (const row of past) {
        if (!head) await trx.deleteFrom('checkpoints').where('name', '=', row.name).execute();
        else {
          await trx.updateTable('checkpoints').set({ commit: String(head.commit), prepare: String(head.prepare), event_id: null, event_hash: null })
            .where('name', '=', row.name).execute();
        }
      }
      return past.map((row) => row.name);
    });
  }

  /** Refreshes the query planner's statistics of the read-model tables (after bulk writes: a rebuild, a long catch-up). */
  refreshStatistics(): Promise<void> {
    return refreshPlannerStatistics(this.db);
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}

/**
 * The planner's statistics of the read models. Without them SQLite guesses which index serves a
 * query and can pick one that reads every fact of a province where another reads a few index
 * entries. Only the projected tables: the webhook queue changes shape all the time (a backlog of
 * thousands, then nothing), and statistics taken at one moment misled the planner at the next (a
 * subscriptions table analysed with one row was scanned for every claim once it held 32).
 * SQLite: ANALYZE of each projected table from a bounded sample (analysis_limit; ~0.2 s at 1M
 * events), and statistics of any other table dropped. PostgreSQL: ANALYZE the projected tables
 * (autovacuum does it too, later).
 */
export async function refreshPlannerStatistics(db: Kysely<ReadModelDatabase>): Promise<void> {
  if (isPostgres(db)) {
    await sql`analyze ${sql.join(READ_MODEL_TABLES.map((table) => sql.table(table)))}`.execute(db);
    return;
  }
  await sql`pragma analysis_limit = 1000`.execute(db);
  for (const table of READ_MODEL_TABLES) await sql`analyze ${sql.table(table)}`.execute(db);
  // earlier versions analysed every table; the planner reads the statistics again after ANALYZE sqlite_schema
  const dropped = await sql`delete from sqlite_stat1 where tbl not in (${sql.join([...READ_MODEL_TABLES])})`.execute(db);
  if ((dropped.numAffectedRows ?? 0n) > 0n) await sql`analyze sqlite_schema`.execute(db);
}

async function readCheckpoint(db: Kysely<ReadModelDatabase>, name: string): Promise<LogPosition | null> {
  const row = await db.selectFrom('checkpoints').select(['commit', 'prepare']).where('name', '=', name).executeTakeFirst();
  return row ? { commit: BigInt(row.commit), prepare: BigInt(row.prepare) } : null;
}
