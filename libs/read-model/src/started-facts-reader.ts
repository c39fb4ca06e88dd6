import { sql, type ExpressionBuilder, type ExpressionWrapper, type Kysely, type SqlBool } from 'kysely';
import { isPostgres, type ReadModelDatabase } from './schema.js';

/**
 * The facts of some kinds whose effective date may have started by `day`, as their latest
 * versions say (retracted facts left out): the latest-knowledge questions answered from the
 * started-facts indexes, without reading the facts themselves.
 */
export interface StartedFilter {
  /** facts located in these jurisdictions; null = everywhere */
  readonly jurisdictions: readonly string[] | null;
  readonly kinds: readonly string[];
  /** the query's calendar day (ISO), in the zone of every jurisdiction asked about */
  readonly day: string;
  /** the kind whose open start ("on or before") is its announcement's: undecided by the columns */
  readonly announcedKind: string;
}

export interface FigureFilter {
  /** the jurisdiction and those inside it */
  readonly inside: readonly string[];
  /** the jurisdictions containing it: only their prohibitions count */
  readonly containing: readonly string[];
  readonly day: string;
  readonly prohibitionKind: string;
  readonly exitKind: string;
  /** how many of the latest exits a count names */
  readonly latestExits: number;
  /** the latest exits of each jurisdiction (a nation's counts name each place's), not of them all */
  readonly latestExitsOfEach?: boolean;
}

export interface StartedCount {
  /**
   * facts in force on the day as the columns tell: certainly started, or of `announcedKind` with
   * an open start ("on or before" a later day) once their announcement may have been made
   */
  readonly count: number;
  /** the same, by jurisdiction (those with none are absent) */
  readonly byJurisdiction: ReadonlyMap<string, number>;
  /** facts of `announcedKind` with an open start ending on the day itself: the query's instant in that day decides, fold them */
  readonly undecidedIds: readonly string[];
}

/**
 * The latest-knowledge questions answered from the started-facts and figure indexes: which facts
 * decide an as-of answer, read from index ranges without loading the facts themselves.
 */
export interface StartedFactsReader {
  /** how many facts have started by the day (index only) */
  countStarted(filter: StartedFilter): Promise<StartedCount>;
  /**
   * The ids of the first `limit` facts that may have started by the day, in the order listings
   * use (latest effective day, earliest day with "on or before" first, first recorded); `complete`
   * when there are no others.
   */
  firstStartedIds(filter: StartedFilter, limit: number): Promise<{ readonly factIds: readonly string[]; readonly complete: boolean }>;
  /**
   * The facts that decide a jurisdiction's prohibition, counts and statistics on the day, as the
   * latest versions say: in each figure group, the latest fact that may have started, the latest
   * certainly started and the one still possibly started, those ending on the day, the earliest
   * prohibitions; and the latest exits, and of each place one exit in force past the day (the exits figure is then only possible).
   */
  figureCandidateIds(filter: FigureFilter): Promise<readonly string[]>;
  /** the jurisdictions with a fact certainly started by the day */
  jurisdictionsWithStarted(filter: StartedFilter): Promise<ReadonlySet<string>>;
  /** exits of these jurisdictions not started by the day whose announcement may have been made by then */
  announcedExitIds(jurisdictions: readonly string[], exitKind: string, day: string): Promise<readonly string[]>;
}

type FactsExpressions = ExpressionBuilder<ReadModelDatabase, 'facts'>;

/** Its announcement may have been made by the day (no announcement day: any time). */
const announcedBy = (eb: FactsExpressions, day: string) => eb.or([eb('announced_from', 'is', null), eb('announced_from', '<=', day)]);

/** An open start ("on or before" its latest day) whose announcement may have been made: in force (possibly) from then. */
const openStartAnnouncedBy = (eb: FactsExpressions, day: string) => eb.and([eb('effective_from', 'is', null), announcedBy(eb, day)]);

/**
 * Certainly started by the day (any of these): ended before it; its earliest day has come; an open
 * start of a kind other than `announcedKind` (whose announcement decides).
 */
const certainlyStartedBy = (eb: FactsExpressions, day: string, announcedKind: string) => [
  eb('effective_to', '<', day), eb('effective_from', '<=', day), eb.and([eb('effective_from', 'is', null), eb('kind', '!=', announcedKind)]),
];

/** The StartedFactsReader over the facts table's covering indexes, the same SQL on SQLite and PostgreSQL. */
export class KyselyStartedFactsReader implements StartedFactsReader {
  constructor(protected readonly db: Kysely<ReadModelDatabase>) {}

