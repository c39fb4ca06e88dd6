import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Logger } from '@nestjs/common';
import { LogConsumer, type LogProcessor } from '../../../../libs/consumers/src/index.js';
import type { EventStore } from '../../../../libs/event-store/src/index.js';
import type { ReadModelStore } from '../../../../libs/read-model/src/index.js';
import { loadWebhookConfig, type AppConfig } from '../../../../libs/config/src/index.js';
import { logProcessors, wakeSender } from '../../../../libs/webhooks/src/index.js';
import { ProjectorThread } from './projector-thread.js';

/** The embedded projector of a ROLE=all process, when it runs one (health, read-your-writes). */
export const EMBEDDED_PROJECTOR = Symbol('EMBEDDED_PROJECTOR');

/** The projector of a ROLE=all process: the log consumer with its processors (read models, webhook queue and sender). */
export interface EmbeddedProjector {
  /** where it runs, for the start-up line */
  readonly where: string;
  /** 'starting' (catching up), 'following' the log, or 'failing: why' */
  state(): string;
  /** catches up with the log, then follows it */
  start(): Promise<void>;
  /** resolves at its next commit, or after `ms` */
  nextCommit(ms: number): Promise<void>;
  /** how many commits it has told of: a read of the read models' position holds until the next */
  commits(): number;
  /** deliveries may be due now (a subscription resumed, a replay, a retry by hand): its sender looks at once */
  deliveriesDue(): void;
  onApplicationShutdown(): Promise<void>;
}

/** The projector on the API's own event loop (PROJECTOR_THREAD=false, or no thread can open the log). */
class InThreadProjector implements EmbeddedProjector {
  readonly where: string;
  private readonly commitWaiters = new Set<() => void>();
  private readonly consumer: LogConsumer;
  private readonly processors: LogProcessor[];
  private told = 0;

  constructor(store: EventStore, readModel: ReadModelStore, why: string) {
    this.where = `on the API's thread (${why})`;
    this.processors = logProcessors(readModel, loadWebhookConfig(process.env), new Logger('Webhooks'));
    this.consumer = new LogConsumer(store, this.processors, {
      logger: new Logger('Projector'),
      onCommitted: () => {
        this.told += 1;
        for (const wake of [...this.commitWaiters]) wake();
      },
    });
  }

  state(): string {
    return this.consumer.state();
  }

  start(): Promise<void> {
    return this.consumer.start();
  }

  nextCommit(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.commitWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.commitWaiters.add(done);
    });
  }

  commits(): number {
    return this.told;
  }

  deliveriesDue(): void {
    wakeSender(this.processors);
  }

  onApplicationShutdown(): Promise<void> {
    return this.consumer.stop();
  }
}

/**
 * The worker's compiled file. Run from the build it sits beside this one; run from the TypeScript
 * sources (the tests) it is the build of the same file (`npm test` builds first).
 */
function projectorWorkerFile(): string | null {
  const here = fileURLToPath(import.meta.url);
  const file = here.endsWith('.ts')
    ? path.join(path.resolve(path.dirname(here), '../../../..'), 'dist/apps/api/src/projector/projector-worker.js')
    : path.join(path.dirname(here), 'projector-worker.js');
  return existsSync(file) ? file : null;
}

/**
 * The one-machine default's projector: in a worker thread with its own connections
 * (PROJECTOR_THREAD, the default), so projecting each write does not take the API's event loop
 * (with it there, appends over HTTP ran at 120 notices/s; with the projector elsewhere, 171-200).
 * On the API's thread when PROJECTOR_THREAD=false, for an in-memory log (no file another thread
 * could open), or when the worker is not built.
 */
export function embeddedProjector(config: AppConfig, store: EventStore, readModel: ReadModelStore): EmbeddedProjector {
  if (!config.projectorThread) return new InThreadProjector(store, readModel, 'PROJECTOR_THREAD=false');
  const source = store.rangeReaderSource?.();
  if (source === null) return new InThreadProjector(store, readModel, 'an in-memory log');
  const file = projectorWorkerFile();
  if (!file) return new InThreadProjector(store, readModel, 'its worker is not built: dist/apps/api/src/projector/projector-worker.js');
  return new ProjectorThread(pathToFileURL(file), {
    eventStore: { eventStoreConnectionString: config.eventStoreConnectionString, sqlitePath: source?.path ?? config.sqlitePath },
    readModel: { databaseUrl: config.databaseUrl, sqlitePath: config.readModelPath },
    webhooks: loadWebhookConfig(process.env),
  }, store);
}
