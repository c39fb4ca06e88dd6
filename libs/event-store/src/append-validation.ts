import { DuplicateEventIdError, type ExpectedRevision, type NewEvent } from './event-store.js';

/** Argument checks shared by the adapters, before anything reaches the store. */
export function validateAppend(events: readonly NewEvent[], expected: ExpectedRevision): void {
  if (typeof expected === 'number' && (!Number.isSafeInteger(expected) || expected < -1)) {
    throw new RangeError(`expected revision must be an integer >= 0 (or -1 for no stream), got ${expected}`);
  }
  if (events.length === 0) throw new RangeError('append needs at least one event');
  const seen = new Set<string>();
  for (const event of events) {
    if (typeof event.eventId !== 'string' || event.eventId === '') throw new TypeError('every event needs an eventId');
    if (seen.has(event.eventId)) throw new DuplicateEventIdError(event.eventId);
    seen.add(event.eventId);
  }
}

/** Whether a stream whose last revision is `actual` (-1: no stream) satisfies `expected`. */
export function expectedRevisionMatches(expected: ExpectedRevision, actual: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === -1;
    case 'stream_exists':
      return actual >= 0;
    default:
      return expected === actual;
  }
}

/** Where an event id already stands in the log. */
export interface KnownEvent {
  readonly eventId: string;
  readonly streamName: string;
  readonly revision: number;
}

/**
 * Idempotency by event id, checked before the expected revision (as EventStoreDB does, so a retry
 * with a stale expected revision still gets its original result): none of the ids known -> null (a
 * new append); all of them in this stream as one contiguous run in the same order -> the revision
 * of the original's first event; any other overlap -> DuplicateEventIdError.
 */
export function originalAppendOf(streamName: string, events: readonly NewEvent[], known: readonly KnownEvent[]): { firstRevision: number } | null {
  if (known.length === 0) return null;
  const byId = new Map(known.map((row) => [row.eventId, row]));
  const found = events.map((event) => byId.get(event.eventId));
  const firstKnown = found.findIndex((row) => row !== undefined);
  const first = found[0];
  const isOriginal = first !== undefined
    && found.every((row, i) => row !== undefined && row.streamName === streamName && row.revision === first.revision + i);
  if (!isOriginal) {
    const culprit = found.findIndex((row) => row !== undefined && (row.streamName !== streamName || first === undefined));
    throw new DuplicateEventIdError(events[culprit === -1 ? firstKnown : culprit]!.eventId);
  }
  return { firstRevision: first.revision };
}
