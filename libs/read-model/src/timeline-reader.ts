import type { ExpressionBuilder, Expression, Kysely, SqlBool } from 'kysely';
import type { DateTime } from 'luxon';
import type {
  FactCorroboration, FactData, FactHistory, FactRetraction, FactSource, FactVersion, FuzzyDate, ListPage, StartWindow,
} from '../../domain/src/index.js';
import { SqlProjectionReader, type ProjectedStateReader } from './projection-reader.js';
import { isPostgres, type FactCorroborationsTable, type FactRow, type ReadModelDatabase } from './schema.js';
import type { Selectable, SelectQueryBuilder } from 'kysely';

type FactCorroborationsTableRow = Selectable<FactCorroborationsTable>;
/** The subquery choosing a filter's facts (their ids), shared by the versions and the corroborations read. */
type MatchingFacts = SelectQueryBuilder<ReadModelDatabase, 'facts', { fact_id: string }>;


export interface FactFilter {
  /** facts located in these jurisdictions; null = everywhere */
  readonly jurisdictions: readonly string[] | null;
  /** only facts that may have started by this calendar day (ISO; domain mayHaveStartedBy); null = any */
  readonly startedBy: string | null;
  /** only facts whose effective date may still be running on or after this day (ISO; domain mayRunFrom); null = any */
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

/** One page of a jurisdiction's institutions (by name) and how many there are in all. */
export interface InstitutionsPage {
  /** @asType integer */
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
  /** the window `page` (by name) of the institutions whose name, an alias or id contains the text */
  searchInstitutions(query: string, page: ListPage): Promise<InstitutionRecord[]>;
  institution(id: string): Promise<InstitutionRecord | null>;
  /** a page (by name) of the institutions located in these jurisdictions, with the ids of the facts that name them (none with factIds: false) */
  institutionsIn(jurisdictions: readonly string[], page: ListPage, options?: { readonly factIds: boolean }): Promise<InstitutionsPage>;
  /** log position the read models include (the projector's checkpoint), null before the first event */
  projectedPosition(): Promise<bigint | null>;
  /** the projected point-in-time state (latest knowledge), where the read models keep it */
  projectedState?(): ProjectedStateReader | null;
}

const iso = (instant: DateTime): string => instant.toUTC().toISO() as string;

type FactsExpressions = ExpressionBuilder<ReadModelDatabase, 'facts'>;
const EXIT: FactData['kind'] = 'InstitutionExitAnnounced';

/**
 * The domain's mayHaveStartedBy over the stored window (effective_from; an exit's announced_from,
 * null there when unbounded below, as StartWindow reads them): an absent lower bound is reached on
 * every day. test/read-model/started-by.int-spec.ts holds it equal to the rule on both dialects.
 */
const mayHaveStartedBySql = (eb: FactsExpressions, day: string): Expression<SqlBool> => eb.or([
  eb('effective_from', 'is', null), eb('effective_from', '<=', day),
  eb.and([eb('kind', '=', EXIT), eb.or([eb('announced_from', 'is', null), eb('announced_from', '<=', day)])]),
]);

/** The domain's mayRunFrom: the effective date's last day on or after `day`. */
const mayRunFromSql = (eb: FactsExpressions, day: string): Expression<SqlBool> => eb('effective_to', '>=', day);

/** StartWindow as the facts table stores it (what the rule in SQL reads). */
export const startWindowOfRow = (row: Pick<FactRow, 'kind' | 'effective_from' | 'effective_to' | 'announced_from'>): StartWindow => ({
  effectiveFrom: row.effective_from, effectiveTo: row.effective_to,
  announcement: row.kind === EXIT ? { from: row.announced_from } : null,
});

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

type CorroborationStored = Pick<FactCorroborationsTableRow, 'fact_id' | 'corroboration_id' | 'recorded_position' | 'recorded_at' | 'actor' | 'source' | 'effective' | 'note'>;

const corroborationOf = (row: CorroborationStored): FactCorroboration => ({
  position: Number(row.recorded_position), recordedAt: row.recorded_at, actor: row.actor, corroborationId: row.corroboration_id,
  source: JSON.parse(row.source) as FactSource, effective: row.effective === null ? null : JSON.parse(row.effective) as FuzzyDate, note: row.note,
});

/** Rows of one fact, in recorded order -> its history as the domain folds it. */
function historyOf(rows: readonly HistoryRow[], corroborations: readonly FactCorroboration[] = []): FactHistory {
  const first = rows[0] as HistoryRow;
  const versions: FactVersion[] = [];
  let retraction: FactRetraction | null = null;
  for (const row of rows) {
    // completed by Object.assign, not spread: slow on V8 11 (libs/domain recorded-fact.ts; a fold at 1M events ~1.5x faster)
    const mark = { position: Number(row.recorded_position), recordedAt: row.recorded_at, actor: row.actor };
    if (row.retracted) {
      retraction = Object.assign(mark, { retractionId: row.change_id ?? '', reason: row.change_reason ?? '' });
      continue;
    }
    const content = withLazySource(JSON.parse(row.data) as object, row.source);
    versions.push(Object.assign(mark, { origin: versions.length === 0 ? 'original' as const : 'correction' as const, content,
      reason: row.change_reason, correctionId: row.change_id }));
  }
  return { factId: first.fact_id, noticeId: first.notice_id, notice: null, versions, corroborations, retraction };
}

/** The TimelineReader over the read-model tables, the same SQL on SQLite and PostgreSQL. */
export class KyselyTimelineReader implements TimelineReader {
  private projection: SqlProjectionReader | null = null;

  constructor(private readonly db: Kysely<ReadModelDatabase>, private readonly projectorName: string) {}

