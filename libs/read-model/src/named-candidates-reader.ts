import { sql, type Kysely } from 'kysely';
import { latestFirstSpans, type FactKind, type HalfDay, type LatestSpan, type NamedGroup } from '../../domain/src/index.js';
import { isPostgres, type ReadModelDatabase } from './schema.js';

/** groups per statement (9 parameters each): SQLite allows 500 terms in a compound select */
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

/**
 * contract.ts namedCandidatesAt: for each group, one ordered, limited read of the place-kind-latest
 * index (migration 0020: the days, keys, version and certainty are in it), its places and their
 * days joined to it, the left-out ids checked in the index; the groups of a statement joined by
 * `union all`, each group's places and ids passed as one JSON text (SQLite) or arrays (PostgreSQL),
 * so that a statement's text depends only on its number of groups and is prepared once. latestFirst
 * in SQL: later latest day, later earliest day, later version (none: 0), then the fact id in code
 * point order.
 */
export async function namedCandidatesAt(db: Kysely<ReadModelDatabase>, groups: readonly NamedGroup[], at: HalfDay): Promise<LatestSpan[][]> {
  const postgres = isPostgres(db);
  const found: LatestSpan[][] = groups.map(() => []);
  const order = sql`order by f.effective_latest desc, f.effective_earliest desc, coalesce(f.version_position, 0) desc, ${postgres ? sql`f.fact_id collate "C"` : sql`f.fact_id`}`;
  const chosen = sql`f.fact_id, f.jurisdiction, f.kind, f.effective_latest, f.effective_earliest, f.version_position, f.possible`;
  const termOf = (g: number) => {
    const group = groups[g] as NamedGroup;
    const window = sql`limit cast(${group.limit} as integer) offset cast(${group.offset} as integer)`;
    const holding = sql`f.kind = ${group.kind} and f.from_key <= ${at} and f.to_key > ${at}`;
    if (postgres) {
      const column = (pick: (place: NamedGroup['places'][number]) => string) => sql`cast(${group.places.map(pick)} as text[])`;
      return sql`select * from (select cast(${g} as integer) as g, ${chosen}
        from unnest(${column((p) => p.place)}, ${column((p) => p.lowest)}, ${column((p) => p.highest)}) as w(place, lowest, highest)
        join fact_spans as f on f.jurisdiction = w.place and f.effective_latest between w.lowest and w.highest
        where ${holding} and not (f.fact_id = any(cast(${[...group.leftOut]} as text[]))) ${order} ${window}) as ${sql.id(`g${g}`)}`;
    }
    const places = JSON.stringify(group.places.map((p) => [p.place, p.lowest, p.highest]));
    return sql`select * from (select cast(${g} as integer) as g, ${chosen}
      from json_each(${places}) as w join fact_spans as f indexed by fact_spans_place_kind_latest
        on f.jurisdiction = json_extract(w.value, '$[0]') and f.effective_latest between json_extract(w.value, '$[1]') and json_extract(w.value, '$[2]')
      where ${holding} and f.fact_id not in (select value from json_each(${JSON.stringify(group.leftOut)})) ${order} ${window}) as ${sql.id(`g${g}`)}`;
  };
  const read = async (chunk: readonly number[]) => {
    const { rows } = await sql<CandidateRow>`${sql.join(chunk.map(termOf), sql` union all `)}`.execute(db);
    for (const row of rows) {
      (found[Number(row.g)] as LatestSpan[]).push({
        factId: row.fact_id, jurisdiction: row.jurisdiction, kind: row.kind as FactKind, effectiveLatest: row.effective_latest,
        effectiveEarliest: row.effective_earliest, version: row.version_position === null ? null : Number(row.version_position),
        possible: Number(row.possible) === 1,
      });
    }
  };
  const asked = groups.flatMap((group, g) => (group.limit <= 0 || group.places.length === 0 ? [] : [g]));
  for (let i = 0; i < asked.length; i += GROUPS_PER_STATEMENT) await read(asked.slice(i, i + GROUPS_PER_STATEMENT));
  // `union all` need not keep each term's order (a parallel plan may interleave them): each group put in it again
  return found.map((spans) => spans.sort(latestFirstSpans));
}
