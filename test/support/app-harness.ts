import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, type AppConfig } from '../../libs/config/src/index.js';
import { createApp } from '../../apps/api/src/create-app.js';
import type { EventStore } from '../../libs/event-store/src/event-store.js';
import { openEventStore } from '../../libs/event-store/src/index.js';
import { openReadModel } from '../../libs/read-model/src/open-read-model.js';
import { ReadModelStore } from '../../libs/read-model/src/read-model-store.js';
import { WEBHOOK_MIGRATIONS } from '../../libs/webhooks/src/index.js';
import { allSeeds, loadSeeds, seedCorroborations } from '../../seeds/index.js';

/** A real server on a real port over a real SQLite file in a temp directory. */
export interface RunningApp {
  readonly baseUrl: string;
  readonly store: EventStore;
  readonly config: AppConfig;
  readonly dataDir: string;
  /** the Nest application itself, for a test that compares two ways of answering inside it */
  readonly nest: NestFastifyApplication;
  request(method: string, url: string, options?: { body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<HttpResult>;
  stop(): Promise<void>;
}

export interface HttpResult {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
}

export async function startApp(env: Record<string, string> = {}, options: { seed?: boolean } = {}): Promise<RunningApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'timeline-e2e-'));
  // answers computed in the test's thread unless a test asks for workers (ANSWER_WORKERS): a worker
  // runs the build of the handlers (dist), the harness runs their sources
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', ANSWER_WORKERS: '0', ...env });
  const store = await openEventStore({ sqlitePath: config.sqlitePath });
  if (options.seed) await loadSeeds(store, allSeeds, undefined, seedCorroborations);
  const readModel = await openReadModel({ databaseUrl: config.databaseUrl, sqlitePath: config.readModelPath, migrations: [WEBHOOK_MIGRATIONS] });
  const app: NestFastifyApplication = await createApp(config, store, new ReadModelStore(readModel.db), { logger: ['error'] });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    baseUrl,
    store,
    config,
    dataDir,
    nest: app,
    async request(method, url, options = {}) {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      if (body !== undefined) headers['content-type'] ??= 'application/json';
      const response = await fetch(baseUrl + url, { method, headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, headers: response.headers, body: parsed };
    },
    async stop() {
      await app.close();
      await readModel.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The example notice of the API contract. */
export const exampleNotice = (overrides: Record<string, unknown> = {}) => ({
  authority: 'Example Provincial Local Financial Supervision Administration',
  jurisdiction: 'CN-ZJ',
  title: 'Example notice',
  published: '2021-03-02',
  source: { document: 'example.txt', publisher: 'Example News', url: 'https://example.org/n/1', quote: 'decided to ban 3 online lending institutions' },
  effects: [{ type: 'InstitutionsBanned', jurisdiction: 'CN-ZJ', effective: '2021-03', count: 3, batch: { number: 1, of: 2 } }],
  ...overrides,
});

export async function logLength(store: EventStore): Promise<number> {
  let count = 0;
  for await (const _event of store.readAll()) count++;
  return count;
}