  /** Latest versions of facts of the filter's kinds and places (the started-facts indexes cover every column read). */
  private latest(filter: StartedFilter, jurisdictions: readonly string[] | null = filter.jurisdictions) {
    let query = this.db.selectFrom('facts').where('superseded_position', 'is', null).where('retracted', '=', 0)
      .where('kind', 'in', [...filter.kinds]);
    if (jurisdictions !== null) query = query.where('jurisdiction', 'in', [...jurisdictions]);
    return query;
  }

  /**
   * Those certainly started by the day: ended before it; else started once their earliest day has
   * come, or with no earliest day ("on or before"), except where the announcement decides.
   */
  private certainlyStarted(filter: StartedFilter) {
    return this.latest(filter).where((eb) => eb.or(certainlyStartedBy(eb, filter.day, filter.announcedKind)));
  }

  async countStarted(filter: StartedFilter): Promise<StartedCount> {
    const { day } = filter;
    // an open start ("on or before" its latest day) starts with its announcement: in force (possibly)
    // from the announcement's earliest day; not before, and then not announced either
    const counted = await this.latest(filter)
      .where((eb) => eb.or([...certainlyStartedBy(eb, day, filter.announcedKind),
        eb.and([eb('kind', '=', filter.announcedKind), eb('effective_to', '>', day), openStartAnnouncedBy(eb, day)])]))
      .select(['jurisdiction', (eb) => eb.fn.countAll<number | string | bigint>().as('n')]).groupBy('jurisdiction').execute();
    const undecided = await this.latest(filter).where('effective_to', '=', day).where('effective_from', 'is', null)
      .where('kind', '=', filter.announcedKind).select('fact_id').execute();
    const byJurisdiction = new Map(counted.map((row) => [row.jurisdiction, Number(row.n)]));
    return { count: [...byJurisdiction.values()].reduce((sum, n) => sum + n, 0), byJurisdiction,
      undecidedIds: undecided.map((row) => row.fact_id) };
  }

  async firstStartedIds(filter: StartedFilter, limit: number): Promise<{ readonly factIds: readonly string[]; readonly complete: boolean }> {
    const { day } = filter;
    const mayHaveStarted = (query: ReturnType<KyselyStartedFactsReader['latest']>) => query.where((eb) => eb.or([
      eb('effective_to', '<', day), eb('effective_from', '<=', day), eb('effective_from', 'is', null),
    ]));
    // one index range per place, each in latest-day order; merged here
    const places = filter.jurisdictions === null ? [null] : filter.jurisdictions.map((code) => [code]);
    const found: Array<{ fact_id: string; effective_to: string }> = [];
    let complete = true;
    for (const place of places) {
      const rows = await mayHaveStarted(this.latest(filter, place)).select(['fact_id', 'effective_to'])
        .orderBy('effective_to').limit(limit).execute();
      if (rows.length === limit) complete = false;
      found.push(...rows);
    }
    found.sort((a, b) => (a.effective_to < b.effective_to ? -1 : a.effective_to > b.effective_to ? 1 : 0));
    if (complete) return { factIds: found.map((row) => row.fact_id), complete: true };
    // the first `limit` in the listing's order: by latest day, then earliest day ("on or before" first),
    // then first recorded; those sharing the last one's latest day (from any place) are ordered here
    const last = (found[Math.min(limit, found.length) - 1] as { effective_to: string }).effective_to;
    const before = found.filter((row) => row.effective_to < last).map((row) => row.fact_id);
    const ties = await mayHaveStarted(this.latest(filter)).where('effective_to', '=', last)
      .select((eb) => ['fact_id', eb.fn.coalesce('effective_from', sql.lit('')).as('earliest'),
        eb.selectFrom('facts as original').select((o) => o.fn.min('original.recorded_position').as('position'))
          .whereRef('original.fact_id', '=', 'facts.fact_id').as('first_recorded')])
      .orderBy('earliest').orderBy('first_recorded').limit(limit - before.length).execute();
    return { factIds: [...before, ...ties.map((row) => row.fact_id)], complete: false };
  }

