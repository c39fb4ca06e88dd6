import 'reflect-metadata';
import { Controller, Get, Logger, Module, Res, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { createLogger, loadConfig } from '../../api/src/config/app-config.js';
import { openEventStore } from '../../../libs/event-store/src/index.js';
import { openReadModel } from '../../../libs/read-model/src/open-read-model.js';
import { ReadModelStore } from '../../../libs/read-model/src/read-model-store.js';
import { LogFollower } from './log-follower.js';
import { ProjectorModule } from './projector.module.js';

@Controller('health')
class ProjectorHealthController {
  constructor(private readonly follower: LogFollower) {}

  @Get()
  health(@Res({ passthrough: true }) reply: FastifyReply) {
    const position = this.follower.position();
    void reply.status(200);
    return { status: 'ok', live: true, ready: true, checkpoint: position ? position.commit.toString() : null };
  }
}

@Module({})
class ProjectorAppModule {
  static forRoot(projector: DynamicModule): DynamicModule {
    return { module: ProjectorAppModule, imports: [CqrsModule.forRoot(), projector], controllers: [ProjectorHealthController] };
  }
}

/** The projector as its own process (docker-compose): follows the log, serves /health on PORT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const processLogger = createLogger(config);
  const logger = new Logger('Projector');
  const eventStore = await openEventStore({ eventStoreConnectionString: config.eventStoreConnectionString, sqlitePath: config.sqlitePath });
  const readModel = await openReadModel({ databaseUrl: config.databaseUrl, sqlitePath: config.readModelPath });
  const store = new ReadModelStore(readModel.db);
  logger.log(`read models: ${readModel.dialect === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `SQLite ${config.readModelPath}`}`);
  const app = await NestFactory.create<NestFastifyApplication>(
    ProjectorAppModule.forRoot(ProjectorModule.forRoot(eventStore, store)), new FastifyAdapter(), { logger: processLogger });
  app.enableShutdownHooks();
  await app.listen({ port: config.port, host: config.host });
  await app.get(LogFollower).start();
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.log(`projector following the log; health on http://${config.host}:${port}/health`);
  app.getHttpServer().once('close', () => void readModel.close().then(() => eventStore.close()));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
