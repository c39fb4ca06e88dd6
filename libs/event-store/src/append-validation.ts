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
