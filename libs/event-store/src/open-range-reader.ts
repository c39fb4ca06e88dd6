import type { LogRangeReader, LogRangeSource } from './event-store.js';
import { openSqliteRangeReader } from './sqlite/sqlite-range-reader.js';

/** Opens, in the calling thread, a reader of the log a store named with rangeReaderSource(). */
export function openLogRangeReader(source: LogRangeSource): LogRangeReader {
  switch (source.kind) {
    case 'sqlite':
      return openSqliteRangeReader(source.path);
  }
}
