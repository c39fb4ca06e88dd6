/**
 * The embedded projector's worker thread (apps/api projector-thread.ts) on a real SQLite log and
 * read model, run from the build as the service runs it. Its contract: "A thread that ended unasked
 * (a bug in a processor: the consumer itself resumes from its failures) is started again after a
 * backoff, from the checkpoints; /health says why meanwhile." So a thread that ends says why in
 * its state, comes back following the log, and projects what was appended while it was gone.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ProjectorThread } from '../../apps/api/src/projector/projector-thread.js';
import { generateCorpus } from '../../bench/corpus/generate.js';
import { NoticeCommands } from '../../libs/application/src/index.js';
import { loadWebhookConfig } from '../../libs/config/src/index.js';
import type { NoticeInput } from '../../libs/domain/src/index.js';
import { openEventStore, type EventStore } from '../../libs/event-store/src/index.js';
import { KyselyTimelineReader, openReadModel, READ_MODEL_PROJECTOR, type OpenedReadModel } from '../../libs/read-model/src/index.js';
import { WEBHOOK_MIGRATIONS } from '../../libs/webhooks/src/index.js';

const WORKER = resolve('dist/apps/api/src/projector/projector-worker.js');

/** Polls `check` every 50 ms until it holds (at most `ms`). */
async function until(check: () => Promise<boolean> | boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

describe('the projector\'s worker thread, ended unasked', () => {
  const dir = mkdtempSync(join(tmpdir(), 'projector-thread-'));
  let store: EventStore;
  let readModel: OpenedReadModel;
  let thread: ProjectorThread | null = null;
  afterAll(async () => {
    await thread?.stop();
    await readModel?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says why, starts again after a backoff, and projects what was appended meanwhile', async () => {
    expect(existsSync(WORKER)).toBe(true); // npm test builds first
    const notices: NoticeInput[] = [];
    for (const append of generateCorpus({ events: 400, seed: 5 })) if (append.notice && notices.length < 3) notices.push(append.notice);
    const eventStore = { sqlitePath: join(dir, 'events.sqlite') };
    store = await openEventStore(eventStore);
    // the API's thread opens (and migrates) the read models before the thread starts
    readModel = await openReadModel({ sqlitePath: join(dir, 'read-model.sqlite'), migrations: [WEBHOOK_MIGRATIONS] });
    const reader = new KyselyTimelineReader(readModel.db, READ_MODEL_PROJECTOR);
    const projectedThrough = async () => {
      const [head, projected] = await Promise.all([store.headPosition(), reader.projectedPosition()]);
      return head !== null && projected !== null && projected >= head.commit;
    };
    const commands = new NoticeCommands(store);
    await commands.publish(notices[0]!, { actor: 'test' });
    thread = new ProjectorThread(pathToFileURL(WORKER), { eventStore, readModel: { sqlitePath: join(dir, 'read-model.sqlite') }, webhooks: loadWebhookConfig({}) }, store);
    await thread.start();
    expect(thread.state()).toBe('following');
    await until(projectedThrough);

    // the thread ends without being asked (as a crash would end it): its Worker is terminated from outside
    await (thread as unknown as { worker: Worker }).worker.terminate();
    expect(thread.state()).toMatch(/^failing: the projector's thread ended \(exit code \d+\)$/);
    await commands.publish(notices[1]!, { actor: 'test' });
    await commands.publish(notices[2]!, { actor: 'test' });

    await until(() => thread!.state() === 'following');
    await until(projectedThrough);
    const projected = await readModel.db.selectFrom('notices').select('notice_id').execute();
    expect(projected).toHaveLength(3);
  }, 60_000);
});
