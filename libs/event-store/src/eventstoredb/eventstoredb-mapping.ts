import pkg from '@eventstore/db-client';
import type { AllStreamResolvedEvent, AppendExpectedRevision, ResolvedEvent } from '@eventstore/db-client';
import type { EventMetadata, ExpectedRevision, LogPosition, RecordedEvent } from '../event-store.js';

// @eventstore/db-client is CommonJS: under Node ESM its default export is module.exports.
const { ANY, NO_STREAM, STREAM_EXISTS } = pkg;

/** Port expected revision -> client expected revision (bigint at the boundary; -1 means no stream). */
export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected === -1 ? NO_STREAM : BigInt(expected);
  }
}

/** Client expected revision back to the port's type (for error messages). */
export const fromEsdbRevision = (revision: bigint): number => {
  const n = Number(revision);
  if (!Number.isSafeInteger(n)) throw new RangeError(`stream revision ${revision} does not fit a JS number`);
  return n;
};

/** System events ($-prefixed types or streams) never leave the adapter. */
export const isSystemEvent = (event: { type: string; streamId: string }): boolean =>
  event.type.startsWith('$') || event.streamId.startsWith('$');

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/**
 * A client event -> the port's RecordedEvent, or null for what the port does not show
 * (resolved links without an event, system events). revision -> number, position -> bigint pair,
 * recordedAt from the server's `created` (millisecond precision in this client).
 */
export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | null {
  const event = resolved.event;
  if (!event || isSystemEvent(event)) return null;
  const position: LogPosition | undefined = event.position
    ? { commit: event.position.commit, prepare: event.position.prepare }
    : resolved.commitPosition !== undefined
      ? { commit: resolved.commitPosition, prepare: resolved.commitPosition }
      : undefined;
  if (!position) throw new Error(`EventStoreDB returned event ${event.id} of ${event.streamId} without a log position`);
  return {
    eventId: event.id,
    streamName: event.streamId,
    revision: fromEsdbRevision(event.revision),
    position,
    type: event.type,
    data: event.data as unknown,
    metadata: isPlainObject(event.metadata) ? (event.metadata as EventMetadata) : {},
    recordedAt: event.created.toISOString(),
  };
}

export const sameEventId = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
