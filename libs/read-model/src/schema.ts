import Database from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, type ColumnType, type PostgresPool, type Selectable } from 'kysely';
import type { CheckpointsTable } from '../../consumers/src/index.js';
import { KeptStatementsSqliteDialect } from './sqlite-statement-cache.js';

/**
 * The read-model database, written once for SQLite (embedded default) and PostgreSQL.
 * Portable column types only: text, bigint, integer. JSON is stored as text, booleans as 0/1.
 *
 * Log positions: `*_position` columns hold the commit position of the event (SQLite: the log
 * row id; EventStoreDB: the $all commit position, shared only by the events of one atomic append).
 * Drivers return them as number (better-sqlite3), string (pg bigint) or bigint: read with BigInt().
 */
type Position = ColumnType<number | string | bigint, number | bigint, number | bigint>;
type NullablePosition = ColumnType<number | string | bigint | null, number | bigint | null, number | bigint | null>;

/**
 * One row per VERSION of a fact: the original, each correction, and the retraction (a copy of the
 * last version with retracted = 1). As recorded at position P, the visible version of a fact is
 * the row with `recorded_position <= P AND (superseded_position IS NULL OR superseded_position > P)`.
 */
export interface FactsTable {
  fact_id: string;
  notice_id: string;
  kind: string;
  jurisdiction: string;
  effective_text: string;
  effective_precision: string;
  /** ISO date, null when unbounded below ("../2020-06-30") */
  effective_from: string | null;
  /** ISO date, last day the effective date can mean */
  effective_to: string;
  published_from: string | null;
  published_to: string;
  recorded_position: Position;
  recorded_at: string;
  /** position of the event that replaced this version; null while it is current */
  superseded_position: NullablePosition;
  /** 0 or 1 */
  retracted: number;
  /** the fact's data as recorded, without its source (JSON) */
  data: string;
  /** FactSource (JSON) */
  source: string;
  /** the correction's or retraction's id; null for the original */
  change_id: string | null;
  /** the correction's or retraction's reason; null for the original */
  change_reason: string | null;
  /** who recorded this version (the API key's name), null when unknown */
  actor: string | null;
  /** the figure the fact competes for (domain figureGroupOf: `batch:2`, `total`, `metric|unit`...); null for none */
  figure_group: string | null;
  /** an exit's announcement: its earliest day (ISO), null for other kinds or when unbounded below */
  announced_from: string | null;
}

/** Another source reporting a fact (FactCorroborated), keyed like a version by (fact_id, recorded_position). */
export interface FactCorroborationsTable {
  fact_id: string;
  corroboration_id: string;
  recorded_position: Position;
  recorded_at: string;
  actor: string | null;
  /** FactSource (JSON) */
  source: string;
  /** the date the source gives the fact, a FuzzyDate (JSON); null when it gives none */
  effective: string | null;
  note: string | null;
}

/** A registered source document (DocumentRegistered), by the id sources cite in `source.document`. */
export interface DocumentsTable {
  document: string;
  title: string;
  language: string | null;
  /** SourceKind, when the registrar said */
  kind: string | null;
  /** hex SHA-256 of the text's UTF-8 bytes */
  sha256: string;
  text: string;
  recorded_position: Position;
  recorded_at: string;
}

/** Which institutions a fact names (the exiting institution, the bank, listed names). */
export interface FactPartiesTable {
  fact_id: string;
  institution_id: string;
}

export interface NoticesTable {
  notice_id: string;
  jurisdiction: string;
  authority: string;
  title: string;
  published_text: string;
  published_precision: string;
  published_from: string | null;
  published_to: string;
  language: string | null;
  /** NoticeSource (JSON) */
  source: string;
  /** fact ids in the order given (JSON array) */
  fact_ids: string;
  recorded_position: Position;
  recorded_at: string;
}

/** Named parties (institutions, banks) met in facts. */
export interface InstitutionsTable {
  institution_id: string;
  name: string;
  /** JSON array of strings */
  aliases: string;
  jurisdiction: string;
}

/** One piece of one fact's life on the asOf axis (libs/domain timeline/projection/contract.ts FactSpanRow). */
export interface FactSpansTable {
  fact_id: string;
  /** the fact's own jurisdiction */
  jurisdiction: string;
  kind: string;
  /** half-day keys: the piece holds K when from_key <= K < to_key */
  from_key: Position;
  to_key: Position;
  effective_latest: string;
  /** '' when unbounded below */
  effective_earliest: string;
  first_position: Position;
  /** JSON, opaque to the store */
  body: string;
  /** the body's `v` (FactSpanRow versionPosition; migration 0020) */
  version_position: Position | null;
  /** 1 when the body's `p` (possibly in force only), else 0 */
  possible: number;
  /** a StatisticReported piece's statistics-list key (counts.ts statisticListKey), else null */
  series_key: string | null;
}

