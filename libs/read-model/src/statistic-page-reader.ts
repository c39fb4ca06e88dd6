import { sql, type Kysely, type Selectable } from 'kysely';
import type { HalfDay, ListPage } from '../../domain/src/index.js';
import { isPostgres, type FactSpansTable, type ReadModelDatabase } from './schema.js';

type Stored = Selectable<FactSpansTable> & { total: number | string };

/**
 * The page of a state's statistics: the StatisticReported spans holding `at` in `places`, sorted
 * in SQL by the text the domain sorts the list by (counts.ts statisticListKey: place, institution,
 * metric, unit, baseline joined by '|', compared byte by byte, then the fact id), with how many hold.
 * Only the page's bodies reach JavaScript: a province holds hundreds of figures at 1M events.
 */
export async function statisticPageAt(
  db: Kysely<ReadModelDatabase>, places: readonly string[], at: HalfDay, page: ListPage,
): Promise<{ rows: Selectable<FactSpansTable>[]; total: number }> {
  if (places.length === 0) return { rows: [], total: 0 };
  const postgres = isPostgres(db);
  // PostgreSQL compares text by its collation unless told "C" (the code points: JavaScript's order for these keys)
  const key = postgres
    ? sql`(f.jurisdiction || '|' || coalesce(b.j->'c'->'institution'->>'id', '') || '|' || (b.j->'c'->>'metric') || '|'
        || (b.j->'c'->>'unit') || '|' || coalesce(b.j->'c'->'baseline'->>'text', '')) collate "C", f.fact_id collate "C"`
    : sql`f.jurisdiction || '|' || coalesce(json_extract(f.body, '$.c.institution.id'), '') || '|' || json_extract(f.body, '$.c.metric') || '|'
        || json_extract(f.body, '$.c.unit') || '|' || coalesce(json_extract(f.body, '$.c.baseline.text'), ''), f.fact_id`;
  const body = postgres ? sql`cross join lateral (select cast(f.body as json) as j) as b` : sql``;
  const holding = sql`f.kind = ${'StatisticReported'} and f.jurisdiction in (${sql.join([...places])}) and f.from_key <= ${at} and f.to_key > ${at}`;
  const { rows } = await sql<Stored>`select f.*, count(*) over () as total from fact_spans as f ${body}
    where ${holding} order by ${key} limit cast(${page.limit} as integer) offset cast(${page.offset} as integer)`.execute(db);
  if (rows.length > 0) return { rows: rows.map(({ total: _total, ...row }) => row), total: Number(rows[0]!.total) };
  // past the last page: only the count
  const counted = await sql<{ total: number | string }>`select count(*) as total from fact_spans as f where ${holding}`.execute(db);
  return { rows: [], total: Number(counted.rows[0]?.total ?? 0) };
}
