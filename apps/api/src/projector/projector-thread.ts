import { Worker } from 'node:worker_threads';
import { Logger } from '@nestjs/common';
import { backoffDelay } from '../../../../libs/consumers/src/index.js';
import type { EventStore } from '../../../../libs/event-store/src/index.js';
import type { EmbeddedProjector } from './embedded-projector.js';
import type { FromProjector, ProjectorWorkerData, ToProjector } from './projector-messages.js';

/** how long a stop waits for the thread to commit what it holds and close its connections */
const STOP_TIMEOUT_MS = 10_000;

/**
 * The embedded projector in a worker thread of this process (projector-worker.ts), on connections
 * of its own. The API's thread only tells it of its appends (so it reads them at once, not at the
 * next poll) and hears its commits: /health reads its state, and a read waiting for its own write
 * (ReadYourWrites) is woken by the commit that brings the read models there.
 */
export class ProjectorThread implements EmbeddedProjector {
  readonly where = 'in a worker thread of this process';
  private readonly logger = new Logger('Projector');
  private readonly loggers = new Map<string, Logger>([['Projector', this.logger]]);
  private worker: Worker | null = null;
  private current = 'starting';
  private stopping: Promise<void> | null = null;
  private readonly commitWaiters = new Set<() => void>();
  private told = 0;
  /** thread ends since the last start that caught up (the backoff's exponent) */
  private restarts = 0;
  private restartTimer: NodeJS.Timeout | null = null;

  constructor(private readonly file: string | URL, private readonly data: ProjectorWorkerData, private readonly store: EventStore) {}

  state(): string {
    return this.current;
  }

  start(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const worker = new Worker(this.file, { workerData: this.data });
      this.worker = worker;
      const unlisten = this.store.onAppend?.(() => this.tell({ type: 'appended' }));
      worker.on('message', (message: FromProjector) => {
        switch (message.type) {
          case 'log':
            this.loggerOf(message.context)[message.level](message.message);
            break;
          case 'progress':
            this.current = message.state;
            if (message.commit !== null) this.committed();
            break;
          case 'following':
            this.current = 'following';
            this.restarts = 0;
            resolve();
            break;
          case 'failed':
            this.current = `failing: ${message.message}`;
            reject(new Error(message.message));
            break;
          case 'stopped':
            void worker.terminate();
            break;
        }
      });
      worker.on('error', (error) => {
        this.current = `failing: the projector's thread stopped (${error.message})`;
        this.logger.error(this.current);
        reject(error);
      });
      worker.on('exit', (code) => {
        unlisten?.();
        this.worker = null;
        if (this.stopping) return;
        if (!this.current.startsWith('failing')) this.current = `failing: the projector's thread ended (exit code ${code})`;
        reject(new Error(this.current));
        this.restartLater();
      });
    });
  }

  /** Resolves at the projector's next commit, or after `ms`. */
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

  /** The thread commits what it received, stops its webhook sender and closes its connections (at most STOP_TIMEOUT_MS). */
  stop(): Promise<void> {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const worker = this.worker;
    if (!worker) return Promise.resolve();
    this.stopping ??= new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.logger.warn(`the projector's thread did not stop in ${STOP_TIMEOUT_MS} ms: ended (it resumes from its checkpoints)`);
        void worker.terminate();
      }, STOP_TIMEOUT_MS);
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.tell({ type: 'stop' });
    });
    return this.stopping;
  }

  /** Nest calls it once the HTTP server is closed: no write is accepted after the projector stopped. */
  onApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  /**
   * A thread that ended unasked (a bug in a processor: the consumer itself resumes from its
   * failures) is started again after a backoff, from the checkpoints; /health says why meanwhile.
   */
  private restartLater(): void {
    const delay = backoffDelay(this.restarts);
    this.restarts += 1;
    this.logger.error(`${this.current}; starting it again in ${Math.round(delay)} ms`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (!this.stopping) this.start().catch(() => undefined);
    }, delay);
    this.restartTimer.unref();
  }

  private tell(message: ToProjector): void {
    this.worker?.postMessage(message);
  }

  commits(): number {
    return this.told;
  }

  deliveriesDue(): void {
    this.tell({ type: 'deliveries-due' });
  }

  private committed(): void {
    this.told += 1;
    for (const wake of [...this.commitWaiters]) wake();
  }

  private loggerOf(context: string): Logger {
    let logger = this.loggers.get(context);
    if (!logger) this.loggers.set(context, (logger = new Logger(context)));
    return logger;
  }
}
