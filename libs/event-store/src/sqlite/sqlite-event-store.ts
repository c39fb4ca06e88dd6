import Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import {
  positionOf,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type LogPosition,
  type NewEvent,
  type ReadAllOptions,
  type RecordedEvent,
  type RecordedEventWithText,
  type LogRangeSource,
  type StreamAppend,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.js';
import { expectedRevisionMatches, originalAppendOf, validateAppend } from '../append-validation.js';
import { splitStoredMetadata } from '../canonical-event-text.js';
import { chainEvents, nextPrevHash } from '../event-hash.js';
import { applyPragmas, ensureSchema, EVENT_COLUMNS, type EventRow } from './sqlite-schema.js';
import { AUDIT_COLUMNS, SqliteStoredEvent, type AuditRow } from './sqlite-stored-event.js';
import { logPages } from '../log-pages.js';
import { PolledSubscriptions } from '../polled-subscription.js';
import { GroupCommit, type UnitOutcome } from './group-commit.js';

export interface SqliteEventStoreOptions {
  /** wait this long for another connection's write lock (ms); default 5000 */
  readonly busyTimeoutMs?: number;
  /** subscriptions poll the file this often to see other processes' appends (ms); default 150 */
  readonly pollIntervalMs?: number;
  /** readAll page size; default 1000 */
  readonly pageSize?: number;
}

const toRecorded = (row: EventRow): RecordedEvent => ({
  eventId: row.event_id,
  streamName: row.stream_name,
  revision: row.revision,
  position: positionOf(row.position),
  type: row.type,
  data: JSON.parse(row.data) as unknown,
  metadata: JSON.parse(row.metadata) as EventMetadata,
  recordedAt: row.recorded_at,
});

/** The hash the next event of a stream links to, from its last row's metadata text (parsed only for rows of another shape). */
const prevHashAfter = (lastMetadata: string | undefined): string =>
  lastMetadata === undefined
    ? nextPrevHash(undefined)
    : splitStoredMetadata(lastMetadata)?.hash ?? nextPrevHash({ metadata: JSON.parse(lastMetadata) as EventMetadata });

type KnownEventRow = Pick<EventRow, 'event_id' | 'position' | 'stream_name' | 'revision'>;

/** The position as a SQLite integer parameter; positions never exceed 2^63 (a bigint binds exactly). */
const afterParam = (after: LogPosition | undefined): bigint => (after ? after.commit : 0n);

/**
 * Embedded event store: one SQLite file (WAL, synchronous=FULL), one `events` table.
 * Several processes may open the same file; writes serialise on SQLite's write lock.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly pollIntervalMs: number;
  private readonly pageSize: number;
  private readonly subscriptions: PolledSubscriptions;
  private closed = false;
  /** the appends of one turn of the event loop, committed together (one fsync for all) */
  private readonly groupCommit: GroupCommit<readonly StreamAppend[], AppendResult[]>;
  private readonly stmt: {
    /** the rows of the event ids given as a JSON array: one lookup for an append's ids */
    byEventIds: Statement<[string], KnownEventRow>;
    lastEvent: Statement<[string], Pick<EventRow, 'revision' | 'metadata'>>;
    insert: Statement<[string, string, number, string, string, string, string]>;
    stream: Statement<[string], EventRow>;
    streamRange: Statement<[string, number, number], EventRow>;
    page: Statement<[bigint, number], EventRow>;
    auditPage: Statement<[bigint, number], AuditRow>;
    head: Statement<[], { position: number | null }>;
    at: Statement<[bigint], EventRow>;
  };

  constructor(readonly path: string, options: SqliteEventStoreOptions = {}) {
    this.pollIntervalMs = options.pollIntervalMs ?? 150;
    this.pageSize = options.pageSize ?? 1000;
    this.subscriptions = new PolledSubscriptions((after, limit) => this.readPage(after, limit), this.pollIntervalMs);
    this.db = new Database(path);
    try {
      applyPragmas(this.db, { busyTimeoutMs: options.busyTimeoutMs ?? 5000 });
      ensureSchema(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
    const select = `SELECT ${EVENT_COLUMNS} FROM events`;
    // a bare `LIMIT ?` makes SQLite prepare the statement again after each new binding; the cast does not
    const pageLimit = 'LIMIT CAST(? AS INTEGER)';
    this.stmt = {
      byEventIds: this.db.prepare(
        'SELECT event_id, position, stream_name, revision FROM events WHERE event_id IN (SELECT value FROM json_each(?))',
      ),
      lastEvent: this.db.prepare('SELECT revision, metadata FROM events WHERE stream_name = ? ORDER BY revision DESC LIMIT 1'),
      insert: this.db.prepare(
        'INSERT INTO events (event_id, stream_name, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      stream: this.db.prepare(`${select} WHERE stream_name = ? ORDER BY revision`),
      streamRange: this.db.prepare(`${select} WHERE stream_name = ? AND revision BETWEEN ? AND ? ORDER BY revision`),
      page: this.db.prepare(`${select} WHERE position > ? ORDER BY position ${pageLimit}`),
      auditPage: this.db.prepare<[bigint, number], AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM events WHERE position > ? ORDER BY position ${pageLimit}`)
        .raw(true) as Statement<[bigint, number], AuditRow>,
      head: this.db.prepare('SELECT MAX(position) AS position FROM events'),
      at: this.db.prepare(`${select} WHERE position = ?`),
    };
    // a unit (one append, or one appendMany) in a savepoint of its own: a refusal rolls back that unit alone
    const unit = this.db.transaction((appends: readonly StreamAppend[]) => appends.map((one) => this.appendInTransaction(one)));
    // prepared once: each group runs in its own BEGIN IMMEDIATE ... COMMIT
    const group = this.db.transaction((units: readonly (readonly StreamAppend[])[]) => units.map((appends): UnitOutcome<AppendResult[]> => {
      try {
        return { ok: true, result: unit(appends) };
      } catch (error) {
        // a failure SQLite answered by rolling back the whole transaction (I/O, full disk): the group fails as one
        if (!this.db.inTransaction) throw error;
        return { ok: false, error };
      }
    }));
    this.groupCommit = new GroupCommit((units) => {
      const outcomes = group.immediate(units);
      if (outcomes.some((outcome) => outcome.ok && outcome.result.some((result) => !result.idempotent))) this.subscriptions.appended();
      return outcomes;
    });
  }

  /** Opens (creating if missing) the store at `path`; `:memory:` gives a private in-memory store. */
  static open(path: string, options?: SqliteEventStoreOptions): Promise<SqliteEventStore> {
    return Promise.resolve().then(() => new SqliteEventStore(path, options));
  }

  async append(streamName: string, events: readonly NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    const [result] = await this.appendMany([{ streamName, events, expectedRevision: options.expectedRevision }]);
    return result!;
  }

  /**
   * Several streams' appends in ONE durable transaction: each checked as append() checks it
   * (idempotency, expected revision, hash chain), in order (a later append to the same stream sees
   * the earlier one), and all written or none (the first refusal throws and rolls everything back).
   * Resolves once the transaction is committed; results in the order given. Appends made in the same
   * turn of the event loop share that commit (GroupCommit), each keeping its own outcome.
   */
  async appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    this.assertOpen();
    for (const { events, expectedRevision } of appends) validateAppend(events, expectedRevision);
    if (appends.length === 0) return [];
    return this.groupCommit.submit(appends);
  }

  /** Sets this connection's page cache (KiB): bulk loads of random UUID keys keep the index in memory. */
  setPageCacheSize(kib: number): void {
    this.assertOpen();
    this.db.pragma(`cache_size = ${-Math.max(0, Math.floor(kib))}`);
  }

  private appendInTransaction({ streamName, events, expectedRevision: expected }: StreamAppend): AppendResult {
    const original = this.findIdempotentAppend(streamName, events);
    if (original) return original;
    // the stream's last event is read inside this (immediate) transaction: its hash is the next prevHash
    const lastRow = this.stmt.lastEvent.get(streamName);
    const actual = lastRow?.revision ?? -1;
    if (!expectedRevisionMatches(expected, actual)) throw new WrongExpectedRevisionError(streamName, expected, actual);
    const recordedAt = new Date().toISOString();
    const recorded = chainEvents(streamName, actual + 1, prevHashAfter(lastRow?.metadata), events).map((event, i): RecordedEvent => {
      const revision = actual + 1 + i;
      // data and metadata stored as their canonical texts (links last): verify hashes them without parsing
      const info = this.stmt.insert.run(event.eventId, streamName, revision, event.type, event.stored.data, event.stored.metadata, recordedAt);
      return {
        eventId: event.eventId,
        streamName,
        revision,
        position: positionOf(info.lastInsertRowid),
        type: event.type,
        data: event.data,
        metadata: event.metadata,
        recordedAt,
      };
    });
    const last = recorded[recorded.length - 1]!;
    return { nextRevision: last.revision, position: last.position, events: recorded, idempotent: false };
  }

  /** The original result when these events were appended already (see originalAppendOf). */
  private findIdempotentAppend(streamName: string, events: readonly NewEvent[]): AppendResult | null {
    const known = this.stmt.byEventIds.all(JSON.stringify(events.map((event) => event.eventId)))
      .map((row) => ({ eventId: row.event_id, streamName: row.stream_name, revision: row.revision }));
    const original = originalAppendOf(streamName, events, known);
    if (!original) return null;
    const recorded = this.stmt.streamRange.all(streamName, original.firstRevision, original.firstRevision + events.length - 1).map(toRecorded);
    const last = recorded[recorded.length - 1]!;
    return { nextRevision: last.revision, position: last.position, events: recorded, idempotent: true };
  }

  async readStream(streamName: string): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.stmt.stream.all(streamName).map(toRecorded);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    for await (const page of logPages((after, limit) => this.readPage(after, limit), options, this.pageSize)) yield* page;
  }

  /** readAll in pages, each event with its stored text; data and metadata are parsed only if asked for. */
  readAllPagesWithText(options: ReadAllOptions = {}): AsyncIterable<readonly RecordedEventWithText[]> {
    // rows as arrays, the data as its stored bytes: no object per row, no UTF-8 decoding for the hash
    return logPages((after, limit) => {
      this.assertOpen();
      return this.stmt.auditPage.all(afterParam(after), limit).map((row) => new SqliteStoredEvent(row));
    }, options, this.pageSize);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    this.assertOpen();
    return this.subscriptions.subscribe(options);
  }

  onAppend(listener: () => void): () => void {
    return this.subscriptions.onAppend(listener);
  }

  appendedElsewhere(): void {
    if (!this.closed) this.subscriptions.appended();
  }

  async headPosition(): Promise<LogPosition | null> {
    this.assertOpen();
    const head = this.stmt.head.get()?.position;
    return head === null || head === undefined ? null : positionOf(head);
  }

  async eventAt(position: LogPosition): Promise<RecordedEvent | null> {
    this.assertOpen();
    const row = this.stmt.at.get(position.commit);
    return row ? toRecorded(row) : null;
  }

  /** PRAGMA quick_check of the file (every b-tree page; reads the whole file): [] when sound, else the findings. */
  async quickCheck(): Promise<string[]> {
    this.assertOpen();
    try {
      const rows = this.db.pragma('quick_check') as Array<{ quick_check: string }>;
      const findings = rows.map((row) => row.quick_check);
      return findings.length === 1 && findings[0] === 'ok' ? [] : findings;
    } catch (error) {
      return [error instanceof Error ? error.message : String(error)];
    }
  }

  /** the file, for a checker thread's own read-only connection; none for an in-memory store */
  rangeReaderSource(): LogRangeSource | null {
    return this.path === ':memory:' || this.path === '' ? null : { kind: 'sqlite', path: this.path };
  }

  async ping(): Promise<void> {
    this.assertOpen();
    this.db.prepare('SELECT 1').get();
  }

  /** Stops the subscriptions (after their in-flight handlers) and closes the file. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // the appends already submitted are committed (and answered) before the file closes
    this.groupCommit.flush();
    await this.subscriptions.close();
    this.db.close();
  }

  private readPage(after: LogPosition | undefined, limit: number): RecordedEvent[] {
    this.assertOpen();
    return this.stmt.page.all(afterParam(after), limit).map(toRecorded);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`SQLite event store ${this.path} is closed`);
  }
}
