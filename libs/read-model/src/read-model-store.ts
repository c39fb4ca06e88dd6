import { sql, type Kysely, type Transaction } from 'kysely';
import { comparePositions, type LogPosition, type RecordedEvent } from '../../event-store/src/index.js';
import {
  commitAt, commitEvents, readCheckpoint, readCheckpointRecord, type CheckpointEvent, type CheckpointRecord,
} from '../../consumers/src/index.js';
import {
  jurisdictions, PlaceProjectionPasses, projectPlaceInSteps, type FactHistory, type PlaceRowSink,
} from '../../domain/src/index.js';
import { BulkChangeWriter } from './bulk-change-writer.js';
import { restoreDroppedIndexes } from './rebuild-bulk.js';
import { LARGE_PLACE_FACTS, maintainProjection, recomputeDirty, type PlaceProjector } from './projection-maintenance.js';
import { project, type ReadModelChange } from './projections.js';
import { isPostgres, READ_MODEL_TABLES, type ReadModelDatabase } from './schema.js';
import { migrateReadModel } from './migrations.js';

/** The read models' projector: the name of its checkpoint. */
export const READ_MODEL_PROJECTOR = 'read-model';

export type { CheckpointEvent, CheckpointRecord };

export interface ReadModelStoreHooks {
  /**
   * called inside the transaction after each change is applied or staged for the batch's bulk
   * writes; throwing aborts the whole batch (tests)
   */
  afterChange?(change: ReadModelChange, index: number): void;
}

export interface ReadModelStoreOptions {
  /**
   * what a place's facts project to (projected point-in-time state); null: places are only marked
   * stale, and every answer folds. Default: DEFAULT_PLACE_PROJECTOR.
   */
  readonly projectPlace?: PlaceProjector | null;
  /** a place with more fact versions is computed after a live run's transaction, in steps (default LARGE_PLACE_FACTS) */
  readonly largePlaceFacts?: number;
}

/** The projector of places the stores use unless told otherwise: the domain's projectPlace, in steps, or in passes (a rebuild). */
export const DEFAULT_PLACE_PROJECTOR: PlaceProjector | null = Object.assign(
  (code: string, histories: FactHistory[], sink?: PlaceRowSink) => projectPlaceInSteps(code, histories, jurisdictions, sink ?? null),
  { inPasses: (code: string) => new PlaceProjectionPasses(code) },
);

/**
 * Applies read-model changes through Kysely (SQLite or PostgreSQL). Each batch of changes and the
 * projector's checkpoint commit in one transaction: after a crash either both are there or neither.
 */
export class ReadModelStore {
  private readonly projectPlace: PlaceProjector | null;
  private readonly largePlaceFacts: number;
  /** the indexes a rebuild dropped were restored (restoreDroppedIndexes), if an interrupted one left any */
  private indexesChecked = false;

  constructor(readonly db: Kysely<ReadModelDatabase>, private readonly hooks: ReadModelStoreHooks = {}, options: ReadModelStoreOptions = {}) {
    this.projectPlace = options.projectPlace === undefined ? DEFAULT_PLACE_PROJECTOR : options.projectPlace;
    this.largePlaceFacts = options.largePlaceFacts ?? LARGE_PLACE_FACTS;
  }

  /** Creates or upgrades the schema. */
  async migrate(): Promise<void> {
    await migrateReadModel(this.db);
  }

  /** The checkpoint of projector `name`: the position of the last event applied, null when none. */
  checkpoint(name: string): Promise<LogPosition | null> {
    return readCheckpoint(this.db, name);
  }

  /** The checkpoint of projector `name` with the event it stands on; null when none. */
  checkpointRecord(name: string): Promise<CheckpointRecord | null> {
    return readCheckpointRecord(this.db, name);
  }

  /**
   * The projection's apply step (tests, bench and production alike): the changes of the events
   * after checkpoint `name` and the checkpoint at the last event (with its id and hash: a start
   * checks that the log still holds it there), in one transaction. False when all were applied.
   */
  async applyEvents(name: string, events: readonly RecordedEvent[]): Promise<boolean> {
    return commitEvents(this.db, name, events, (trx, fresh) => this.write(trx, fresh.flatMap(project), fresh.length), { recordEvent: true });
  }

  /**
   * Applies `changes` and moves the checkpoint to `position` (the event `at`, when given) in one
   * transaction. A batch at or before the stored checkpoint was already applied: nothing is done
   * and false is returned.
   */
  async apply(name: string, position: LogPosition, changes: readonly ReadModelChange[], at?: CheckpointEvent): Promise<boolean> {
    return commitAt(this.db, name, position, (trx) => this.write(trx, changes, changes.length), at);
  }

  /**
   * Projects the places marked stale (after a catch-up), a few per transaction; returns how many.
   * Without a projector nothing is computed (they stay stale: answers about them fold). `bulk`:
   * after a long catch-up (a rebuild), in long transactions of several places.
   */
  async recomputeStale({ bulk = false }: { readonly bulk?: boolean } = {}): Promise<number> {
    if (!this.indexesChecked) await restoreDroppedIndexes(this.db); // a rebuild interrupted in this process
    this.indexesChecked = true;
    return this.projectPlace ? recomputeDirty(this.db, this.projectPlace, undefined, { bulk }) : 0;
  }

  /** The changes of a run, then the projected state of the places they touch (projection-maintenance.ts), in the run's transaction. */
  private async write(trx: Kysely<any>, changes: readonly ReadModelChange[], events: number): Promise<void> {
    const writer = new BulkChangeWriter(trx as Transaction<ReadModelDatabase>);
    for (const [index, change] of changes.entries()) {
      await writer.add(change);
      this.hooks.afterChange?.(change, index);
    }
    await writer.flush();
    await maintainProjection(trx as Transaction<ReadModelDatabase>, changes, events, this.projectPlace, { largePlaceFacts: this.largePlaceFacts });
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
