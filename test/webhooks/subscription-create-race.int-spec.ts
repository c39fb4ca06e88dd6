/**
 * A subscription created while another connection keeps committing to the same SQLite read model
 * (the projector's and the sender's thread do, in the one-machine default). The bar: "Bad input gets
 * a 4xx ...; never a 500". The create reads the webhook consumer's checkpoint, then inserts: a
 * transaction that began by reading and then writes fails with SQLITE_BUSY when another connection
 * committed in between (WAL: its snapshot is stale; the busy timeout does not wait that out), which
 * the API answered with 500 "database is locked". A consumer's turn (takeTurn) takes the write lock
 * first on SQLite, as PostgreSQL's advisory lock does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from '@jest/globals';
import { openReadModel } from '../../libs/read-model/src/open-read-model.js';
import { SubscriptionStore, WEBHOOK_MIGRATIONS, type WebhookDatabase } from '../../libs/webhooks/src/index.js';
import type { Kysely } from 'kysely';

/** commits to the read model every millisecond or so until told to stop, as the projector's and the sender's threads do */
const WRITER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path, { timeout: 5000 });
let stop = false;
parentPort.on('message', () => { stop = true; });
let i = 0;
const commit = db.prepare("insert into checkpoints (name, \\"commit\\", prepare) values ('elsewhere', ?, ?) on conflict (name) do update set \\"commit\\" = excluded.\\"commit\\"");
const tick = () => {
  if (stop) { db.close(); parentPort.postMessage(i); return; }
  i += 1;
  commit.run(String(i), String(i));
  setTimeout(tick, 1);
};
parentPort.postMessage('started');
tick();
`;

describe('creating subscriptions while another connection commits (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'create-race-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every create succeeds: none fails with "database is locked"', async () => {
    const path = join(dir, 'read-model.sqlite');
    const readModel = await openReadModel({ sqlitePath: path, migrations: [WEBHOOK_MIGRATIONS] });
    const writer = new Worker(WRITER, { eval: true, workerData: { path, module: createRequire(import.meta.url).resolve('better-sqlite3') } });
    try {
      await new Promise((started) => writer.once('message', started));
      const store = new SubscriptionStore(readModel.db as unknown as Kysely<WebhookDatabase>);
      const failures: string[] = [];
      for (let n = 0; n < 300; n += 1) {
        await store.create({ url: `https://s${n}.example/hook`, description: null, eventTypes: [], jurisdictions: [] }, 0n)
          .catch((error: Error) => failures.push(error.message));
      }
      expect(failures).toStrictEqual([]);
      expect(await store.list()).toHaveLength(300);
    } finally {
      writer.postMessage('stop');
      const commits = await new Promise<number>((done) => writer.once('message', done));
      // its listener would keep the thread, and jest's process, alive
      await writer.terminate();
      expect(commits).toBeGreaterThan(0);
      await readModel.close();
    }
  }, 60_000);
});
