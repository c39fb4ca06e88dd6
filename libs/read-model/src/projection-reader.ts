import { sql, type Kysely, type Selectable } from 'kysely';
import {
  jurisdictions, START_OF_TIME, type FactKind, type FactSpanRow, type HalfDay, type LatestSpan, type ListPage, type NamedGroup, type PlaceSegmentRow,
  type ProjectionReader, type StatisticPageOptions, type StatisticPiece,
} from '../../domain/src/index.js';
import { institutionFactsAt, type InstitutionFactAt } from './institution-facts-reader.js';
import { namedCandidatesAt } from './named-candidates-reader.js';
import { statisticPageAt } from './statistic-page-reader.js';
import { isPostgres, type FactSpansTable, type PlaceSegmentsTable, type ReadModelDatabase } from './schema.js';

/** ids per `in (...)` list: far below the bound-parameter limits */
const IDS_PER_QUERY = 500;

type SpanStored = Selectable<FactSpansTable>;
type SegmentStored = Pick<Selectable<PlaceSegmentsTable>, 'jurisdiction' | 'from_key' | 'to_key' | 'body'>;

const spanOf = (row: SpanStored): FactSpanRow => ({
  factId: row.fact_id,
  jurisdiction: row.jurisdiction,
  kind: row.kind as FactKind,
  from: Number(row.from_key),
  to: Number(row.to_key),
  effectiveLatest: row.effective_latest,
  effectiveEarliest: row.effective_earliest,
  firstPosition: Number(row.first_position),
  body: row.body,
  versionPosition: row.version_position === null ? null : Number(row.version_position),
  possible: Number(row.possible) === 1,
  seriesKey: row.series_key,
});

const segmentOf = (row: SegmentStored): PlaceSegmentRow => ({
  jurisdiction: row.jurisdiction, from: Number(row.from_key), to: Number(row.to_key), body: row.body,
});

/** first-recorded order: firstPosition, then factId */
const firstRecorded = (a: FactSpanRow, b: FactSpanRow): number =>
  a.firstPosition - b.firstPosition || (a.factId < b.factId ? -1 : a.factId > b.factId ? 1 : 0);

/** The projection's pieces, and which places' pieces are stale (answers about those fold). */
export interface ProjectedStateReader extends ProjectionReader {
  /** whether any of these places' rows are stale (null: any place's) at key `at` (none: at any key) */
  anyDirty(places: readonly string[] | null, at?: HalfDay): Promise<boolean>;
  /** whether any of these places' rows are stale throughout (null: any place's): not a live run's place being computed */
  anyStaleThroughout(places: readonly string[] | null): Promise<boolean>;
  /** the facts naming these institutions that hold at `at` and lie in `places` (what their statuses read) */
  institutionFactsAt(institutionIds: readonly string[], places: readonly string[], at: HalfDay): Promise<InstitutionFactAt[]>;
}

/**
 * The projection's pieces as the read models store them (fact_spans, place_segments; migration
 * 0015), sought by key with the same SQL on SQLite and PostgreSQL save one statement: a place's
 * segment holding K is its first with to_key > K, one seek on the primary key per place, all places
 * in one statement (SQLite: over json_each; PostgreSQL: a lateral join over unnest).
 */
export class SqlProjectionReader implements ProjectedStateReader {
  private readonly postgres: boolean;

  constructor(private readonly db: Kysely<ReadModelDatabase>) {
    this.postgres = isPostgres(db);
  }

  async segmentsAt(places: readonly string[], at: HalfDay): Promise<PlaceSegmentRow[]> {
    if (places.length === 0) return [];
    const query = this.postgres
      ? sql<SegmentStored>`select s.jurisdiction, s.from_key, s.to_key, s.body
          from unnest(cast(${[...places]} as text[])) as p(code)
          cross join lateral (select t.jurisdiction, t.from_key, t.to_key, t.body from place_segments as t
            where t.jurisdiction = p.code and t.to_key > ${at} order by t.to_key limit 1) as s
          where s.from_key <= ${at}`
      : sql<SegmentStored>`select s.jurisdiction, s.from_key, s.to_key, s.body
          from json_each(${JSON.stringify(places)}) as p
          join place_segments as s on s.jurisdiction = p.value
            and s.to_key = (select min(t.to_key) from place_segments as t where t.jurisdiction = p.value and t.to_key > ${at})
          where s.from_key <= ${at}`;
    const order = new Map(places.map((place, index) => [place, index]));
    return (await query.execute(this.db)).rows.map(segmentOf)
      .sort((a, b) => (order.get(a.jurisdiction) ?? 0) - (order.get(b.jurisdiction) ?? 0));
  }

  async spansAt(places: readonly string[] | null, kinds: readonly FactKind[] | null, at: HalfDay): Promise<FactSpanRow[]> {
    const rows = await this.holding(places, kinds, at)?.orderBy('first_position').orderBy('fact_id').execute();
    return (rows ?? []).map(spanOf);
  }

  /**
   * The page's facts are chosen from the place-and-kind index alone (it carries the effective
   * order), then their rows are read by fact: the bodies of the pieces left out are never read or sorted.
   */
  async spanPageAt(places: readonly string[] | null, kinds: readonly FactKind[] | null, at: HalfDay, page: ListPage): Promise<FactSpanRow[]> {
    if (page.limit <= 0 || places?.length === 0 || kinds?.length === 0) return [];
    const ids = places === null && !this.postgres ? await this.nationPage(kinds, at, page) : await this.pageIds(places, kinds, at, page);
    const order = new Map(ids.map((id, index) => [id, index]));
    return (await this.spansOfFactsAt(ids, at)).sort((a, b) => order.get(a.factId)! - order.get(b.factId)!);
  }

