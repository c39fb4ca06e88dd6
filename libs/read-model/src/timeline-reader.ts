import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { DateTime } from 'luxon';
import type { FactData, FactSource } from '../../domain/src/notice/notice-events.js';
import type { ListPage } from '../../domain/src/timeline/list-page.js';
import type { FactHistory, FactRetraction, FactVersion } from '../../domain/src/timeline/recorded-fact.js';
import { isPostgres, type FactRow, type ReadModelDatabase } from './schema.js';

export interface FactFilter {
  /** facts located in these jurisdictions; null = everywhere */
  readonly jurisdictions: readonly string[] | null;
  /** only facts whose effective date may have started by this calendar day (ISO); null = any */
  readonly startedBy: string | null;
  /** only facts whose effective date may still hold on or after this day (ISO); null = any */
  readonly endsFrom?: string | null;
  /** as recorded at this instant: later versions, corrections and retractions are left out; null = latest */
  readonly recordedAt: DateTime | null;
  /** as recorded once the log held this position; null/absent = latest */
  readonly recordedPosition?: number | null;
  /** only facts naming this institution */
  readonly institutionId?: string;
  /** only facts of these kinds; absent = every kind */
  readonly kinds?: readonly string[];
  /** only these facts */
  readonly factIds?: readonly string[];
}

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
  /** facts certainly started by the day */
  readonly count: number;
  /** the same, by jurisdiction (those with none are absent) */
  readonly byJurisdiction: ReadonlyMap<string, number>;
  /** facts of `announcedKind` with an open start whose announcement decides: fold them */
  readonly undecidedIds: readonly string[];
}

/** One page of a jurisdiction's institutions (by name) and how many there are in all. */
export interface InstitutionsPage {
  readonly total: number;
  readonly institutions: Array<InstitutionRecord & { readonly factIds: readonly string[] }>;
}

export interface InstitutionRecord {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly jurisdiction: string;
}

/** The read side's questions to the read models: index lookups, never a replay of the log. */
export interface TimelineReader {
  /** the histories (versions, corrections, retraction) of the facts the filter selects */
  factHistories(filter: FactFilter): Promise<FactHistory[]>;
  searchInstitutions(query: string, limit: number): Promise<InstitutionRecord[]>;
  institution(id: string): Promise<InstitutionRecord | null>;
  /** a page (by name) of the institutions located in these jurisdictions, with the ids of the facts that name them */
  institutionsIn(jurisdictions: readonly string[], page: ListPage): Promise<InstitutionsPage>;
  /** how many facts have started by the day (index only) */
  countStarted(filter: StartedFilter): Promise<StartedCount>;
  /**
   * The ids of the first facts (at least `limit` when there are) that may have started by the day,
   * by latest effective day, with every fact sharing the last one's latest day; `complete` when
   * there are no others.
   */
  firstStartedIds(filter: StartedFilter, limit: number): Promise<{ readonly factIds: readonly string[]; readonly complete: boolean }>;
  /**
   * The facts that decide a jurisdiction's prohibition, counts and statistics on the day, as the
   * latest versions say: in each figure group, the latest fact that may have started, the latest
   * certainly started and the one still possibly started, those ending on the day, the earliest
   * prohibitions; and the latest exits and those not certainly in force.
   */
  figureCandidateIds(filter: FigureFilter): Promise<readonly string[]>;
  /** the jurisdictions with a fact certainly started by the day */
  jurisdictionsWithStarted(filter: StartedFilter): Promise<ReadonlySet<string>>;
  /** exits of these jurisdictions not started by the day whose announcement may have been made by then */
  announcedExitIds(jurisdictions: readonly string[], exitKind: string, day: string): Promise<readonly string[]>;
  /** log position the read models include (the projector's checkpoint), null before the first event */
  projectedPosition(): Promise<bigint | null>;
}

const iso = (instant: DateTime): string => instant.toUTC().toISO() as string;

/**
 * The fact's content with its source parsed on first read: a query folds thousands of facts and
 * shows a page of them, and the sources (quotes, titles) are most of the bytes.
 */
function withLazySource(data: object, sourceText: string): FactData {
  let source: FactSource | undefined;
  return Object.defineProperty(data, 'source', {
    enumerable: true, configurable: true,
    get: () => (source ??= JSON.parse(sourceText) as FactSource),
  }) as FactData;
}

/** The columns a history is built from (the others repeat what `data` holds, for the indexes). */
const HISTORY_COLUMNS = [
  'fact_id', 'notice_id', 'recorded_position', 'recorded_at', 'actor', 'retracted', 'data', 'source', 'change_id', 'change_reason',
] as const;
type HistoryRow = Pick<FactRow, (typeof HISTORY_COLUMNS)[number]>;

