import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { Presets, SingleBar } from 'cli-progress';
import { loadConfig } from '../../api/src/config/app-config.js';
import { openEventStore } from '../../../libs/event-store/src/index.js';
import { openReadModel } from '../../../libs/read-model/src/open-read-model.js';
import { ReadModelStore } from '../../../libs/read-model/src/read-model-store.js';
import { LogFollower } from './log-follower.js';
import { ProjectorModule } from './projector.module.js';
import { READ_MODEL_PROJECTOR } from './read-model.projection.js';

/** `npm run projector:rebuild`: empties the read models and builds them again from the whole log. */
const config = loadConfig();
const eventStore = await openEventStore({ eventStoreConnectionString: config.eventStoreConnectionString, sqlitePath: config.sqlitePath });
const readModel = await openReadModel({ databaseUrl: config.databaseUrl, sqlitePath: config.readModelPath });
const store = new ReadModelStore(readModel.db);

@Module({ imports: [CqrsModule.forRoot(), ProjectorModule.forRoot(eventStore, store, { webhooks: false })] })
class RebuildModule {}

const app = await NestFactory.createApplicationContext(RebuildModule, { logger: ['warn', 'error'] });
const head = await eventStore.headPosition();
const total = head ? Number(head.commit) : 0;
const bar = new SingleBar({ format: 'rebuilding read models [{bar}] {percentage}% | position {value}/{total} | {rate} events/s', hideCursor: true }, Presets.shades_classic);
const started = Date.now();
try {
  await store.truncate(READ_MODEL_PROJECTOR);
  bar.start(total, 0, { rate: 0 });
  const result = await app.get(LogFollower).catchUp(({ events, position }) =>
    bar.update(position ? Number(position.commit) : 0, { rate: Math.round(events / Math.max(0.001, (Date.now() - started) / 1000)) }));
  bar.update(total);
  bar.stop();
  const seconds = (Date.now() - started) / 1000;
  console.log(`rebuilt from ${result.events} events in ${seconds.toFixed(1)} s (${Math.round(result.events / Math.max(seconds, 0.001))} events/s) into ${readModel.dialect === 'postgres' ? 'PostgreSQL' : config.readModelPath}`);
} finally {
  bar.stop();
  await app.close();
  await readModel.close();
  await eventStore.close();
}