  statisticPageAt(places: readonly string[], at: HalfDay, page: ListPage, options?: StatisticPageOptions): Promise<{ spans: StatisticPiece[]; total: number }> {
    return statisticPageAt(this.db, places, at, page, options);
  }

  /**
   * A place's page of bans: its ban_spans range read in answer order, the keys checked in the index,
   * until the page is full (the caller stops it at the last ban); then the page's own pieces read by
   * fact and key, one seek each. Every place: the range of each country (one for a registry of one).
   */
  async banPageAt(place: string | null, at: HalfDay, page: ListPage): Promise<FactSpanRow[]> {
    if (page.limit <= 0) return [];
    const places = place === null ? jurisdictions.all.filter((record) => !record.parent).map((record) => record.code) : [place];
    // SQLite's planner would read the fact-and-key index and sort
    const index = this.postgres ? sql`` : sql`indexed by ban_spans_page`;
    const rows = await sql<SpanStored>`select f.*
      from (select b.fact_id, b.from_key, b.effective_latest, b.effective_earliest, b.first_position from ban_spans as b ${index}
        where b.within in (${sql.join(places)}) and b.from_key <= ${at} and b.to_key > ${at}
        order by b.effective_latest, b.effective_earliest, b.first_position, b.fact_id
        limit cast(${page.limit} as integer) offset cast(${page.offset} as integer)) as p
      join fact_spans as f on f.fact_id = p.fact_id and f.from_key = p.from_key
      order by p.effective_latest, p.effective_earliest, p.first_position, p.fact_id`.execute(this.db);
    return rows.rows.map(spanOf);
  }

  async spansOfFactsAt(factIds: readonly string[], at: HalfDay): Promise<FactSpanRow[]> {
    const ids = [...new Set(factIds)];
    const found: FactSpanRow[] = [];
    for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
      const rows = await this.db.selectFrom('fact_spans').selectAll()
        .where('fact_id', 'in', ids.slice(i, i + IDS_PER_QUERY)).where('from_key', '<=', at).where('to_key', '>', at).execute();
      found.push(...rows.map(spanOf));
    }
    return found.sort(firstRecorded);
  }

  private async pageIds(places: readonly string[] | null, kinds: readonly FactKind[] | null, at: HalfDay, page: ListPage): Promise<string[]> {
    let chosen = this.db.selectFrom('fact_spans').select('fact_id').where('from_key', '<=', at).where('to_key', '>', at);
    if (places !== null) chosen = chosen.where('jurisdiction', 'in', [...places]);
    if (kinds !== null) chosen = chosen.where('kind', 'in', [...kinds]);
    const rows = await chosen.orderBy('effective_latest').orderBy('effective_earliest').orderBy('first_position').orderBy('fact_id')
      .limit(page.limit).offset(page.offset).execute();
    return rows.map((row) => row.fact_id);
  }

  /**
   * SQLite, every place: the effective-order index read in order until the page is full. SQLite's
   * planner prefers the kind-and-key index, which reads every piece started by the key and sorts
   * them (100 times slower at 100k events), and is told which index to use.
   */
  private async nationPage(kinds: readonly FactKind[] | null, at: HalfDay, page: ListPage): Promise<string[]> {
    const kind = kinds === null ? sql`1 = 1` : sql`kind in (${sql.join([...kinds])})`;
    const rows = await sql<{ fact_id: string }>`select fact_id from fact_spans indexed by fact_spans_effective_holding
      where ${kind} and from_key <= ${at} and to_key > ${at}
      order by effective_latest, effective_earliest, first_position, fact_id
      limit cast(${page.limit} as integer) offset cast(${page.offset} as integer)`.execute(this.db);
    return rows.rows.map((row) => row.fact_id);
  }

  namedCandidatesAt(groups: readonly NamedGroup[], at: HalfDay): Promise<LatestSpan[][]> {
    return namedCandidatesAt(this.db, groups, at);
  }

  institutionFactsAt(institutionIds: readonly string[], places: readonly string[], at: HalfDay): Promise<InstitutionFactAt[]> {
    return institutionFactsAt(this.db, institutionIds, places, at);
  }

  /**
   * Whether any of these places' rows are stale (null: any place's) at key `at` (none given: at any
   * key): an answer about them there folds. A place a live run left stale is so from the first key its
   * change reaches (stale_from) on; before it, its rows are right. One query on projection_dirty.
   */
  async anyDirty(places: readonly string[] | null, at?: HalfDay): Promise<boolean> {
    if (places !== null && places.length === 0) return false;
    let query = this.db.selectFrom('projection_dirty').select('jurisdiction');
    if (places !== null) query = query.where('jurisdiction', 'in', [...places]);
    if (at !== undefined) query = query.where((eb) => eb.or([eb('stale_from', 'is', null), eb('stale_from', '<=', at)]));
    return (await query.limit(1).executeTakeFirst()) !== undefined;
  }

  async anyStaleThroughout(places: readonly string[] | null): Promise<boolean> {
    return this.anyDirty(places, START_OF_TIME - 1);
  }

  /** The spans holding `at` of the places and kinds; null when a list is empty (nothing holds). */
  private holding(places: readonly string[] | null, kinds: readonly FactKind[] | null, at: HalfDay) {
    if ((places !== null && places.length === 0) || (kinds !== null && kinds.length === 0)) return null;
    let query = this.db.selectFrom('fact_spans').selectAll().where('from_key', '<=', at).where('to_key', '>', at);
    if (places !== null) query = query.where('jurisdiction', 'in', [...places]);
    if (kinds !== null) query = query.where('kind', 'in', [...kinds]);
    return query;
  }
}
