import { Inject, Injectable, Optional, ServiceUnavailableException } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src/index.js';
import { comparePositions, type EventStore, type LogPosition } from '../../../../libs/event-store/src/index.js';
import { EVENT_STORE } from '../store/store.tokens.js';
import { EMBEDDED_PROJECTOR, type EmbeddedProjector } from '../projector/embedded-projector.js';
import { TIMELINE_READER, type TimelineReader } from './timeline-reader.js';

const POLL_MS = 20;

/**
 * Read-your-writes: a command returns its log position; a query carrying it as `minPosition`
 * waits (briefly) until the read models include it, or answers 503 with Retry-After. With the
 * embedded projector (its own thread by default) each of its commits wakes the wait at once; a
 * projector elsewhere is polled every POLL_MS.
 */
@Injectable()
export class ReadYourWrites {
  constructor(
    @Inject(TIMELINE_READER) private readonly reader: TimelineReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(EMBEDDED_PROJECTOR) private readonly projector?: EmbeddedProjector,
  ) {}

  async waitFor(minPosition: bigint | null): Promise<void> {
    if (minPosition === null) return;
    const deadline = Date.now() + this.config.readYourWritesTimeoutMs;
    for (;;) {
      const projected = await this.reader.projectedPosition();
      if (projected !== null && projected >= minPosition) return;
      if (Date.now() >= deadline) {
        throw new ServiceUnavailableException({
          code: 'projection-behind',
          message: `the read models are at position ${projected ?? 'none'}, not yet ${minPosition}; retry shortly`,
        });
      }
      const wait = Math.min(POLL_MS, Math.max(1, deadline - Date.now()));
      await (this.projector ? this.projector.nextCommit(wait) : new Promise((resolve) => setTimeout(resolve, wait)));
    }
  }

  /**
   * With the embedded projector: waits (at most READ_YOUR_WRITES_TIMEOUT_MS) until a processor's
   * `checkpoint` reaches the log's head as of this call, so a list read after a write holds what
   * the write set going (a subscription's deliveries, queued by the projector's thread); then it
   * answers what is there. A projector elsewhere is not waited for (as before).
   */
  async settled(checkpoint: () => Promise<LogPosition | null>): Promise<void> {
    if (!this.projector) return;
    const head = await this.store.headPosition();
    if (head === null) return;
    const deadline = Date.now() + this.config.readYourWritesTimeoutMs;
    for (;;) {
      const at = await checkpoint();
      if ((at !== null && comparePositions(at, head) >= 0) || Date.now() >= deadline) return;
      await this.projector.nextCommit(Math.min(POLL_MS, Math.max(1, deadline - Date.now())));
    }
  }
}
