import { positionOf } from '../event-store.js';
import { LazyStoredEvent } from '../lazy-stored-event.js';

/** The columns the audit reads, as an array (a raw statement): the data as its stored UTF-8 bytes. */
export const AUDIT_COLUMNS = 'position, event_id, stream_name, revision, type, CAST(data AS BLOB), metadata, recorded_at';
/** The columns of a StoredRow (the checker's): the recorded time is neither hashed nor walked, so not read. */
export const CHECKED_COLUMNS = 'position, event_id, stream_name, revision, type, CAST(data AS BLOB), metadata';
export type AuditRow = readonly [position: number | bigint, eventId: string, streamName: string, revision: number, type: string,
  data: Buffer, metadata: string, recordedAt: string];

/** The stored texts of a row: the data kept as bytes, decoded only when asked for as text. */
class StoredText {
  #data: string | undefined;
  constructor(readonly dataBytes: Buffer, readonly metadata: string) {}

  get data(): string {
    this.#data ??= this.dataBytes.toString('utf8');
    return this.#data;
  }
}

/** A row of the SQLite log, its data kept as the stored bytes. */
export class SqliteStoredEvent extends LazyStoredEvent<StoredText> {
  constructor(row: AuditRow) {
    super({ position: positionOf(row[0]), eventId: row[1], streamName: row[2], revision: row[3], type: row[4], recordedAt: row[7] },
      new StoredText(row[5], row[6]));
  }
}
