import { sql, type Kysely } from 'kysely';
import type { HalfDay, ListPage, StatisticPageOptions, StatisticPiece } from '../../domain/src/index.js';
import { isPostgres, type ReadModelDatabase } from './schema.js';

/**
 * The page of a state's statistics: the StatisticReported spans holding `at` in `places`, in the
 * order the domain sorts the list by (counts.ts statisticListKey, stored as series_key: place,
 * institution, metric, unit, baseline joined by '|', compared byte by byte, then the fact id),
 * with how many hold. The page is read from the series index of migration 0020 in that order, the
 * keys checked in the index, and only its rows are read (the parts factOfSpan reads: a body is
 * ~1 KB; on SQLite by the index entry's rowid); the count, when the caller does not know it (the
 * places' segments: PlaceAggregates `s`), from the place-and-kind index (a scan of the places'
 * statistics since their first: ~3,000 entries for a province at 1M events). Without sources, each
 * body's are taken out by the database (json_remove; jsonb on PostgreSQL): a body is then ~450 B of
 * ASCII instead of ~1 KB with Chinese text (a two-byte string in JavaScript), and the source is not parsed.
 */
export async function statisticPageAt(
  db: Kysely<ReadModelDatabase>, places: readonly string[], at: HalfDay, page: ListPage, options: StatisticPageOptions = {},
): Promise<{ spans: StatisticPiece[]; total: number }> {
  if (places.length === 0) return { spans: [], total: 0 };
  const postgres = isPostgres(db);
  // the partial index's condition, as a literal: a planner proves the index applies only from one
  const holding = sql`kind = ${sql.lit('StatisticReported')} and jurisdiction in (${sql.join([...places])}) and from_key <= ${at} and to_key > ${at}`;
  const total = options.total ?? Number((await sql<{ total: number | string }>`select count(*) as total from fact_spans where ${holding}`.execute(db)).rows[0]?.total ?? 0);
  if (page.limit <= 0 || page.offset >= total) return { spans: [], total };
  // PostgreSQL: the fact id in code point order, as the index keeps it (series_key is "C" by its column)
  const factOrder = postgres ? sql`fact_id collate "C"` : sql`fact_id`;
  const window = sql`order by series_key, ${factOrder} limit cast(${page.limit} as integer) offset cast(${page.offset} as integer)`;
  // each row of the page found again by its fact and key (PostgreSQL), by the index entry's rowid (SQLite)
  const [piece, index, join] = postgres
    ? [sql`fact_id, from_key`, sql``, sql`f.fact_id = p.fact_id and f.from_key = p.from_key`]
    : [sql`rowid as piece`, sql`indexed by fact_spans_series`, sql`f.rowid = p.piece`];
  const body = options.sources !== false ? sql`f.body`
    : postgres ? sql`((cast(f.body as jsonb) #- '{c,source}') - 's')::text as body` : sql`json_remove(f.body, '$.c.source', '$.s') as body`;
  const { rows } = await sql<PieceStored>`select f.fact_id, f.first_position, ${body} from (select ${piece}, series_key, ${factOrder} as fact_order
      from fact_spans ${index} where ${holding} ${window}) as p
    join fact_spans as f on ${join}
    order by p.series_key, p.fact_order`.execute(db);
  return { spans: rows.map((row) => ({ factId: row.fact_id, firstPosition: Number(row.first_position), body: row.body })), total };
}

interface PieceStored {
  fact_id: string;
  first_position: number | string | bigint;
  body: string;
}