/** Rows of one fact, in recorded order -> its history as the domain folds it. */
function historyOf(rows: readonly HistoryRow[]): FactHistory {
  const first = rows[0] as HistoryRow;
  const versions: FactVersion[] = [];
  let retraction: FactRetraction | null = null;
  for (const row of rows) {
    const mark = { position: Number(row.recorded_position), recordedAt: row.recorded_at, actor: row.actor };
    if (row.retracted) {
      retraction = { ...mark, retractionId: row.change_id ?? '', reason: row.change_reason ?? '' };
      continue;
    }
    const content = withLazySource(JSON.parse(row.data) as object, row.source);
    versions.push({ ...mark, origin: versions.length === 0 ? 'original' : 'correction', content,
      reason: row.change_reason, correctionId: row.change_id });
  }
  return { factId: first.fact_id, noticeId: first.notice_id, notice: null, versions, retraction };
}

/** The TimelineReader over the read-model tables, the same SQL on SQLite and PostgreSQL. */
export class KyselyTimelineReader implements TimelineReader {
  constructor(private readonly db: Kysely<ReadModelDatabase>, private readonly projectorName: string) {}

  async factHistories(filter: FactFilter): Promise<FactHistory[]> {
    const recordedAt = filter.recordedAt === null ? null : iso(filter.recordedAt);
    // select the facts by any of their versions (index on jurisdiction and effective dates), then load every version
    let matching = this.db.selectFrom('facts').select('fact_id').distinct();
    if (filter.jurisdictions !== null) matching = matching.where('jurisdiction', 'in', [...filter.jurisdictions]);
    if (filter.startedBy !== null) {
      const day = filter.startedBy;
      matching = matching.where((eb) => eb.or([eb('effective_from', 'is', null), eb('effective_from', '<=', day)]));
    }
    if (filter.endsFrom) matching = matching.where('effective_to', '>=', filter.endsFrom);
    if (filter.kinds) matching = matching.where('kind', 'in', [...filter.kinds]);
    if (filter.factIds) {
      if (filter.factIds.length === 0) return [];
      matching = matching.where('fact_id', 'in', [...filter.factIds]);
    }
    const position = filter.recordedPosition ?? null;
    if (recordedAt !== null) matching = matching.where('recorded_at', '<=', recordedAt);
    if (position !== null) matching = matching.where('recorded_position', '<=', position);
    if (filter.institutionId !== undefined) {
      const id = filter.institutionId;
      matching = matching.where('fact_id', 'in', this.db.selectFrom('fact_parties').select('fact_id').where('institution_id', '=', id));
    }
    let rows = this.db.selectFrom('facts').select(HISTORY_COLUMNS).where('fact_id', 'in', matching);
    if (recordedAt !== null) rows = rows.where('recorded_at', '<=', recordedAt);
    if (position !== null) rows = rows.where('recorded_position', '<=', position);
    const found = await rows.orderBy('recorded_position').orderBy('retracted').execute();
    const byFact = new Map<string, HistoryRow[]>();
    for (const row of found) {
      const list = byFact.get(row.fact_id);
      if (list) list.push(row);
      else byFact.set(row.fact_id, [row]);
    }
    return [...byFact.values()].map(historyOf);
  }

  async searchInstitutions(query: string, limit: number): Promise<InstitutionRecord[]> {
    // LIKE wildcards in the text are dropped rather than escaped: SQLite and PostgreSQL escape differently
    const pattern = `%${query.toLowerCase().replace(/[\\%_]/g, '')}%`;
    const rows = await this.db.selectFrom('institutions').selectAll()
      .where((eb) => eb.or([
        eb(eb.fn('lower', ['name']), 'like', pattern),
        eb(eb.fn('lower', ['aliases']), 'like', pattern),
        eb(eb.fn('lower', ['institution_id']), 'like', pattern),
      ]))
      .orderBy('name').limit(limit).execute();
    return rows.map((row) => ({ id: row.institution_id, name: row.name, aliases: JSON.parse(row.aliases) as string[], jurisdiction: row.jurisdiction }));
  }

  async institution(id: string): Promise<InstitutionRecord | null> {
    const row = await this.db.selectFrom('institutions').selectAll().where('institution_id', '=', id).executeTakeFirst();
    return row ? { id: row.institution_id, name: row.name, aliases: JSON.parse(row.aliases) as string[], jurisdiction: row.jurisdiction } : null;
  }

