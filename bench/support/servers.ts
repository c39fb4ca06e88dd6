import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { loadConfig } from '../../libs/config/src/index.js';
import { createApp } from '../../apps/api/src/create-app.js';
import { ComputedAnswers } from '../../apps/api/src/timeline/answer-workers.js';
import { SqliteEventStore } from '../../libs/event-store/src/index.js';
import { openReadModel, ReadModelStore } from '../../libs/read-model/src/index.js';
import { WEBHOOK_MIGRATIONS } from '../../libs/webhooks/src/index.js';

export interface Server {
  readonly baseUrl: string;
  close(): Promise<void>;
}

/** The service, and how many threads compute its answers. */
export interface Service extends Server {
  readonly answerWorkers: number;
}

const urlOf = (address: string | AddressInfo | null): string =>
  `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

/** The service as `npm start` runs it (embedded projector), over the data directory's files (env: DATABASE_URL...). */
export async function startService(dataDir: string, env: Record<string, string> = {}): Promise<Service> {
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', SEED_ON_START: 'false', LOG_FORMAT: 'json', ...env });
  const store = await SqliteEventStore.open(config.sqlitePath);
  const readModel = await openReadModel({ databaseUrl: config.databaseUrl, sqlitePath: config.readModelPath, migrations: [WEBHOOK_MIGRATIONS] });
  const app = await createApp(config, store, new ReadModelStore(readModel.db), { logger: ['error'] });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    baseUrl: urlOf(app.getHttpServer().address()),
    answerWorkers: app.get(ComputedAnswers).workers,
    async close() {
      await app.close();
      // a load generator's last requests may still be in their handlers (an async PostgreSQL
      // query) after the sockets closed: let them finish before the read model goes away
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await readModel.close();
      await store.close();
    },
  };
}

/** A bare Fastify route answering each path with the bytes recorded for it: the HTTP floor. */
export async function startBareFastify(answers: ReadonlyMap<string, { body: Buffer; contentType: string }>): Promise<Server> {
  const app = Fastify({ logger: false });
  app.get('/*', (request, reply) => {
    const answer = answers.get(request.url);
    if (!answer) return reply.code(404).send();
    return reply.header('content-type', answer.contentType).send(answer.body);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { baseUrl: urlOf(app.server.address()), close: () => app.close() };
}