  async figureCandidateIds(filter: FigureFilter): Promise<readonly string[]> {
    const { day, prohibitionKind, exitKind } = filter;
    // a version's place in latest-first order as one comparable text: latest day, earliest day, position, then its id
    const position = isPostgres(this.db) ? sql`lpad(cast(recorded_position as text), 19, '0')` : sql`printf('%019d', recorded_position)`;
    const key = sql<string>`effective_to || ' ' || coalesce(effective_from, '') || ' ' || ${position} || ' ' || fact_id`;
    const idOf = (text: string | null): string[] => (text === null ? [] : [text.slice(text.lastIndexOf(' ') + 1)]);
    const current = this.db.selectFrom('facts').where('superseded_position', 'is', null).where('retracted', '=', 0)
      .where((eb) => eb.or([eb('effective_to', '<', day), eb('effective_from', '<=', day), eb('effective_from', 'is', null)]));
    // one pass over each group's index range: its latest started version, its latest ended one, a prohibition's first days
    const groupsWhere = (places: (eb: FactsExpressions) => ExpressionWrapper<ReadModelDatabase, 'facts', SqlBool>) => current
      .where('figure_group', 'is not', null).where(places)
      .select(['jurisdiction', 'kind', 'figure_group',
        sql<string | null>`max(${key})`.as('latest'),
        sql<string | null>`max(case when effective_to < ${day} then ${key} end)`.as('latest_ended'),
        sql<string | null>`min(case when effective_to < ${day} then effective_to end)`.as('first_ended'),
        sql<string | null>`min(case when effective_to >= ${day} then effective_to end)`.as('first_open')])
      .groupBy(['jurisdiction', 'kind', 'figure_group']).execute();
    // the places inside, and the prohibitions of those containing them, as two passes: one pass over
    // both (an OR) read two index ranges and sorted their rows to group them (2x the time at 1M events)
    const groups = [
      ...await groupsWhere((eb) => eb('jurisdiction', 'in', [...filter.inside])),
      ...(filter.containing.length > 0
        ? await groupsWhere((eb) => eb.and([eb('jurisdiction', 'in', [...filter.containing]), eb('kind', '=', prohibitionKind)])) : []),
    ];
    const ids = new Set(groups.flatMap((group) => [...idOf(group.latest), ...idOf(group.latest_ended)]));
    const add = (rows: ReadonlyArray<{ fact_id: string }>) => rows.forEach((row) => ids.add(row.fact_id));
    // a prohibition answers with the earliest: every version starting a group's first day (the original order decides ties)
    const firsts = groups.filter((group) => group.kind === prohibitionKind)
      .flatMap((group) => [group.first_ended, group.first_open].flatMap((to) => (to === null ? [] : [{ ...group, to }])));
    if (firsts.length > 0) {
      add(await current.select('fact_id').where('kind', '=', prohibitionKind).where((eb) => eb.or(firsts.map((first) => eb.and([
        eb('jurisdiction', '=', first.jurisdiction), eb('figure_group', '=', first.figure_group as string), eb('effective_to', '=', first.to)])))).execute());
    }
    // those ending on the day (certain or not by the day's end), the latest exits
    add(await current.select('fact_id').where('jurisdiction', 'in', [...filter.inside]).where('figure_group', 'is not', null)
      .where('effective_to', '=', day).execute());
    // an exit in force past the day makes the exits figure only possible: one of each place tells
    // (an open start is in force once its announcement may have been made)
    add(await current.select((eb) => eb.fn.min('fact_id').as('fact_id')).where('jurisdiction', 'in', [...filter.inside])
      .where('kind', '=', exitKind).where('effective_to', '>', day)
      .where((eb) => eb.or([eb('effective_from', '<=', day), openStartAnnouncedBy(eb, day)]))
      .groupBy('jurisdiction').execute());
    const withExits = filter.latestExitsOfEach
      ? groups.filter((group) => group.kind === exitKind).map((group) => [group.jurisdiction]) : [[...filter.inside]];
    for (const places of withExits) {
      // in the figure's order (latest day, latest earliest day, latest version), those in force:
      // an open start once its announcement may have been made (or when it ends on the day: the instant decides)
      add(await current.select('fact_id').where('jurisdiction', 'in', places).where('kind', '=', exitKind)
        .where((eb) => eb.or([eb('effective_to', '<=', day), eb('effective_from', '<=', day), openStartAnnouncedBy(eb, day)]))
        .orderBy('effective_to', 'desc').orderBy((eb) => eb.fn.coalesce('effective_from', sql.lit('')), 'desc')
        .orderBy('recorded_position', 'desc').limit(filter.latestExits).execute());
    }
    return [...ids];
  }

  async jurisdictionsWithStarted(filter: StartedFilter): Promise<ReadonlySet<string>> {
    const rows = await this.certainlyStarted(filter).select('jurisdiction').distinct().execute();
    return new Set(rows.map((row) => row.jurisdiction));
  }

  async announcedExitIds(jurisdictions: readonly string[], exitKind: string, day: string): Promise<readonly string[]> {
    const rows = await this.db.selectFrom('facts').select('fact_id')
      .where('superseded_position', 'is', null).where('retracted', '=', 0)
      .where('jurisdiction', 'in', [...jurisdictions]).where('kind', '=', exitKind).where('figure_group', '=', 'exit')
      .where('effective_from', '>', day)
      .where((eb) => announcedBy(eb, day))
      .execute();
    return rows.map((row) => row.fact_id);
  }
}
