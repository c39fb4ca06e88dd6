/**
 * EventStoreDB / KurrentDB adapter (@eventstore/db-client v6, gRPC).
 *
 * What was run here: it type-checks, the module loads under Node ESM, and the contract suite
 * (test/contract) is wired to it in eventstoredb-event-store.int-spec.ts. What was NOT run: that
 * suite against a real server - there is no container engine or EventStoreDB on the development
 * machines. Set EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false) to run it.
 *
 * Semantics the port needs beyond the client:
 * - hash chain: each event's metadata carries hash and prevHash (libs/audit), linked to the
 *   stream's last event. So append reads the stream first (streams are one notice each: short),
 *   then appends at that exact revision; if another writer got in between, it reads and retries.
 * - idempotency: that read also finds a retry: all the ids already in the stream as one run give
 *   the original result with idempotent: true, as in SQLite. Not detected here (unlike SQLite):
 *   an id reused in another stream.
 * - $all reads skip system events client-side (the v6 client has no filter for readAll).
 */
import pkg from '@eventstore/db-client';
import type { EventStoreDBClient as Client, JSONType, ReadPosition } from '@eventstore/db-client';
import {
  DuplicateEventIdError,
  comparePositions,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type LogPosition,
  type NewEvent,
  type ReadAllOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.js';
import { chainEvents, nextPrevHash } from '../event-hash.js';
import { expectedRevisionMatches, validateAppend } from '../append-validation.js';
import { sameEventId, toEsdbExpectedRevision, toRecordedEvent } from './eventstoredb-mapping.js';
import { DEFAULT_RESUBSCRIBE_POLICY, EventStoreDbSubscription, type ResubscribePolicy } from './eventstoredb-subscription.js';

const { EventStoreDBClient, jsonEvent, START, END, BACKWARDS, FORWARDS, StreamNotFoundError, WrongExpectedVersionError } = pkg;

const PAGE_SIZE = 1000;
/** appends racing other writers of the same stream re-read and re-link this many times */
const MAX_APPEND_ATTEMPTS = 5;

/** The original result when every id is already in the stream as one run; the port's error on a partial overlap. */
function originalAppend(existing: readonly RecordedEvent[], events: readonly NewEvent[]): AppendResult | null {
  const found = events.map((event) => existing.findIndex((recorded) => sameEventId(recorded.eventId, event.eventId)));
  const start = found[0] ?? -1;
  if (start >= 0 && found.every((index, i) => index === start + i)) {
    const original = existing.slice(start, start + events.length);
    const last = original[original.length - 1]!;
    return { nextRevision: last.revision, position: last.position, events: original, idempotent: true };
  }
  const reused = found.findIndex((index) => index >= 0);
  if (reused >= 0) throw new DuplicateEventIdError(events[reused]!.eventId);
  return null;
}

export interface EventStoreDbEventStoreOptions {
  readonly resubscribe?: Partial<ResubscribePolicy>;
}

export class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions = new Set<EventStoreDbSubscription>();
  private readonly resubscribe: ResubscribePolicy;
  private closed = false;

  constructor(
    private readonly client: Client,
    options: EventStoreDbEventStoreOptions = {},
  ) {
    this.resubscribe = { ...DEFAULT_RESUBSCRIBE_POLICY, ...options.resubscribe };
  }

  /** e.g. esdb://localhost:2113?tls=false; the client connects lazily, use ping() for readiness */
  static fromConnectionString(connectionString: string, options?: EventStoreDbEventStoreOptions): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString), options);
  }

  async append(streamName: string, events: readonly NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    this.assertOpen();
    const expected = options.expectedRevision;
    validateAppend(events, expected);
    for (let attempt = 1; ; attempt++) {
      const existing = await this.readStream(streamName);
      const original = originalAppend(existing, events);
      if (original) return original;
      const last = existing[existing.length - 1];
      const actual = last?.revision ?? -1;
      if (!expectedRevisionMatches(expected, actual)) throw new WrongExpectedRevisionError(streamName, expected, actual);
      // EventStoreDB keeps data and metadata as its own JSON: the canonical texts chainEvents makes for
      // SQLite (event.stored) are not kept, so verify checks these events by the full canonicalize path
      const payload = chainEvents(streamName, actual + 1, nextPrevHash(last), events).map((event) =>
        jsonEvent({ id: event.eventId, type: event.type, data: event.data as JSONType, metadata: event.metadata as JSONType }),
      );
      let result;
      try {
        // exact revision, whatever the caller's mode: the hashes were linked to `last`
        result = await this.client.appendToStream(streamName, payload, { expectedRevision: toEsdbExpectedRevision(actual) });
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        result = { success: false } as const;
      }
      if (!result.success) {
        if (attempt < MAX_APPEND_ATTEMPTS) continue;
        throw new WrongExpectedRevisionError(streamName, expected, actual);
      }
      const next = Number(result.nextExpectedRevision);
      const recorded = await this.readRevisions(streamName, next - events.length + 1, events.length);
      if (recorded.length !== events.length || !recorded.every((event, i) => sameEventId(event.eventId, events[i]!.eventId))) {
        throw new Error(`EventStoreDB append to ${streamName} succeeded but its events could not be read back at revision ${next}`);
      }
      return { nextRevision: next, position: recorded[recorded.length - 1]!.position, events: recorded, idempotent: false };
    }
  }

  async readStream(streamName: string): Promise<RecordedEvent[]> {
    return this.readRevisions(streamName, 0, Number.MAX_SAFE_INTEGER);
  }

  private async readRevisions(streamName: string, from: number, count: number): Promise<RecordedEvent[]> {
    this.assertOpen();
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamName, { fromRevision: BigInt(from), maxCount: count, direction: FORWARDS })) {
        const event = toRecordedEvent(resolved);
        if (event) events.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    let after = options.after;
    let remaining = options.limit ?? Number.POSITIVE_INFINITY;
    let from: ReadPosition = after ?? START;
    while (remaining > 0) {
      let read = 0;
      let lastSeen: LogPosition | undefined;
      for await (const resolved of this.client.readAll({ fromPosition: from, maxCount: PAGE_SIZE, direction: FORWARDS })) {
        read += 1;
        if (resolved.event?.position) lastSeen = resolved.event.position;
        const event = toRecordedEvent(resolved);
        // a $all read from a position includes the event at it: `after` is exclusive
        if (!event || (after && comparePositions(event.position, after) <= 0)) continue;
        yield event;
        after = event.position;
        if (--remaining <= 0) return;
      }
      if (read < PAGE_SIZE || !lastSeen) return;
      from = lastSeen;
    }
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    this.assertOpen();
    const subscription = new EventStoreDbSubscription(this.client, options, this.resubscribe, (finished) =>
      this.subscriptions.delete(finished),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Last non-system event of $all: reads backwards from the end, skipping system events. */
  async headPosition(): Promise<LogPosition | null> {
    this.assertOpen();
    let from: ReadPosition = END;
    for (;;) {
      let read = 0;
      let lastSeen: LogPosition | undefined;
      for await (const resolved of this.client.readAll({ fromPosition: from, maxCount: 100, direction: BACKWARDS })) {
        read += 1;
        if (resolved.event?.position) lastSeen = resolved.event.position;
        const event = toRecordedEvent(resolved);
        if (event) return event.position;
      }
      if (read < 100 || !lastSeen) return null;
      from = lastSeen;
    }
  }

  /** Not supported: the log is read over the network, by the one thread that verifies it. */
  rangeReaderSource(): null {
    return null;
  }

  async ping(): Promise<void> {
    this.assertOpen();
    for await (const _ of this.client.readAll({ fromPosition: END, maxCount: 1, direction: BACKWARDS })) break;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('EventStoreDB event store is closed');
  }
}