  async institutionsIn(jurisdictions: readonly string[], page: ListPage): Promise<InstitutionsPage> {
    if (jurisdictions.length === 0) return { total: 0, institutions: [] };
    const located = this.db.selectFrom('institutions').where('jurisdiction', 'in', [...jurisdictions]);
    const counted = await located.select((eb) => eb.fn.countAll<number | string | bigint>().as('total')).executeTakeFirst();
    const shown = await located.selectAll().orderBy('name').orderBy('institution_id').limit(page.limit).offset(page.offset).execute();
    const links = shown.length === 0 ? [] : await this.db.selectFrom('fact_parties').select(['institution_id', 'fact_id'])
      .where('institution_id', 'in', shown.map((row) => row.institution_id)).orderBy('fact_id').execute();
    const factIds = new Map<string, string[]>();
    for (const link of links) factIds.set(link.institution_id, [...(factIds.get(link.institution_id) ?? []), link.fact_id]);
    return {
      total: Number(counted?.total ?? 0),
      institutions: shown.map((row) => ({ id: row.institution_id, name: row.name, aliases: JSON.parse(row.aliases) as string[],
        jurisdiction: row.jurisdiction, factIds: factIds.get(row.institution_id) ?? [] })),
    };
  }

  /** Latest versions of facts of the filter's kinds and places (the started-facts indexes cover every column read). */
  private latest(filter: StartedFilter, jurisdictions: readonly string[] | null = filter.jurisdictions) {
    let query = this.db.selectFrom('facts').where('superseded_position', 'is', null).where('retracted', '=', 0)
      .where('kind', 'in', [...filter.kinds]);
    if (jurisdictions !== null) query = query.where('jurisdiction', 'in', [...jurisdictions]);
    return query;
  }

  async countStarted(filter: StartedFilter): Promise<StartedCount> {
    const { day } = filter;
    const byJurisdiction = new Map<string, number>();
    const count = async (query: ReturnType<KyselyTimelineReader['latest']>) => {
      const rows = await query.select(['jurisdiction', (eb) => eb.fn.countAll<number | string | bigint>().as('n')]).groupBy('jurisdiction').execute();
      for (const row of rows) byJurisdiction.set(row.jurisdiction, (byJurisdiction.get(row.jurisdiction) ?? 0) + Number(row.n));
    };
    // ended before the day: certainly started; else started once its earliest day has come, or
    // with no earliest day ("on or before"), except where the announcement decides
    await count(this.latest(filter).where('effective_to', '<', day));
    await count(this.latest(filter).where('effective_to', '>=', day).where('effective_from', '<=', day));
    await count(this.latest(filter).where('effective_to', '>=', day).where('effective_from', 'is', null)
      .where('kind', '!=', filter.announcedKind));
    const undecided = await this.latest(filter).where('effective_to', '>=', day).where('effective_from', 'is', null)
      .where('kind', '=', filter.announcedKind).select('fact_id').execute();
    return { count: [...byJurisdiction.values()].reduce((sum, n) => sum + n, 0), byJurisdiction,
      undecidedIds: undecided.map((row) => row.fact_id) };
  }

