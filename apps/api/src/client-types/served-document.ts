import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { loadConfig } from '../../../../libs/config/src/index.js';
import { openEventStore } from '../../../../libs/event-store/src/index.js';
import { openReadModel, ReadModelStore } from '../../../../libs/read-model/src/index.js';
import { WEBHOOK_MIGRATIONS } from '../../../../libs/webhooks/src/index.js';
import { createApp } from '../create-app.js';

/**
 * The OpenAPI document the server serves at /docs/openapi.json, built without listening: the app
 * on an empty data dir in a temporary directory (no projector, no seeds), asked through Fastify's
 * inject.
 */
export async function servedOpenApiDocument(): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'regtl-openapi-'));
  try {
    const config = loadConfig({ ...process.env, DATA_DIR: dataDir, PORT: '0', ROLE: 'api', ANSWER_WORKERS: '0', SEED_ON_START: 'false', API_KEYS: '' });
    const store = await openEventStore({ sqlitePath: config.sqlitePath });
    const readModel = await openReadModel({ sqlitePath: config.readModelPath, migrations: [WEBHOOK_MIGRATIONS] });
    try {
      const app = await createApp(config, store, new ReadModelStore(readModel.db), { logger: false });
      try {
        const response = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/docs/openapi.json' });
        if (response.statusCode !== 200) throw new Error(`GET /docs/openapi.json answered ${response.statusCode}: ${response.body}`);
        return response.json();
      } finally {
        await app.close();
      }
    } finally {
      await readModel.close();
      await store.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The client's types (libs/client/src/openapi.ts) for a document: openapi-typescript's output, as `npm run client:generate` writes it. */
export async function clientTypesOf(document: Record<string, unknown>): Promise<string> {
  const ast = await openapiTS(document as never, { alphabetize: true });
  return `${COMMENT_HEADER}// npm run client:generate writes this file from the served OpenAPI document (GET /docs/openapi.json).\n\n${astToString(ast)}`;
}
