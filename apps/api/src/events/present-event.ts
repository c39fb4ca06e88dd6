import { decodeOwnEvent } from '../../../../libs/domain/src/index.js';
import { positionToJson, type RecordedEvent } from '../../../../libs/event-store/src/index.js';

export interface PresentedEvent {
  readonly position: number | string;
  readonly eventId: string;
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
}

/** An event as the HTTP API shows it: the store's record time and the fact's source in the metadata. */
export function presentEvent(event: RecordedEvent): PresentedEvent {
  const { requestHash: _hash, ...metadata } = event.metadata;
  const decoded = decodeOwnEvent(event);
  // a correction carries its source inside `corrected`; an event not ours has none we know of
  const source = decoded !== null && 'source' in decoded.data ? decoded.data.source ?? null : null;
  return {
    position: positionToJson(event.position),
    eventId: event.eventId,
    stream: event.streamName,
    revision: event.revision,
    type: event.type,
    data: event.data,
    metadata: { ...metadata, recordedAt: event.recordedAt, source },
  };
}
