import pg from 'pg';
import {
  WrongExpectedRevisionError,
  type AppendResult, type EventMetadata, type EventStore, type ExpectedRevision, type LogPosition, type LogRangeSource, type NewEvent,
  type ReadAllOptions, type RecordedEvent, type RecordedEventWithText, type SubscribeOptions, type Subscription,
} from '../event-store.js';
import { expectedRevisionMatches, originalAppendOf, validateAppend } from '../append-validation.js';
import { splitStoredMetadata } from '../canonical-event-text.js';
import { chainEvents, nextPrevHash } from '../event-hash.js';
import { logPages } from '../log-pages.js';
import { PolledSubscriptions } from '../polled-subscription.js';
import { LazyStoredEvent } from '../lazy-stored-event.js';
import { APPEND_LOCK, APPENDED_CHANNEL, ensureEventLog, EVENT_COLUMNS, type PostgresEventRow } from './postgres-schema.js';

export interface PostgresEventStoreOptions {
  /** connections of the pool; default 5 */
  readonly poolSize?: number;
  /** subscriptions read the log at least this often (ms), besides being woken by NOTIFY; default 500 */
  readonly pollIntervalMs?: number;
  /** readAll page size; default 1000 */
  readonly pageSize?: number;
}

const positionOfText = (text: string): LogPosition => {
  const commit = BigInt(text);
  return { commit, prepare: commit };
};

/** A row of the PostgreSQL log with its stored text. */
const storedEventOf = (row: PostgresEventRow): LazyStoredEvent => new LazyStoredEvent(
  { position: positionOfText(row.position), eventId: row.event_id, streamName: row.stream_name, revision: row.revision, type: row.type, recordedAt: row.recorded_at },
  { data: row.data, metadata: row.metadata },
);

/** The event as a plain RecordedEvent (parsed now: subscribers and readAll take it as it is). */
const toRecordedOf = (event: RecordedEventWithText): RecordedEvent => ({
  eventId: event.eventId, streamName: event.streamName, revision: event.revision, position: event.position,
  type: event.type, data: event.data, metadata: event.metadata, recordedAt: event.recordedAt,
});
const toRecorded = (row: PostgresEventRow): RecordedEvent => toRecordedOf(storedEventOf(row));

/** The hash the next event of a stream links to, from its last row's metadata text. */
const prevHashAfter = (lastMetadata: string | undefined): string =>
  lastMetadata === undefined
    ? nextPrevHash(undefined)
    : splitStoredMetadata(lastMetadata)?.hash ?? nextPrevHash({ metadata: JSON.parse(lastMetadata) as EventMetadata });

/**
 * The log in PostgreSQL (EVENTSTORE_CONNECTION_STRING=postgres://...): the many-machine store that
 * runs where KurrentDB cannot. Same semantics as the SQLite store (the contract suite runs on
 * both): appends are atomic and serialised by an advisory lock, so positions follow commit order;
 * idempotent by event id; the stored texts are the canonical ones the hash chain covers.
 * Subscriptions catch up by pages and are woken by NOTIFY from appends in any process, with a
 * poll as the backstop.
 */
export class PostgresEventStore implements EventStore {
  private readonly pollIntervalMs: number;
  private readonly pageSize: number;
  private readonly subscriptions: PolledSubscriptions;
  private listener: pg.Client | null = null;
  private closed = false;

  private constructor(private readonly pool: pg.Pool, private readonly connectionString: string, options: PostgresEventStoreOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.pageSize = options.pageSize ?? 1000;
    this.subscriptions = new PolledSubscriptions(async (after, limit) => (await this.readRows(after, limit)).map(toRecorded), this.pollIntervalMs);
  }

  /** Connects, creates the table if missing, and listens for other processes' appends. */
  static async open(connectionString: string, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
    const pool = new pg.Pool({ connectionString, max: options.poolSize ?? 5 });
    // a dropped idle connection must not crash the process: the pool replaces it
    pool.on('error', () => undefined);
    const store = new PostgresEventStore(pool, connectionString, options);
    try {
      await ensureEventLog(pool);
      await store.listen();
    } catch (error) {
      await store.close();
      throw new Error(`event store at EVENTSTORE_CONNECTION_STRING (PostgreSQL): ${(error as Error).message}`, { cause: error });
    }
    return store;
  }

