/**
 * The event store port. Three adapters implement it: SQLite (embedded default), PostgreSQL and
 * EventStoreDB / KurrentDB. One contract suite (test/contract) runs against all three.
 */

/**
 * Position in the global log. SQLite: commit = prepare = the row's autoincrement id.
 * EventStoreDB: the $all commit and prepare positions (bigint at the client boundary).
 * Positions are strictly increasing in log order.
 */
export interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** Expected revision of the stream when appending (revision = 0-based index of its last event). */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | number;

export interface EventMetadata {
  /** who recorded it: the API key's name, or "seed" */
  readonly actor?: string;
  /** the command or idempotency key that caused it */
  readonly causationId?: string;
  readonly correlationId?: string;
  /** SHA-256 of the request that caused it, to recognise a reused idempotency key */
  readonly requestHash?: string;
  readonly [key: string]: unknown;
}

export interface NewEvent<Data = unknown> {
  /** UUID; appending an event id already in the stream is an idempotent no-op */
  readonly eventId: string;
  readonly type: string;
  readonly data: Data;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent<Data = unknown> {
  readonly eventId: string;
  readonly streamName: string;
  readonly revision: number;
  readonly position: LogPosition;
  readonly type: string;
  readonly data: Data;
  readonly metadata: EventMetadata;
  /** the store's clock when it appended the event, ISO 8601 UTC */
  readonly recordedAt: string;
}

export interface AppendResult {
  /** revision of the stream's last event after the append */
  readonly nextRevision: number;
  /** position of the last appended event */
  readonly position: LogPosition;
  readonly events: readonly RecordedEvent[];
  /** true when every event id was already in the stream: nothing new was written */
  readonly idempotent: boolean;
}

/** A recorded event that also carries its data and metadata as the exact text stored (SQLite). */
export interface RecordedEventWithText extends RecordedEvent {
  readonly storedText: {
    readonly data: string;
    readonly metadata: string;
    /** the data text's UTF-8 bytes as stored (the audit hashes them without decoding) */
    readonly dataBytes?: Uint8Array;
  };
}

/** Where a log can be opened for reading by ranges in another thread (plain data: sent to a worker). */
export type LogRangeSource = { readonly kind: 'sqlite'; readonly path: string };

/**
 * A row of the log as the audit's checker reads a whole range: what the chain walk and the hash
 * need, the data as its stored UTF-8 bytes; no recorded time, nothing parsed, no object per event.
 */
export type StoredRow = readonly [position: number | bigint, eventId: string, streamName: string, revision: number, type: string,
  data: Uint8Array, metadata: string];

/** A read-only reader of the stored log by ranges of positions, each event with its stored text. */
export interface LogRangeReader {
  /** the events at positions `after` < position <= `upTo`, in position order */
  readRange(after: bigint, upTo: bigint): RecordedEventWithText[];
  /** the same rows raw (checkStoredRow checks them): reading rows was most of verify's time */
  readRangeRows(after: bigint, upTo: bigint): StoredRow[];
  close(): void;
}

/** One stream's part of a group append (SqliteEventStore.appendMany). */
export interface StreamAppend {
  readonly streamName: string;
  readonly events: readonly NewEvent[];
  readonly expectedRevision: ExpectedRevision;
}

export interface ReadAllOptions {
  /** exclusive: events strictly after this position; absent = from the start */
  readonly after?: LogPosition;
  readonly limit?: number;
}

export interface SubscribeOptions {
  /** exclusive: deliver events strictly after this position; absent = from the start */
  readonly after?: LogPosition;
  /** called in log order, one at a time (the next waits for the promise) */
  readonly onEvent: (event: RecordedEvent) => Promise<void> | void;
  /** the subscription could not resume; it has stopped */
  readonly onError?: (error: Error) => void;
}

export interface Subscription {
  close(): Promise<void>;
}

export interface EventStore {
  /** appends atomically: all events or none */
  append(streamName: string, events: readonly NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult>;
  /** the stream's events in revision order; [] when the stream does not exist */
  readStream(streamName: string): Promise<RecordedEvent[]>;
  /** the whole log in position order, in pages; iterate to the end */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /**
   * Optional: readAll in pages, each event with its stored text, so the audit hashes it without
   * parsing (SQLite). Stores without it (EventStoreDB) are verified on their parsed events.
   */
  readAllPagesWithText?(options?: ReadAllOptions): AsyncIterable<readonly RecordedEventWithText[]>;
  /** catch up from a position, then follow live appends until closed */
  subscribeToAll(options: SubscribeOptions): Subscription;
  /** position of the last event in the log, null when empty */
  headPosition(): Promise<LogPosition | null>;
  /**
   * Optional: the event recorded exactly at `position`, null when none is (SQLite). The read
   * model checks with it, at start, that the log is still the one it was built from.
   */
  eventAt?(position: LogPosition): Promise<RecordedEvent | null>;
  /**
   * Optional: where another thread opens its own read-only reader of this log
   * (openLogRangeReader), as plain data it can be sent. SQLite: the file; null for an in-memory
   * log (no file to open). Not supported by EventStoreDB: its log is read over the network by the
   * one thread that verifies it.
   */
  rangeReaderSource?(): LogRangeSource | null;
  /**
   * Optional (SQLite): calls `listener` after each append committed through this instance, so a
   * reader on another connection (the embedded projector's thread) is told at once, not at its
   * next poll. Returns the un-listen function.
   */
  onAppend?(listener: () => void): () => void;
  /** Optional (SQLite): another connection appended (it said so): this instance's subscriptions read again now. */
  appendedElsewhere?(): void;
  /** readiness: resolves when the store answers */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    /** revision found, -1 when the stream does not exist */
    readonly actual: number,
  ) {
    super(`stream ${streamName}: expected revision ${String(expected)}, found ${actual === -1 ? 'no stream' : actual}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** An event id reused for a different event (other stream, or mixed with new ids). */
export class DuplicateEventIdError extends Error {
  constructor(readonly eventId: string) {
    super(`event id ${eventId} is already recorded elsewhere`);
    this.name = 'DuplicateEventIdError';
  }
}

export const positionOf = (n: bigint | number): LogPosition => {
  const position = BigInt(n);
  return { commit: position, prepare: position };
};

/** Cursor text for HTTP: "42" when commit = prepare, else "commit-prepare". */
export const formatPosition = (position: LogPosition): string =>
  position.commit === position.prepare ? String(position.commit) : `${position.commit}-${position.prepare}`;

export function parsePosition(text: string): LogPosition | null {
  const match = /^(\d{1,20})(?:-(\d{1,20}))?$/.exec(text.trim());
  if (!match) return null;
  const commit = BigInt(match[1] as string);
  return { commit, prepare: match[2] === undefined ? commit : BigInt(match[2]) };
}

export const comparePositions = (a: LogPosition, b: LogPosition): number =>
  a.commit === b.commit ? Number(a.prepare - b.prepare) : a.commit < b.commit ? -1 : 1;

/** JSON-safe position: a number while it fits, else the cursor text. */
export const positionToJson = (position: LogPosition): number | string =>
  position.commit === position.prepare && position.commit <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(position.commit)
    : formatPosition(position);
