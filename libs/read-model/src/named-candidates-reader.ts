import { sql, type Kysely } from 'kysely';
import { latestFirstSpans, type FactKind, type HalfDay, type LatestSpan, type NamedGroup } from '../../domain/src/index.js';
import { isPostgres, type ReadModelDatabase } from './schema.js';

/** bound parameters per statement: far below SQLite's 32,766 and PostgreSQL's 65,535 */
const PARAMETERS_PER_STATEMENT = 10_000;
/** groups per statement: SQLite allows 500 terms in a compound select */
const GROUPS_PER_STATEMENT = 200;

interface CandidateRow {
  g: number | string;
  fact_id: string;
  jurisdiction: string;
  kind: string;
  effective_latest: string;
  effective_earliest: string;
  version_position: number | string | bigint | null;
  possible: number;
}

const parametersOf = (group: NamedGroup): number => 3 * group.places.length + group.leftOut.length + 6;

/**
 * contract.ts namedCandidatesAt: for each group, one ordered, limited read of the place-kind-latest
 * index (migration 0020: the days, keys, version and certainty are in it), its places and their
 * days joined to it, the left-out ids checked in the index; the groups of a statement joined by
 * `union all`. latestFirst in SQL: later latest day, later earliest day, later version (none: 0),
 * then the fact id in code point order.
 */
export async function namedCandidatesAt(db: Kysely<ReadModelDatabase>, groups: readonly NamedGroup[], at: HalfDay): Promise<LatestSpan[][]> {
  const postgres = isPostgres(db);
  const found: LatestSpan[][] = groups.map(() => []);
  const index = postgres ? sql`` : sql`indexed by fact_spans_place_kind_latest`;
  const factOrder = postgres ? sql`f.fact_id collate "C"` : sql`f.fact_id`;
  const read = async (chunk: readonly number[]) => {
    const selects = chunk.map((g) => {
      const group = groups[g] as NamedGroup;
      const places = sql.join(group.places.map(({ place, lowest, highest }) =>
        sql`select cast(${place} as text) as place, cast(${lowest} as text) as lowest, cast(${highest} as text) as highest`), sql` union all `);
      const left = group.leftOut.length === 0 ? sql`` : sql`and f.fact_id not in (${sql.join([...group.leftOut])})`;
      return sql`select * from (select cast(${g} as integer) as g, f.fact_id, f.jurisdiction, f.kind, f.effective_latest, f.effective_earliest,
          f.version_position, f.possible
        from (${places}) as w join fact_spans as f ${index}
          on f.jurisdiction = w.place and f.kind = ${group.kind} and f.effective_latest between w.lowest and w.highest
        where f.from_key <= ${at} and f.to_key > ${at} ${left}
        order by f.effective_latest desc, f.effective_earliest desc, coalesce(f.version_position, 0) desc, ${factOrder}
        limit cast(${group.limit} as integer) offset cast(${group.offset} as integer)) as ${sql.id(`g${g}`)}`;
    });
    const { rows } = await sql<CandidateRow>`${sql.join(selects, sql` union all `)}`.execute(db);
    for (const row of rows) {
      (found[Number(row.g)] as LatestSpan[]).push({
        factId: row.fact_id, jurisdiction: row.jurisdiction, kind: row.kind as FactKind, effectiveLatest: row.effective_latest,
        effectiveEarliest: row.effective_earliest, version: row.version_position === null ? null : Number(row.version_position),
        possible: Number(row.possible) === 1,
      });
    }
  };
  let chunk: number[] = [];
  let parameters = 0;
  for (let g = 0; g < groups.length; g += 1) {
    const group = groups[g] as NamedGroup;
    if (group.limit <= 0 || group.places.length === 0) continue;
    if (chunk.length > 0 && (chunk.length >= GROUPS_PER_STATEMENT || parameters + parametersOf(group) > PARAMETERS_PER_STATEMENT)) {
      await read(chunk);
      [chunk, parameters] = [[], 0];
    }
    chunk.push(g);
    parameters += parametersOf(group);
  }
  if (chunk.length > 0) await read(chunk);
  // `union all` need not keep each term's order (a parallel plan may interleave them): each group put in it again
  return found.map((spans) => spans.sort(latestFirstSpans));
}
