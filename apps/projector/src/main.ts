import 'reflect-metadata';
import { Controller, Get, Logger, Module, Res, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Command } from 'commander';
import { CqrsModule } from '@nestjs/cqrs';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController, type FastifyReply } from 'fastify';
import { ConfigError, createLogger, loadConfig, serviceVersion } from '../../../libs/config/src/index.js';
import { LogConsumer } from '../../../libs/consumers/src/index.js';
import { ReadModelStore } from '../../../libs/read-model/src/index.js';
import { openCheckedStores, reconcileReadModel } from '../../../libs/read-model/src/index.js';
import { WEBHOOK_MIGRATIONS } from '../../../libs/webhooks/src/index.js';
import { projectorModule } from './projector.module.js';

@Controller('health')
class ProjectorHealthController {
  constructor(private readonly consumer: LogConsumer) {}

  @Get()
  health(@Res({ passthrough: true }) reply: FastifyReply) {
    const position = this.consumer.position();
    // not ready while its subscription keeps failing (a broken store or read model): the reason is said
    const projector = this.consumer.state();
    const ready = !projector.startsWith('failing');
    void reply.status(ready ? 200 : 503);
    return { status: ready ? 'ok' : 'unavailable', live: true, ready, checks: { projector }, checkpoint: position ? position.commit.toString() : null };
  }
}

@Module({})
class ProjectorAppModule {
  static forRoot(projector: DynamicModule): DynamicModule {
    return { module: ProjectorAppModule, imports: [CqrsModule.forRoot(), projector], controllers: [ProjectorHealthController] };
  }
}

// `npm run projector -- --help` says what it is and starts nothing (a usage error exits 2, as regtl's)
new Command('projector')
  .description('The projector daemon: follows the event log into the read models and the webhook queue; /health on PORT.\n'
    + 'Configured by the environment as the API (DATA_DIR, EVENTSTORE_CONNECTION_STRING, DATABASE_URL, PORT: README, Configuration).\n'
    + 'To rebuild the read models from the log: regtl rebuild.')
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))
  .parse();

/** The projector as its own process (docker-compose): follows the log, serves /health on PORT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const processLogger = createLogger(config);
  const logger = new Logger('Projector');
  // each SQLite file passes PRAGMA quick_check first: a damaged page stops the start here, naming the file
  // the projector answers no question: its connection keeps the small cache (its memory is the rebuild's peak), not READ_MODEL_CACHE_MB
  const { eventStore, readModel } = await openCheckedStores({ ...config, readModelCacheMb: undefined }, [WEBHOOK_MIGRATIONS]);
  const store = new ReadModelStore(readModel.db);
  logger.log(`Regulatory Timeline ${serviceVersion()}, the projector process; read models: ${readModel.dialect === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `SQLite ${config.readModelPath}`}`);
  // read models built from another log (a restored backup, an emptied log): rebuilt from this one, or the start refused
  try {
    await reconcileReadModel(eventStore, store, config.readModelMismatch, logger);
  } catch (error) {
    await readModel.close();
    await eventStore.close();
    throw error;
  }
  const app = await NestFactory.create<NestFastifyApplication>(
    ProjectorAppModule.forRoot(projectorModule(eventStore, store)), new FastifyAdapter({ loggerInstance: processLogger.log, logController: new LogController({ disableRequestLogging: true }) }), { logger: processLogger.nest });
  app.enableShutdownHooks();
  await app.listen({ port: config.port, host: config.host });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.log('projector catching up with the log');
  await app.get(LogConsumer).start();
  logger.log(`projector following the log; health on http://${config.host}:${port}/health`);
  app.getHttpServer().once('close', () => void readModel.close().then(() => eventStore.close()));
}

// a bad variable: one line each, exit 2 (the environment); a start that fails: its reason, exit 1
main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
