/**
 * EventStoreDB / KurrentDB adapter (@eventstore/db-client v6, gRPC).
 *
 * What was run here: it type-checks, the module loads under Node ESM, and the contract suite
 * (test/contract) is wired to it in eventstoredb-event-store.int-spec.ts. What was NOT run: that
 * suite against a real server - there is no container engine or EventStoreDB on the development
 * machines. Set EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false) to run it.
 *
 * Semantics the port needs beyond the client:
 * - idempotency: the server dedupes a retried append (same ids, same expected revision) and reports
 *   it without a log position; where it reports a conflict instead, the stream is read and, if all
 *   the ids are there as one run, the original result is returned with idempotent: true.
 *   Not detected here (unlike SQLite): an id reused in another stream, or reused with the correct
 *   exact revision (the server then writes it again).
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
import { validateAppend } from '../append-validation.js';
import { sameEventId, toEsdbExpectedRevision, toRecordedEvent } from './eventstoredb-mapping.js';
import { DEFAULT_RESUBSCRIBE_POLICY, EventStoreDbSubscription, type ResubscribePolicy } from './eventstoredb-subscription.js';

const { EventStoreDBClient, jsonEvent, START, END, BACKWARDS, FORWARDS, StreamNotFoundError, WrongExpectedVersionError } = pkg;

const PAGE_SIZE = 1000;

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
    const payload = events.map((event) =>
      jsonEvent({ id: event.eventId, type: event.type, data: (event.data ?? null) as JSONType, metadata: event.metadata ?? {} }),
    );
    let result;
    try {
      result = await this.client.appendToStream(streamName, payload, { expectedRevision: toEsdbExpectedRevision(expected) });
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) return this.resolveConflict(streamName, events, expected);
      throw error;
    }
    if (!result.success) return this.resolveConflict(streamName, events, expected);
    const last = Number(result.nextExpectedRevision);
    const recorded = await this.readRevisions(streamName, last - events.length + 1, events.length);
    if (recorded.length !== events.length || !recorded.every((event, i) => sameEventId(event.eventId, events[i]!.eventId))) {
      throw new Error(`EventStoreDB append to ${streamName} succeeded but its events could not be read back at revision ${last}`);
    }
    // a deduplicated (idempotent) append comes back without a log position
    return { nextRevision: last, position: recorded[recorded.length - 1]!.position, events: recorded, idempotent: result.position === undefined };
  }

  /** The server refused the append: the original result when it is a retry, else the port's errors. */
  private async resolveConflict(streamName: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const existing = await this.readStream(streamName);
    const found = events.map((event) => existing.findIndex((recorded) => sameEventId(recorded.eventId, event.eventId)));
    const start = found[0] ?? -1;
    if (start >= 0 && found.every((index, i) => index === start + i)) {
      const original = existing.slice(start, start + events.length);
      const last = original[original.length - 1]!;
      return { nextRevision: last.revision, position: last.position, events: original, idempotent: true };
    }
    const reused = found.findIndex((index) => index >= 0);
    if (reused >= 0) throw new DuplicateEventIdError(events[reused]!.eventId);
    const actual = existing.length > 0 ? existing[existing.length - 1]!.revision : -1;
    throw new WrongExpectedRevisionError(streamName, expected, actual);
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
