import { sql, type Kysely, type Selectable } from 'kysely';
import type { HalfDay, ListPage } from '../../domain/src/index.js';
import { isPostgres, type FactSpansTable, type ReadModelDatabase } from './schema.js';

/**
 * The page of a state's statistics: the StatisticReported spans holding `at` in `places`, in the
 * order the domain sorts the list by (counts.ts statisticListKey, stored as series_key: place,
 * institution, metric, unit, baseline joined by '|', compared byte by byte, then the fact id),
 * with how many hold. The page is read from the series index of migration 0020 in that order, the
 * keys checked in the index, and only its rows are read whole; the count from the place-and-kind
 * index. A province holds hundreds of figures at 1M events.
 */
export async function statisticPageAt(
  db: Kysely<ReadModelDatabase>, places: readonly string[], at: HalfDay, page: ListPage,
): Promise<{ rows: Selectable<FactSpansTable>[]; total: number }> {
  if (places.length === 0) return { rows: [], total: 0 };
  const postgres = isPostgres(db);
  // the partial index's condition, as a literal: a planner proves the index applies only from one
  const holding = sql`kind = ${sql.lit('StatisticReported')} and jurisdiction in (${sql.join([...places])}) and from_key <= ${at} and to_key > ${at}`;
  const counted = await sql<{ total: number | string }>`select count(*) as total from fact_spans where ${holding}`.execute(db);
  const total = Number(counted.rows[0]?.total ?? 0);
  if (page.limit <= 0 || page.offset >= total) return { rows: [], total };
  // PostgreSQL: the fact id in code point order, as the index keeps it (series_key is "C" by its column)
  const factOrder = postgres ? sql`fact_id collate "C"` : sql`fact_id`;
  const index = postgres ? sql`` : sql`indexed by fact_spans_series`;
  const { rows } = await sql<Selectable<FactSpansTable>>`select f.* from (select fact_id, from_key, series_key, ${factOrder} as fact_order
      from fact_spans ${index} where ${holding}
      order by series_key, ${factOrder} limit cast(${page.limit} as integer) offset cast(${page.offset} as integer)) as p
    join fact_spans as f on f.fact_id = p.fact_id and f.from_key = p.from_key
    order by p.series_key, p.fact_order`.execute(db);
  return { rows, total };
}
