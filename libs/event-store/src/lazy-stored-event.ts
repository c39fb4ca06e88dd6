import type { EventMetadata, LogPosition, RecordedEventWithText } from './event-store.js';

/**
 * A recorded event read with its stored text; data and metadata are parsed only when first asked
 * for (the audit's fast path hashes the text and never asks). The SQLite and PostgreSQL stores' rows.
 */
export abstract class LazyStoredEvent implements RecordedEventWithText {
  abstract readonly eventId: string;
  abstract readonly streamName: string;
  abstract readonly revision: number;
  abstract readonly position: LogPosition;
  abstract readonly type: string;
  abstract readonly recordedAt: string;
  abstract readonly storedText: { readonly data: string; readonly metadata: string };
  #parsed: { readonly data: unknown; readonly metadata: EventMetadata } | undefined;

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
