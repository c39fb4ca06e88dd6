/**
 * Crash-test child (see sqlite-crash.int-spec.ts): appends "notices" to the SQLite file given as
 * argv[2] through the real adapter until it is killed. Each append writes k (2-6) events to a new
 * stream with expectedRevision 'no_stream'; k is in every event so a torn append is detectable.
 * Only after append() resolves does it print `ACK <stream> <k>` (written synchronously).
 */
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store.js';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: append-loop <sqlite file>\n');
  process.exit(2);
}

const store = await SqliteEventStore.open(file);
writeSync(1, 'READY\n');
for (let n = 0; ; n++) {
  const k = 2 + Math.floor(Math.random() * 5);
  const stream = `notice-${randomUUID()}`;
  const events = Array.from({ length: k }, (_, index) => ({
    eventId: randomUUID(),
    type: 'NoticeRecorded',
    // variable size, so that appends span several WAL pages
    data: { k, index, n, pid: process.pid, text: 'x'.repeat(Math.floor(Math.random() * 3000)) },
    metadata: { actor: 'crash-test', causationId: stream },
  }));
  await store.append(stream, events, { expectedRevision: 'no_stream' });
  writeSync(1, `ACK ${stream} ${k}\n`);
}
