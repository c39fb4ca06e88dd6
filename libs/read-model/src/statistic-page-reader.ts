import { sql, type Kysely, type RawBuilder } from 'kysely';
import { statisticPlaceOrder, type HalfDay, type ListPage, type StatisticPiece } from '../../domain/src/index.js';
import { isPostgres, type ReadModelDatabase } from './schema.js';

/**
 * The page of a state's statistics: the StatisticReported spans holding `at` in `places`, in the
 * order the domain sorts the list by (counts.ts statisticListKey, stored as series_key: place,
 * institution, metric, unit, baseline joined by '|', compared byte by byte, then the fact id),
 * with how many hold. The page is read from the series index of migration 0020 in that order, the
 * keys checked in the index, and only its rows are read (the parts factOfSpan reads: a body is
 * ~1 KB; on SQLite by the index entry's rowid).
 *
 * When the caller knows how many hold in each place (`held`: the places' segments, PlaceAggregates
 * `s`), the page is read place by place in the list's order (statisticPlaceOrder): the places
 * before the page skipped by their counts, each place of the page one range of the index read in
 * order and stopped at the page's end. Otherwise the places' entries are read together and sorted
 * (a scan of the places' statistics since their first: ~3,000 entries for a province at 1M
 * events, which the place-by-place read halves), and the count is read from the index.
 */
export async function statisticPageAt(
  db: Kysely<ReadModelDatabase>, places: readonly string[], at: HalfDay, page: ListPage, held?: ReadonlyMap<string, number>,
): Promise<{ spans: StatisticPiece[]; total: number }> {
  if (places.length === 0) return { spans: [], total: 0 };
  if (held) {
    const total = places.reduce((sum, place) => sum + (held.get(place) ?? 0), 0);
    return { spans: page.limit <= 0 || page.offset >= total ? [] : await pagePlaceByPlace(db, places, at, page, held), total };
  }
  const holding = holdingIn(places, at);
  const total = Number((await sql<{ total: number | string }>`select count(*) as total from fact_spans where ${holding}`.execute(db)).rows[0]?.total ?? 0);
  return { spans: page.limit <= 0 || page.offset >= total ? [] : await pageOf(db, holding, page), total };
}

/** The page's window read place by place, each place's statistics skipped whole before the page. */
async function pagePlaceByPlace(
  db: Kysely<ReadModelDatabase>, places: readonly string[], at: HalfDay, page: ListPage, held: ReadonlyMap<string, number>,
): Promise<StatisticPiece[]> {
  const spans: StatisticPiece[] = [];
  let skip = page.offset;
  for (const place of [...places].sort(statisticPlaceOrder)) {
    const want = page.limit - spans.length;
    if (want <= 0) break;
    const count = held.get(place) ?? 0;
    if (skip >= count) {
      skip -= count;
      continue;
    }
    spans.push(...(await pageOf(db, holdingIn([place], at), { offset: skip, limit: want })));
    skip = 0;
  }
  return spans;
}

/** The StatisticReported spans of the places holding `at`: the partial index's condition, as a literal (a planner proves the index applies only from one). */
const holdingIn = (places: readonly string[], at: HalfDay): RawBuilder<unknown> =>
  sql`kind = ${sql.lit('StatisticReported')} and jurisdiction in (${sql.join([...places])}) and from_key <= ${at} and to_key > ${at}`;

/** A window of the spans `holding` selects, in the list's order. */
async function pageOf(db: Kysely<ReadModelDatabase>, holding: RawBuilder<unknown>, page: ListPage): Promise<StatisticPiece[]> {
  const postgres = isPostgres(db);
  // PostgreSQL: the fact id in code point order, as the index keeps it (series_key is "C" by its column)
  const factOrder = postgres ? sql`fact_id collate "C"` : sql`fact_id`;
  const window = sql`order by series_key, ${factOrder} limit cast(${page.limit} as integer) offset cast(${page.offset} as integer)`;
  // each row of the page found again by its fact and key (PostgreSQL), by the index entry's rowid (SQLite)
  const [piece, index, join] = postgres
    ? [sql`fact_id, from_key`, sql``, sql`f.fact_id = p.fact_id and f.from_key = p.from_key`]
    : [sql`rowid as piece`, sql`indexed by fact_spans_series`, sql`f.rowid = p.piece`];
  const { rows } = await sql<PieceStored>`select f.fact_id, f.first_position, f.body from (select ${piece}, series_key, ${factOrder} as fact_order
      from fact_spans ${index} where ${holding} ${window}) as p
    join fact_spans as f on ${join}
    order by p.series_key, p.fact_order`.execute(db);
  return rows.map((row) => ({ factId: row.fact_id, firstPosition: Number(row.first_position), body: row.body }));
}

interface PieceStored {
  fact_id: string;
  first_position: number | string | bigint;
  body: string;
}
