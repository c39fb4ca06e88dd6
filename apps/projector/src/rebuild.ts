import 'reflect-metadata';
import { Presets, SingleBar } from 'cli-progress';
import { loadConfig } from '../../../libs/config/src/index.js';
import { openEventStore } from '../../../libs/event-store/src/index.js';
import { openReadModel } from '../../../libs/read-model/src/index.js';
import { readModelConsumer } from '../../../libs/read-model/src/index.js';
import { ReadModelStore } from '../../../libs/read-model/src/index.js';
import { WEBHOOK_MIGRATIONS } from '../../../libs/webhooks/src/index.js';

/** `npm run projector:rebuild`: empties the read models and builds them again from the whole log. */
const config = loadConfig();
const eventStore = await openEventStore({ eventStoreConnectionString: config.eventStoreConnectionString, sqlitePath: config.sqlitePath });
const readModel = await openReadModel({ databaseUrl: config.databaseUrl, sqlitePath: config.readModelPath, migrations: [WEBHOOK_MIGRATIONS] });
const store = new ReadModelStore(readModel.db);

// the read models only: the webhook enqueuer's checkpoint stays where it is (nothing is delivered twice)
const consumer = readModelConsumer(eventStore, store);
const head = await eventStore.headPosition();
const total = head ? Number(head.commit) : 0;
const bar = new SingleBar({ format: 'rebuilding read models [{bar}] {percentage}% | position {value}/{total} | {rate} events/s', hideCursor: true }, Presets.shades_classic);
const started = Date.now();
try {
  bar.start(total, 0, { rate: 0 });
  const result = await consumer.rebuild(({ events, position }) =>
    bar.update(position ? Number(position.commit) : 0, { rate: Math.round(events / Math.max(0.001, (Date.now() - started) / 1000)) }));
  bar.update(total);
  bar.stop();
  const seconds = (Date.now() - started) / 1000;
  console.log(`rebuilt from ${result.events} events in ${seconds.toFixed(1)} s (${Math.round(result.events / Math.max(seconds, 0.001))} events/s) into ${readModel.dialect === 'postgres' ? 'PostgreSQL' : config.readModelPath}`);
} finally {
  bar.stop();
  await readModel.close();
  await eventStore.close();
}
