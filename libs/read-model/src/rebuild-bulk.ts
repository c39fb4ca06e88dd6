import { sql, type Kysely } from 'kysely';
import type { FactSpanRow, PlaceProjection, PlaceRowSink, PlaceSegmentRow } from '../../domain/src/index.js';
import { ROWS_PER_INSERT } from './bulk-change-writer.js';
import { placeHistories, projectInPasses } from './place-histories.js';
import { placeRowInserts, type RowWrite } from './place-row-writes.js';
import type { PlaceProjector } from './projection-maintenance.js';
import { isPostgres, type ReadModelDatabase } from './schema.js';

type Db = Kysely<ReadModelDatabase>;

/** the projected tables whose secondary indexes a rebuild from zero creates after its rows (SQLite) */
const BULK_TABLES = ['fact_spans', 'ban_spans'] as const;
/** where the dropped indexes' definitions wait, so that an interrupted rebuild still gets them back */
const DROPPED = 'projection_dropped_indexes';

/**
 * Before the places of a rebuild from zero are computed (SQLite, the projected tables empty): the
 * secondary indexes of the spans' tables are dropped, their definitions kept in a table in the
 * same transaction, and created again once every row is in (restoreDroppedIndexes): each insert
 * into six scattered indexes of fact_spans and two of ban_spans, committed, wrote the same index
 * pages again and again; an index built once from its rows writes each page once. True when
 * dropped: the places' rows are then written without deleting any first (there are none, and a
 * delete by place would scan the table).
 */
export async function dropIndexesForRebuild(db: Db): Promise<boolean> {
  if (isPostgres(db)) return false;
  await restoreDroppedIndexes(db);
  return db.transaction().execute(async (trx) => {
    for (const table of [...BULK_TABLES, 'place_segments']) {
      if ((await sql`select 1 from ${sql.table(table)} limit 1`.execute(trx)).rows.length > 0) return false;
    }
    const indexes = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master
      where type = 'index' and sql is not null and tbl_name in (${sql.join([...BULK_TABLES])}) order by name`.execute(trx);
    if (indexes.rows.length === 0) return false;
    await sql`create table if not exists ${sql.table(DROPPED)} (name text primary key, sql text not null)`.execute(trx);
    for (const index of indexes.rows) {
      await sql`insert into ${sql.table(DROPPED)} (name, sql) values (${index.name}, ${index.sql})`.execute(trx);
      await sql`drop index ${sql.id(index.name)}`.execute(trx);
    }
    return true;
  });
}

/**
 * Creates again the indexes dropped for a rebuild (dropIndexesForRebuild), if any: at the end of
 * the rebuild, and on opening the read model or before recomputing places (a rebuild interrupted
 * after the drop). Runs in `db`'s transaction if it is one. Nothing on PostgreSQL.
 */
export async function restoreDroppedIndexes(db: Kysely<any>): Promise<number> {
  if (isPostgres(db)) return 0;
  const exists = await sql`select 1 from sqlite_master where type = 'table' and name = ${DROPPED}`.execute(db);
  if (exists.rows.length === 0) return 0;
  const dropped = await sql<{ name: string; sql: string }>`select name, sql from ${sql.table(DROPPED)} order by name`.execute(db);
  const restore = async (trx: Kysely<any>): Promise<void> => {
    for (const index of dropped.rows) {
      const present = await sql`select 1 from sqlite_master where type = 'index' and name = ${index.name}`.execute(trx);
      if (present.rows.length === 0) await sql.raw(index.sql).execute(trx);
      await sql`delete from ${sql.table(DROPPED)} where name = ${index.name}`.execute(trx);
    }
  };
  if (db.isTransaction) await restore(db);
  else await db.transaction().execute(restore);
  return dropped.rows.length;
}

/**
 * statements per transaction of a BulkWrites (each inserts up to ROWS_PER_INSERT rows: ~4,000 rows;
 * 150 statements were no faster at 100k events and held 60-70 MiB more, the queued rows promoted
 * to the old heap before they were written)
 */
export const BULK_STATEMENTS = 40;

/**
 * The places' writes after a long catch-up (a rebuild): run in transactions of `perTransaction`
 * statements, one transaction holding the writes of several small places or part of a large
 * one's (each commit rewrites the index pages it touched: short transactions wrote the same
 * scattered pages of the spans' indexes again and again). As with writeInSlices a place's stale
 * mark is cleared by its last write, so a crash leaves a half-written place stale.
 */
export class BulkWrites {
  private queued: RowWrite[] = [];

  constructor(private readonly db: Db, private readonly pause: () => Promise<void>, private readonly perTransaction = BULK_STATEMENTS) {}

  /** Queues a place's writes, running the queue's full transactions. */
  async add(writes: readonly RowWrite[]): Promise<void> {
    for (const write of writes) this.queued.push(write);
    while (this.queued.length >= this.perTransaction) await this.run(this.perTransaction);
  }

  /** Runs what is queued. */
  async flush(): Promise<void> {
    if (this.queued.length > 0) await this.run(this.queued.length);
  }

  private async run(count: number): Promise<void> {
    const writes = this.queued.slice(0, count);
    this.queued = this.queued.slice(count);
    await this.db.transaction().execute(async (trx) => {
      for (const write of writes) await write(trx);
    });
    await this.pause();
  }
}

/** how long a streamed place is computed before it pauses (as recomputeDirty's steps) */
const PAUSE_MS = 10;

/** rows a streamed place holds before they are queued (a statement's) */
const STREAMED_ROWS = ROWS_PER_INSERT;

/**
 * A place of a rebuild from zero (no rows stored) projected from its facts and queued as its rows
 * are made (the projector's sink): a large place's rows are not held whole. With a projector that
 * offers passes (PlaceProjectionPasses) its facts' histories are read in slices twice, not held
 * whole either: the first reading keeps of each fact what the sweep reads, the second makes its
 * pieces. Its stale mark is cleared by its last write.
 */
export async function queueStreamed(queue: BulkWrites, db: Db, projector: PlaceProjector, place: string, pause: () => Promise<void>): Promise<void> {
  let spans: FactSpanRow[] = [];
  let segments: PlaceSegmentRow[] = [];
  const sink: PlaceRowSink = (made, cut) => {
    for (const row of made) spans.push(row);
    for (const row of cut) segments.push(row);
  };
  const queued = async (): Promise<void> => {
    await queue.add(placeRowInserts({ jurisdiction: place, spans, segments }));
    spans = [];
    segments = [];
  };
  let since = performance.now();
  const step = async (): Promise<void> => {
    if (spans.length + segments.length >= STREAMED_ROWS) await queued();
    if (performance.now() - since >= PAUSE_MS) {
      await pause();
      since = performance.now();
    }
  };
  const passes = projector.inPasses?.(place);
  if (passes) {
    await projectInPasses(db, passes, sink, step);
  } else {
    const made = projector(place, await placeHistories(db, place, pause), sink);
    let rest: PlaceProjection;
    if ('next' in made) {
      for (;;) {
        const next = made.next();
        if (next.done) {
          rest = next.value;
          break;
        }
        await step();
      }
    } else rest = made;
    sink([...rest.spans], [...rest.segments]); // a projector that hands none to the sink returns them all
  }
  await queued();
  await queue.add([(trx) => trx.deleteFrom('projection_dirty').where('jurisdiction', '=', place).execute()]);
}
