/**
 * One projector rebuild from zero, alone in its process so that its peak RSS (VmHWM) is its own.
 *   node dist/bench/sections/rebuild-child.js <events.sqlite> <read-model.sqlite> <batchSize>
 * Prints one JSON line: { events, seconds, batches, peakRssMiB }.
 */
import { SqliteEventStore } from '../../libs/event-store/src/index.js';
import { openReadModel, readModelConsumer, ReadModelStore } from '../../libs/read-model/src/index.js';
import { DEFAULT_BATCH_SIZE } from '../../libs/consumers/src/index.js';
import { peakRssMiB, progressBar } from '../support/measure.js';
import { WEBHOOK_MIGRATIONS } from '../../libs/webhooks/src/index.js';

const [eventsPath, readModelPath, batchText] = process.argv.slice(2);
if (!eventsPath || !readModelPath) throw new Error('usage: rebuild-child <events.sqlite> <read-model.sqlite> [batchSize]');
const batchSize = batchText === undefined ? DEFAULT_BATCH_SIZE : Number(batchText);
const eventStore = await SqliteEventStore.open(eventsPath);
const readModel = await openReadModel({ sqlitePath: readModelPath, migrations: [WEBHOOK_MIGRATIONS] });
const total = Number((await eventStore.headPosition())?.commit ?? 0n);
const bar = progressBar('rebuild', total);
let batches = 0;
let rssSampled = 0;
const started = performance.now();
const result = await readModelConsumer(eventStore, new ReadModelStore(readModel.db), { name: 'read-model', batchSize }).rebuild(({ events }) => {
  batches += 1;
  bar.update(events);
  rssSampled = Math.max(rssSampled, process.memoryUsage().rss);
});
const seconds = (performance.now() - started) / 1000;
bar.stop();
await readModel.close();
await eventStore.close();
process.stdout.write(`${JSON.stringify({ events: result?.events ?? 0, seconds, batches, peakRssMiB: peakRssMiB(), sampledRssMiB: Math.round(rssSampled / 2 ** 20) })}\n`);