  /**
   * `work` with a reader of one snapshot of the read models: every statement it runs sees the
   * read models as one commit of the projector left them, none made while it reads (an answer is
   * read in several statements, and the projector commits from another thread or process). A read
   * transaction: on SQLite (WAL) a deferred one, whose snapshot is taken by its first read; on
   * PostgreSQL REPEATABLE READ, READ ONLY. It holds its connection until `work` is done: a
   * connection answering one question at a time (an answer worker's) is the one to use.
   */
  inSnapshot<T>(work: (reader: KyselyTimelineReader) => Promise<T>): Promise<T> {
    const transaction = isPostgres(this.db) ? this.db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only') : this.db.transaction();
    return transaction.execute((snapshot) => work(new KyselyTimelineReader(snapshot, this.projectorName)));
  }

  projectedState(): ProjectedStateReader {
    return (this.projection ??= new SqlProjectionReader(this.db));
  }

  async factHistories(filter: FactFilter): Promise<FactHistory[]> {
    const recordedAt = filter.recordedAt === null ? null : iso(filter.recordedAt);
    // select the facts by any of their versions (index on jurisdiction and effective dates), then load every version
    // no place (the ancestors of the nation): no fact, and no `in ()`, which PostgreSQL refuses
    if (filter.jurisdictions !== null && filter.jurisdictions.length === 0) return [];
    let matching = this.db.selectFrom('facts').select('fact_id').distinct();
    if (filter.jurisdictions !== null) matching = matching.where('jurisdiction', 'in', [...filter.jurisdictions]);
    const { startedBy, endsFrom } = filter;
    if (startedBy !== null) matching = matching.where((eb) => mayHaveStartedBySql(eb, startedBy));
    if (endsFrom) matching = matching.where((eb) => mayRunFromSql(eb, endsFrom));
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
    const corroborations = byFact.size === 0 ? new Map<string, FactCorroboration[]>() : await this.corroborationsOf(matching, recordedAt, position);
    return [...byFact.values()].map((rows) => historyOf(rows, corroborations.get(rows[0]!.fact_id)));
  }

  /** The corroborating sources of the facts `matching` selects, recorded by the cut, in log order (one query). */
  private async corroborationsOf(matching: MatchingFacts, recordedAt: string | null, position: number | null): Promise<Map<string, FactCorroboration[]>> {
    let rows = this.db.selectFrom('fact_corroborations').selectAll().where('fact_id', 'in', matching);
    if (recordedAt !== null) rows = rows.where('recorded_at', '<=', recordedAt);
    if (position !== null) rows = rows.where('recorded_position', '<=', position);
    const found = new Map<string, FactCorroboration[]>();
    for (const row of await rows.orderBy('recorded_position').execute()) {
      const list = found.get(row.fact_id);
      if (list) list.push(corroborationOf(row));
      else found.set(row.fact_id, [corroborationOf(row)]);
    }
    return found;
  }

  async searchInstitutions(query: string, page: ListPage): Promise<InstitutionRecord[]> {
    // LIKE wildcards in the text are dropped rather than escaped: SQLite and PostgreSQL escape differently
    const pattern = `%${query.toLowerCase().replace(/[\\%_]/g, '')}%`;
    const rows = await this.db.selectFrom('institutions').selectAll()
      .where((eb) => eb.or([
        eb(eb.fn('lower', ['name']), 'like', pattern),
        eb(eb.fn('lower', ['aliases']), 'like', pattern),
        eb(eb.fn('lower', ['institution_id']), 'like', pattern),
      ]))
      .orderBy('name').orderBy('institution_id').limit(page.limit).offset(page.offset).execute();
    return rows.map((row) => ({ id: row.institution_id, name: row.name, aliases: JSON.parse(row.aliases) as string[], jurisdiction: row.jurisdiction }));
  }

  async institution(id: string): Promise<InstitutionRecord | null> {
    const row = await this.db.selectFrom('institutions').selectAll().where('institution_id', '=', id).executeTakeFirst();
    return row ? { id: row.institution_id, name: row.name, aliases: JSON.parse(row.aliases) as string[], jurisdiction: row.jurisdiction } : null;
  }

  async institutionsIn(jurisdictions: readonly string[], page: ListPage, options = { factIds: true }): Promise<InstitutionsPage> {
    if (jurisdictions.length === 0) return { total: 0, institutions: [] };
    const located = this.db.selectFrom('institutions').where('jurisdiction', 'in', [...jurisdictions]);
    const counted = await located.select((eb) => eb.fn.countAll<number | string | bigint>().as('total')).executeTakeFirst();
    const shown = await located.selectAll().orderBy('name').orderBy('institution_id').limit(page.limit).offset(page.offset).execute();
    const links = shown.length === 0 || !options.factIds ? [] : await this.db.selectFrom('fact_parties').select(['institution_id', 'fact_id'])
      .where('institution_id', 'in', shown.map((row) => row.institution_id)).orderBy('fact_id').execute();
    const factIds = new Map<string, string[]>();
    for (const link of links) factIds.set(link.institution_id, [...(factIds.get(link.institution_id) ?? []), link.fact_id]);
    return {
      total: Number(counted?.total ?? 0),
      institutions: shown.map((row) => ({ id: row.institution_id, name: row.name, aliases: JSON.parse(row.aliases) as string[],
        jurisdiction: row.jurisdiction, factIds: factIds.get(row.institution_id) ?? [] })),
    };
  }

  async projectedPosition(): Promise<bigint | null> {
    const row = await this.db.selectFrom('checkpoints').select('commit').where('name', '=', this.projectorName).executeTakeFirst();
    return row ? BigInt(row.commit) : null;
  }
}
