import { Inject, Injectable, Optional, ServiceUnavailableException } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src/index.js';
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
}