/**
 * A ban span (BAN_KINDS) once per place it lies within (its own jurisdiction and each ancestor's):
 * the bans of a place with those inside it are one range of an index in answer order.
 */
export interface BanSpansTable {
  /** the span's own jurisdiction or one of its ancestors */
  within: string;
  /** the fact's own jurisdiction (whose projection writes the row) */
  jurisdiction: string;
  fact_id: string;
  from_key: Position;
  to_key: Position;
  effective_latest: string;
  effective_earliest: string;
  first_position: Position;
}

/** One piece of one place's own aggregates (PlaceSegmentRow); the pieces of a place are contiguous. */
export interface PlaceSegmentsTable {
  jurisdiction: string;
  from_key: Position;
  to_key: Position;
  /** JSON, opaque to the store */
  body: string;
}

/** The places whose projected rows are stale (their facts changed since): answers about them fold. */
export interface ProjectionDirtyTable {
  jurisdiction: string;
  /**
   * The half-day key from which the place's stored rows are stale (migration 0023): before it they
   * are the log's as the checkpoint stands (a live run's change reaches no earlier day), so a question
   * about an earlier day reads them. Null: stale throughout (a catch-up, a migration), computed whole.
   */
  stale_from: NullablePosition;
}

/** One row per processor of the log consumer (libs/consumers): the position of the last event whose effects are committed. */
export type { CheckpointsTable };

export interface ReadModelDatabase {
  facts: FactsTable;
  notices: NoticesTable;
  institutions: InstitutionsTable;
  fact_parties: FactPartiesTable;
  fact_corroborations: FactCorroborationsTable;
  documents: DocumentsTable;
  fact_spans: FactSpansTable;
  ban_spans: BanSpansTable;
  place_segments: PlaceSegmentsTable;
  projection_dirty: ProjectionDirtyTable;
  checkpoints: CheckpointsTable;
}

export type FactRow = Selectable<FactsTable>;
export type NoticeRow = Selectable<NoticesTable>;
export type InstitutionRow = Selectable<InstitutionsTable>;

/** The tables the projector owns, emptied by a rebuild. */
export const READ_MODEL_TABLES = [
  'facts', 'notices', 'institutions', 'fact_parties', 'fact_corroborations', 'documents', 'fact_spans', 'ban_spans', 'place_segments',
  'projection_dirty',
] as const;

export interface SqliteReadModelOptions {
  /** wait this long for another connection's write lock (ms); default 5000 */
  readonly busyTimeoutMs?: number;
  /** a reader beside the connection that writes (an answer worker): the file must exist, nothing is written */
  readonly readonly?: boolean;
  /** the connection's page cache (MiB); default SQLITE_CACHE_KIB (16 MiB: the projector's) */
  readonly cacheMb?: number;
}

/**
 * SQLite page cache of a read-model connection (KiB; SQLite's default is 2000): a catch-up batch
 * dirties pages of every table and index, which then stay in memory until the commit.
 */
export const SQLITE_CACHE_KIB = 16_384;

/** Opens (creating if missing) a SQLite read-model file: WAL, synchronous=NORMAL (the log is the durable copy). */
export function openSqliteReadModel(path: string, options: SqliteReadModelOptions = {}): Kysely<ReadModelDatabase> {
  const database = options.readonly ? new Database(path, { readonly: true, fileMustExist: true }) : new Database(path);
  try {
    if (path !== ':memory:' && !options.readonly) database.pragma('journal_mode = WAL');
    // NORMAL, not FULL: in WAL mode a commit stays atomic (rows and checkpoint together), and what
    // a power cut could lose is only the last few projected events, re-projected from the log
    if (!options.readonly) database.pragma('synchronous = NORMAL');
    database.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    database.pragma(`cache_size = -${options.cacheMb === undefined ? SQLITE_CACHE_KIB : Math.trunc(options.cacheMb * 1024)}`);
  } catch (error) {
    database.close();
    throw error;
  }
  return new Kysely<ReadModelDatabase>({ dialect: new KeptStatementsSqliteDialect(database) });
}

/** PostgreSQL read model over a node-postgres compatible pool (`new Pool({ connectionString })`). */
export function postgresReadModel(pool: PostgresPool | (() => Promise<PostgresPool>)): Kysely<ReadModelDatabase> {
  return new Kysely<ReadModelDatabase>({ dialect: new PostgresDialect({ pool }) });
}

/** Whether a read-model connection (or transaction) is PostgreSQL: a few statements differ. */
export const isPostgres = (db: Kysely<any>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/** A log position as a driver parameter: a number while it is exact, else the bigint. */
export const positionParam = (position: bigint): number | bigint =>
  position <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(position) : position;
