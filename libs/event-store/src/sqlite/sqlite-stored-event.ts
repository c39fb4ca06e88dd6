import { positionOf, type EventMetadata, type LogPosition, type RecordedEventWithText } from '../event-store.js';
import type { EventRow } from './sqlite-schema.js';

/**
 * A row read with its stored text; data and metadata are parsed only when first asked for
 * (the audit's fast path hashes the text and never asks).
 */
export class SqliteStoredEvent implements RecordedEventWithText {
  readonly eventId: string;
  readonly streamName: string;
  readonly revision: number;
  readonly position: LogPosition;
  readonly type: string;
  readonly recordedAt: string;
  readonly storedText: { readonly data: string; readonly metadata: string };
  #parsed: { readonly data: unknown; readonly metadata: EventMetadata } | undefined;

  constructor(row: EventRow) {
    this.eventId = row.event_id;
    this.streamName = row.stream_name;
    this.revision = row.revision;
    this.position = positionOf(row.position);
    this.type = row.type;
    this.recordedAt = row.recorded_at;
    this.storedText = { data: row.data, metadata: row.metadata };
  }

  get data(): unknown {
    return this.parsed().data;
  }

  get metadata(): EventMetadata {
    return this.parsed().metadata;
  }

  private parsed() {
    this.#parsed ??= { data: JSON.parse(this.storedText.data) as unknown, metadata: JSON.parse(this.storedText.metadata) as EventMetadata };
    return this.#parsed;
  }
}
