import { SqliteEventStore, type EventStore } from '../../libs/event-store/src/index.js';
import { type CorpusAppend, type CorpusOptions, type CorpusReport, generateCorpus } from './generate.js';

/** Events per group append when bulk loading a SQLite store. */
const BULK_GROUP = 2_000;
/** Page cache for the bulk load: random (UUID) keys spread index inserts over the whole B-tree. */
const BULK_CACHE_KIB = 256 * 1024;

/**
 * Writes the corpus into a store through the port's append; returns what was written.
 *
 * Every event goes through the store's append checks (idempotency, expected revision, hash chain).
 * On the SQLite adapter the appends are grouped by SqliteEventStore.appendMany, ~2,000 events per
 * transaction: one fsync per group instead of one per notice, so generation is bound by CPU, not by
 * the disk. A crash loses at most the open group; running again with the same seed completes the
 * log (appends already there are no-ops).
 */
export async function writeCorpus(store: EventStore, options: CorpusOptions): Promise<CorpusReport> {
  const bulk = store instanceof SqliteEventStore ? store : null;
  bulk?.setPageCacheSize(BULK_CACHE_KIB);
  const started = performance.now();
  const total = Math.max(0, Math.floor(options.events));
  let events = 0;
  let notices = 0;
  let corrections = 0;
  let retractions = 0;
  let alreadyPresent = 0;
  let lastReport = 0;
  let group: CorpusAppend[] = [];
  let grouped = 0;

  const written = (append: CorpusAppend, idempotent: boolean) => {
    if (idempotent) alreadyPresent += 1;
    events += append.events.length;
    if (append.command === 'PublishNotice') notices += 1;
    else if (append.command === 'CorrectFact') corrections += 1;
    else retractions += 1;
    if (options.onProgress && (events - lastReport >= 1000 || events === total)) {
      lastReport = events;
      options.onProgress(events, total);
    }
  };
  const commitGroup = async () => {
    if (!bulk || group.length === 0) return;
    const results = await bulk.appendMany(
      group.map((append) => ({ streamName: append.stream, events: append.events, expectedRevision: append.expectedRevision })),
    );
    group.forEach((append, i) => written(append, results[i]!.idempotent));
    group = [];
    grouped = 0;
  };

  for (const append of generateCorpus(options)) {
    if (!bulk) {
      const result = await store.append(append.stream, append.events, { expectedRevision: append.expectedRevision });
      written(append, result.idempotent);
      continue;
    }
    group.push(append);
    grouped += append.events.length;
    if (grouped >= BULK_GROUP) await commitGroup();
  }
  await commitGroup();
  return { events, notices, corrections, retractions, alreadyPresent, seconds: (performance.now() - started) / 1000 };
}