  async firstStartedIds(filter: StartedFilter, limit: number): Promise<{ readonly factIds: readonly string[]; readonly complete: boolean }> {
    const { day } = filter;
    const mayHaveStarted = (query: ReturnType<KyselyTimelineReader['latest']>) => query.where((eb) => eb.or([
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
    // the first `limit`, and every fact sharing the last one's latest day (any place may have more of them)
    const last = (found[Math.min(limit, found.length) - 1] as { effective_to: string }).effective_to;
    const ties = await mayHaveStarted(this.latest(filter)).where('effective_to', '=', last).select('fact_id').execute();
    const ids = new Set(found.filter((row) => row.effective_to < last).map((row) => row.fact_id));
    for (const row of ties) ids.add(row.fact_id);
    return { factIds: [...ids], complete: false };
  }

  async figureCandidateIds(filter: FigureFilter): Promise<readonly string[]> {
    const { day, prohibitionKind, exitKind } = filter;
    // a version's place in latest-first order as one comparable text: latest day, earliest day, position, then its id
    const position = isPostgres(this.db) ? sql`lpad(cast(recorded_position as text), 19, '0')` : sql`printf('%019d', recorded_position)`;
    const key = sql<string>`effective_to || ' ' || coalesce(effective_from, '') || ' ' || ${position} || ' ' || fact_id`;
    const idOf = (text: string | null): string[] => (text === null ? [] : [text.slice(text.lastIndexOf(' ') + 1)]);
    const places = (eb: ExpressionBuilder<ReadModelDatabase, 'facts'>) => eb.or([
      eb('jurisdiction', 'in', [...filter.inside]),
      ...(filter.containing.length > 0 ? [eb.and([eb('jurisdiction', 'in', [...filter.containing]), eb('kind', '=', prohibitionKind)])] : []),
    ]);
    const current = this.db.selectFrom('facts').where('superseded_position', 'is', null).where('retracted', '=', 0)
      .where((eb) => eb.or([eb('effective_to', '<', day), eb('effective_from', '<=', day), eb('effective_from', 'is', null)]));
    // one pass over each group's index range: its latest started version, its latest ended one, a prohibition's first days
    const groups = await current.where('figure_group', 'is not', null).where(places)
      .select(['jurisdiction', 'kind', 'figure_group',
        sql<string | null>`max(${key})`.as('latest'),
        sql<string | null>`max(case when effective_to < ${day} then ${key} end)`.as('latest_ended'),
        sql<string | null>`min(case when effective_to < ${day} then effective_to end)`.as('first_ended'),
        sql<string | null>`min(case when effective_to >= ${day} then effective_to end)`.as('first_open')])
      .groupBy(['jurisdiction', 'kind', 'figure_group']).execute();
    const ids = new Set(groups.flatMap((group) => [...idOf(group.latest), ...idOf(group.latest_ended)]));
    const add = (rows: ReadonlyArray<{ fact_id: string }>) => rows.forEach((row) => ids.add(row.fact_id));
    // a prohibition answers with the earliest: every version starting a group's first day (the original order decides ties)
    const firsts = groups.filter((group) => group.kind === prohibitionKind)
      .flatMap((group) => [group.first_ended, group.first_open].flatMap((to) => (to === null ? [] : [{ ...group, to }])));
    if (firsts.length > 0) {
      add(await current.select('fact_id').where('kind', '=', prohibitionKind).where((eb) => eb.or(firsts.map((first) => eb.and([
        eb('jurisdiction', '=', first.jurisdiction), eb('figure_group', '=', first.figure_group as string), eb('effective_to', '=', first.to)])))).execute());
    }
    // those ending on the day (certain or not by the day's end), exits not certainly in force, the latest exits (and their ties)
    add(await current.select('fact_id').where('jurisdiction', 'in', [...filter.inside]).where('figure_group', 'is not', null)
      .where('effective_to', '=', day).execute());
    add(await current.select('fact_id').where('jurisdiction', 'in', [...filter.inside]).where('kind', '=', exitKind)
      .where('effective_to', '>=', day).execute());
    const withExits = filter.latestExitsOfEach
      ? groups.filter((group) => group.kind === exitKind).map((group) => [group.jurisdiction]) : [[...filter.inside]];
    for (const places of withExits) {
      const latestExits = await current.select(['fact_id', 'effective_to']).where('jurisdiction', 'in', places)
        .where('kind', '=', exitKind).orderBy('effective_to', 'desc').limit(filter.latestExits).execute();
      add(latestExits);
      const lastExit = latestExits.at(-1);
      if (lastExit && latestExits.length === filter.latestExits) {
        add(await current.select('fact_id').where('jurisdiction', 'in', places).where('kind', '=', exitKind)
          .where('effective_to', '=', lastExit.effective_to).execute());
      }
    }
    return [...ids];
  }

  async jurisdictionsWithStarted(filter: StartedFilter): Promise<ReadonlySet<string>> {
    const { day } = filter;
    const rows = await this.latest(filter).select('jurisdiction').distinct()
      .where((eb) => eb.or([eb('effective_to', '<', day), eb('effective_from', '<=', day),
        eb.and([eb('effective_from', 'is', null), eb('kind', '!=', filter.announcedKind)])]))
      .execute();
    return new Set(rows.map((row) => row.jurisdiction));
  }

  async announcedExitIds(jurisdictions: readonly string[], exitKind: string, day: string): Promise<readonly string[]> {
    const rows = await this.db.selectFrom('facts').select('fact_id')
      .where('superseded_position', 'is', null).where('retracted', '=', 0)
      .where('jurisdiction', 'in', [...jurisdictions]).where('kind', '=', exitKind).where('figure_group', '=', 'exit')
      .where('effective_from', '>', day)
      .where((eb) => eb.or([eb('announced_from', 'is', null), eb('announced_from', '<=', day)]))
      .execute();
    return rows.map((row) => row.fact_id);
  }

  async projectedPosition(): Promise<bigint | null> {
    const row = await this.db.selectFrom('checkpoints').select('commit').where('name', '=', this.projectorName).executeTakeFirst();
    return row ? BigInt(row.commit) : null;
  }
}