  async append(streamName: string, events: readonly NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    this.assertOpen();
    validateAppend(events, options.expectedRevision);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK]);
      const result = await this.appendInTransaction(client, streamName, events, options.expectedRevision);
      if (!result.idempotent) await client.query(`NOTIFY ${APPENDED_CHANNEL}`);
      await client.query('COMMIT');
      if (!result.idempotent) this.subscriptions.appended();
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async appendInTransaction(client: pg.PoolClient, streamName: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const ids = events.map((event) => event.eventId);
    const known = (await client.query<{ event_id: string; stream_name: string; revision: number }>(
      'SELECT event_id, stream_name, revision FROM event_log WHERE event_id = ANY($1::text[])', [ids])).rows
      .map((row) => ({ eventId: row.event_id, streamName: row.stream_name, revision: row.revision }));
    const original = originalAppendOf(streamName, events, known);
    if (original) {
      const rows = (await client.query<PostgresEventRow>(
        `SELECT ${EVENT_COLUMNS} FROM event_log WHERE stream_name = $1 AND revision BETWEEN $2 AND $3 ORDER BY revision`,
        [streamName, original.firstRevision, original.firstRevision + events.length - 1])).rows;
      const recorded = rows.map(toRecorded);
      const last = recorded[recorded.length - 1]!;
      return { nextRevision: last.revision, position: last.position, events: recorded, idempotent: true };
    }
    const lastRow = (await client.query<{ revision: number; metadata: string }>(
      'SELECT revision, metadata FROM event_log WHERE stream_name = $1 ORDER BY revision DESC LIMIT 1', [streamName])).rows[0];
    const actual = lastRow?.revision ?? -1;
    if (!expectedRevisionMatches(expected, actual)) throw new WrongExpectedRevisionError(streamName, expected, actual);
    const head = (await client.query<{ head: string | null }>('SELECT MAX(position)::text AS head FROM event_log')).rows[0]?.head;
    const first = (head === null || head === undefined ? 0n : BigInt(head)) + 1n;
    const recordedAt = new Date().toISOString();
    const chained = chainEvents(streamName, actual + 1, prevHashAfter(lastRow?.metadata), events);
    const recorded = chained.map((event, i): RecordedEvent => ({
      eventId: event.eventId, streamName, revision: actual + 1 + i, position: { commit: first + BigInt(i), prepare: first + BigInt(i) },
      type: event.type, data: event.data, metadata: event.metadata, recordedAt,
    }));
    // one INSERT of every event, their texts as the hash chain covers them
    await client.query(
      `INSERT INTO event_log (${EVENT_COLUMNS})
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[])`,
      [recorded.map((event) => event.position.commit.toString()), recorded.map((event) => event.eventId), recorded.map(() => streamName),
        recorded.map((event) => event.revision), recorded.map((event) => event.type), chained.map((event) => event.stored.data),
        chained.map((event) => event.stored.metadata), recorded.map(() => recordedAt)],
    );
    const last = recorded[recorded.length - 1]!;
    return { nextRevision: last.revision, position: last.position, events: recorded, idempotent: false };
  }

  async readStream(streamName: string): Promise<RecordedEvent[]> {
    this.assertOpen();
    const rows = (await this.pool.query<PostgresEventRow>(`SELECT ${EVENT_COLUMNS} FROM event_log WHERE stream_name = $1 ORDER BY revision`, [streamName])).rows;
    return rows.map(toRecorded);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    for await (const page of this.readAllPagesWithText(options)) for (const event of page) yield toRecordedOf(event);
  }

  readAllPagesWithText(options: ReadAllOptions = {}): AsyncIterable<readonly RecordedEventWithText[]> {
    return logPages(async (after, limit) => (await this.readRows(after, limit)).map((row) => storedEventOf(row)), options, this.pageSize);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    this.assertOpen();
    return this.subscriptions.subscribe(options);
  }

  async headPosition(): Promise<LogPosition | null> {
    this.assertOpen();
    const head = (await this.pool.query<{ head: string | null }>('SELECT MAX(position)::text AS head FROM event_log')).rows[0]?.head;
    return head === null || head === undefined ? null : positionOfText(head);
  }

  async eventAt(position: LogPosition): Promise<RecordedEvent | null> {
    this.assertOpen();
    const row = (await this.pool.query<PostgresEventRow>(`SELECT ${EVENT_COLUMNS} FROM event_log WHERE position = $1`, [position.commit.toString()])).rows[0];
    return row ? toRecorded(row) : null;
  }

  /** Not supported: the log is read over the network by the one thread that verifies it. */
  rangeReaderSource(): LogRangeSource | null {
    return null;
  }

  async ping(): Promise<void> {
    this.assertOpen();
    await this.pool.query('SELECT 1');
  }

  /** Stops the subscriptions (after their in-flight handlers), the listener and the pool. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.subscriptions.close();
    await this.listener?.end().catch(() => undefined);
    await this.pool.end();
  }

  /** A connection of its own that LISTENs: an append in any process wakes this process's subscriptions. */
  private async listen(): Promise<void> {
    const listener = new pg.Client({ connectionString: this.connectionString });
    // a lost listener only costs latency: the subscriptions' poll still sees every append
    listener.on('error', () => undefined);
    listener.on('notification', () => this.subscriptions.appended());
    await listener.connect();
    await listener.query(`LISTEN ${APPENDED_CHANNEL}`);
    this.listener = listener;
  }

  private async readRows(after: LogPosition | undefined, limit: number): Promise<PostgresEventRow[]> {
    this.assertOpen();
    return (await this.pool.query<PostgresEventRow>(`SELECT ${EVENT_COLUMNS} FROM event_log WHERE position > $1 ORDER BY position LIMIT $2`,
      [(after?.commit ?? 0n).toString(), limit])).rows;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('PostgreSQL event store is closed');
  }
}
