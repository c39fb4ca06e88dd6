import { mkdirSync, existsSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { Presets, SingleBar } from 'cli-progress';
import { openEventStore } from '../../../../libs/event-store/src/index.js';
import { liveServersOn, openReadModel, readModelConsumer, ReadModelStore } from '../../../../libs/read-model/src/index.js';
import { WEBHOOK_MIGRATIONS } from '../../../../libs/webhooks/src/index.js';
import { allSeeds, documentSeeds, loadSeeds, researchSeeds, seedCorroborations } from '../../../../seeds/index.js';
import { configFor, existingDataDir } from '../data-dir.js';
import type { DataDirOptions } from '../options.js';
import { usage } from '../failure.js';

async function confirmed(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
  } finally {
    prompt.close();
  }
}

/** regtl rebuild: the read models emptied and built again from the log, refused beside a live server unless forced. */
export async function rebuild(options: DataDirOptions & { force?: boolean; yes?: boolean }): Promise<void> {
    const config = configFor(options);
    existingDataDir(config);
    const servers = await liveServersOn(config.dataDir);
    if (servers.length > 0 && !options.force) {
      throw usage(`a server is running on data dir ${config.dataDir} (process ${servers.map((server) => server.pid).join(', ')}): `
        + 'stop it first, or pass --force to rebuild under it');
    }
    const target = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : config.readModelPath;
    if (process.stdin.isTTY && !options.yes && !(await confirmed(`Empty the read models in ${target} and rebuild them from the log?`))) {
      throw usage('not rebuilt');
    }
    const eventStore = await openEventStore({ eventStoreConnectionString: config.eventStoreConnectionString, sqlitePath: config.sqlitePath });
    const readModel = await openReadModel({ databaseUrl: config.databaseUrl, sqlitePath: config.readModelPath, migrations: [WEBHOOK_MIGRATIONS] });
    const bar = new SingleBar({ stream: process.stderr, format: 'rebuilding read models [{bar}] {percentage}% | position {value}/{total} | {rate} events/s', hideCursor: true }, Presets.shades_classic);
    const started = Date.now();
    try {
      // the read models only: the webhook enqueuer's checkpoint stays where it is (nothing is delivered twice)
      const consumer = readModelConsumer(eventStore, new ReadModelStore(readModel.db));
      const head = await eventStore.headPosition();
      const total = head ? Number(head.commit) : 0;
      bar.start(total, 0, { rate: 0 });
      const result = await consumer.rebuild(({ events, position }) =>
        bar.update(position ? Number(position.commit) : 0, { rate: Math.round(events / Math.max(0.001, (Date.now() - started) / 1000)) }));
      bar.update(total);
      bar.stop();
      const seconds = (Date.now() - started) / 1000;
      process.stdout.write(`rebuilt from ${result.events} events in ${seconds.toFixed(1)} s (${Math.round(result.events / Math.max(seconds, 0.001))} events/s) into ${target}\n`);
    } finally {
      bar.stop();
      await readModel.close();
      await eventStore.close();
    }
}

/** regtl seed: the seed notices recorded (idempotent). */
export async function seed(options: DataDirOptions & { only?: 'documents' | 'research' }): Promise<void> {
    const config = configFor(options);
    if (!config.eventStoreConnectionString && !existsSync(config.dataDir)) {
      mkdirSync(config.dataDir, { recursive: true });
      process.stderr.write(`created data dir ${config.dataDir}\n`);
    }
    const store = await openEventStore({ eventStoreConnectionString: config.eventStoreConnectionString, sqlitePath: config.sqlitePath });
    const seeds = options.only === 'documents' ? documentSeeds : options.only === 'research' ? researchSeeds : allSeeds;
    // a corroboration needs both its fact's seed and its own source: only with every seed
    const corroborations = options.only === undefined ? seedCorroborations : [];
    const bar = new SingleBar({ stream: process.stderr, format: 'seeding [{bar}] {value}/{total} notices', hideCursor: true }, Presets.shades_classic);
    bar.start(seeds.length + corroborations.length, 0);
    try {
      const report = await loadSeeds(store, seeds, (done) => bar.update(done), corroborations);
      bar.stop();
      process.stdout.write(`${report.documents} source documents registered now (docs/provenance.md).\n`
        + `${report.notices} seed notices: ${report.recorded} recorded now, ${report.notices - report.recorded} already in the log; `
        + `${report.amended} corrections, retractions and corroborations appended (${report.events} events).\n`
        + `Store: ${config.eventStoreConnectionString ? 'EVENTSTORE_CONNECTION_STRING' : config.sqlitePath}\n`);
    } finally {
      bar.stop();
      await store.close();
    }
}
