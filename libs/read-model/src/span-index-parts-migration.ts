import { sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from './schema.js';

/**
 * Migration 0020: what the state's named facts and its page of statistics read of a span, beside
 * its body (libs/domain contract.ts FactSpanRow versionPosition, possible, seriesKey), so that both
 * are read from an index: a province's counts name ~2,000 facts at 1M events, whose bodies (~1 KB
 * each) were read for two numbers (23 ms of a 37 ms answer), and its page of statistics sorted
 * every figure holding by a key taken out of each body (7 ms). The rows stored are filled from
 * their bodies (the same values the projector writes now).
 */
export const spanIndexPartsMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    const postgres = isPostgres(db);
    await db.schema.alterTable('fact_spans').addColumn('version_position', 'bigint').execute();
    await db.schema.alterTable('fact_spans').addColumn('possible', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    // PostgreSQL compares text by its collation unless told "C" (the code points: JavaScript's order for these keys)
    await db.schema.alterTable('fact_spans').addColumn('series_key', postgres ? sql`text collate "C"` : 'text').execute();
    const part = (path: readonly string[]) => postgres
      ? sql`(cast(body as json) #>> ${`{${path.join(',')}}`})`
      : sql`json_extract(body, ${`$.${path.join('.')}`})`;
    const seriesKey = sql`jurisdiction || '|' || coalesce(${part(['c', 'institution', 'id'])}, '') || '|' || ${part(['c', 'metric'])} || '|'
      || ${part(['c', 'unit'])} || '|' || coalesce(${part(['c', 'baseline', 'text'])}, '')`;
    await sql`update fact_spans set version_position = cast(${part(['v'])} as bigint),
      possible = coalesce(cast(${part(['p'])} as integer), 0),
      series_key = case when kind = 'StatisticReported' then ${seriesKey} end`.execute(db);
    // the named facts ranked from the index alone: their days, keys, version and certainty, and the fact
    await db.schema.dropIndex('fact_spans_place_kind_latest').execute();
    await db.schema.createIndex('fact_spans_place_kind_latest').on('fact_spans').columns([
      'jurisdiction', 'kind', 'effective_latest', 'effective_earliest', 'from_key', 'to_key', 'version_position', 'possible', 'fact_id',
    ]).execute();
    // a place's statistics in the list's order, the keys checked in the index (only the figures' rows)
    await sql`create index fact_spans_series on fact_spans
      (jurisdiction, series_key, fact_id ${postgres ? sql`collate "C"` : sql``}, from_key, to_key) where kind = 'StatisticReported'`.execute(db);
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropIndex('fact_spans_series').execute();
    await db.schema.dropIndex('fact_spans_place_kind_latest').execute();
    await db.schema.createIndex('fact_spans_place_kind_latest').on('fact_spans')
      .columns(['jurisdiction', 'kind', 'effective_latest', 'effective_earliest', 'from_key', 'to_key']).execute();
    for (const column of ['series_key', 'possible', 'version_position']) await db.schema.alterTable('fact_spans').dropColumn(column).execute();
  },
};

/**
 * Migration 0021: a segment's action counts say whether every fact they name is certainly in force
 * (libs/domain place-aggregates.ts ActionTally `c`), so that an answer reads only the named facts
 * it shows of a scope's count (scope-named.ts). Every place is marked stale so that the projector
 * projects it again with them; until then its answers fold (as do those of a segment without `c`).
 */
export const namedCertaintyMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await sql`insert into projection_dirty (jurisdiction) select distinct s.jurisdiction from place_segments as s
      where not exists (select 1 from projection_dirty as d where d.jurisdiction = s.jurisdiction)`.execute(db);
  },
  async down(): Promise<void> {
    // segments with `c` are read by the code before it as they were
  },
};

/**
 * Migration 0022: a segment counts the statistics that hold in its place (libs/domain
 * place-aggregates.ts `s`), so that a state's total of statistics is summed from the segments it
 * reads rather than counted from the spans. Every place is marked stale so that the projector
 * projects it again; until then its answers fold (a segment without `s` is counted from the spans).
 */
export const statisticsHeldMigration: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await namedCertaintyMigration.up(db);
  },
  async down(): Promise<void> {
    // segments with `s` are read by the code before it as they were
  },
};
