import type { EventMetadata, RecordedEvent, RecordedEventWithText } from './event-store.js';

/** What a stored row says of its event, besides the data and metadata texts. */
export type StoredEventFields = Omit<RecordedEvent, 'data' | 'metadata'>;

/**
 * A recorded event read with its stored text; data and metadata are parsed only when first asked
 * for (the audit's fast path hashes the text and never asks). The SQLite and PostgreSQL stores' rows.
 */
export class LazyStoredEvent<Text extends RecordedEventWithText['storedText'] = RecordedEventWithText['storedText']> implements RecordedEventWithText {
  readonly eventId: string;
  readonly streamName: string;
  readonly revision: number;
  readonly position: RecordedEvent['position'];
  readonly type: string;
  readonly recordedAt: string;
  #parsed: { readonly data: unknown; readonly metadata: EventMetadata } | undefined;

  constructor(fields: StoredEventFields, readonly storedText: Text) {
    this.eventId = fields.eventId;
    this.streamName = fields.streamName;
    this.revision = fields.revision;
    this.position = fields.position;
    this.type = fields.type;
    this.recordedAt = fields.recordedAt;
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
