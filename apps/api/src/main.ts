import { Logger } from '@nestjs/common';
import { checkReadModelAgainstLog } from '../../../libs/read-model/src/index.js';
import { READ_MODEL_PROJECTOR, ReadModelStore } from '../../../libs/read-model/src/index.js';
import { openCheckedStores, reconcileReadModel } from '../../../libs/read-model/src/index.js';
import { allSeeds, loadSeeds, seedCorroborations, seedsRecorded } from '../../../seeds/index.js';
import { ConfigError, createLogger, loadConfig, serviceVersion } from '../../../libs/config/src/index.js';
import { eventStoreDescription } from '../../../libs/event-store/src/index.js';
import { createApp } from './create-app.js';
import { WEBHOOK_MIGRATIONS } from '../../../libs/webhooks/src/index.js';

/** `npm start`: the API on the embedded default (SQLite under DATA_DIR), seeds loaded on first start. */
async function main(): Promise<void> {
  const config = loadConfig();
  const processLogger = createLogger(config);
  const logger = new Logger('Startup');
  logger.log(`Regulatory Timeline ${serviceVersion()}, ROLE=${config.embeddedProjector ? `all: API and projector in this process (${config.projectorThread ? 'the projector in a worker thread' : 'PROJECTOR_THREAD=false: the projector on the API\'s thread'})` : 'api: projector elsewhere'}`);
  // each SQLite file passes PRAGMA quick_check first: a damaged page stops the start here, naming the file
  const { eventStore: store, readModel } = await openCheckedStores(config, [WEBHOOK_MIGRATIONS]);
  logger.log(`event store: ${eventStoreDescription(config)}; read models: ${readModel.dialect === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `SQLite ${config.readModelPath}`}`);
  const readModelStore = new ReadModelStore(readModel.db);
  // read models built from another log (a restored backup, an emptied log) are never served: the
  // embedded projector rebuilds them before the server answers (or the start is refused); with the
  // projector elsewhere, that one does it, and this server's readiness stays red until it has
  try {
    if (config.embeddedProjector) await reconcileReadModel(store, readModelStore, config.readModelMismatch, logger);
    else {
      const mismatch = await checkReadModelAgainstLog(store, readModelStore, READ_MODEL_PROJECTOR);
      if (mismatch) logger.warn(`${mismatch.reason}: readiness is red until the projector has rebuilt the read models`);
    }
  } catch (error) {
    await readModel.close();
    await store.close();
    throw error;
  }

  const empty = (await store.headPosition()) === null;
  // a log seeded by an earlier release gets this release's seed corrections appended (never rewritten)
  if (config.seedOnStart && (empty || (await seedsRecorded(store)))) {
    const report = await loadSeeds(store, allSeeds, undefined, seedCorroborations);
    if (empty) logger.log(`empty log: seeded ${report.documents} documents and ${report.recorded} notices (${report.events} events) from seeds/`);
    else if (report.documents > 0) logger.log(`seed documents registered: ${report.documents} (docs/provenance.md)`);
    if (!empty && report.events > 0) {
      logger.log(`seeds brought up to date: ${report.recorded} new notices, ${report.amended} corrections, retractions and corroborations (${report.events} events)`);
    }
  }

  const app = await createApp(config, store, readModelStore, { logger: processLogger.nest, log: processLogger.log });
  await app.listen({ port: config.port, host: config.host });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const base = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;

  if (config.apiKeys.length === 0) {
    logger.warn('NO API KEYS CONFIGURED (API_KEYS is empty): listening on 127.0.0.1 only, and every loopback client holds every role; '
      + 'set API_KEYS=editor:<key>,auditor:<key> before exposing this server');
  } else {
    logger.log(`${config.apiKeys.length} API key(s) configured (API_KEYS)`);
  }
  // one line: the page, the API's description, a first request, the probes
  logger.log(`Regulatory Timeline is ready at ${base} (open it in a browser); OpenAPI: ${base}/docs; `
    + `try: curl '${base}/v1/events?limit=5'; health: ${base}/health; metrics: ${base}/metrics`);

  const shutdown = async (signal: string) => {
    logger.log(`${signal}: closing`);
    await app.close();
    await readModel.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

// a bad variable: one line each, exit 2 (the environment); a start that fails: its reason, exit 1
main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
