import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src/index.js';
import { TIMELINE_READER, type TimelineReader } from './timeline-reader.js';

const POLL_MS = 20;

/**
 * Read-your-writes: a command returns its log position; a query carrying it as `minPosition`
 * waits (briefly) until the read models include it, or answers 503 with Retry-After.
 */
@Injectable()
export class ReadYourWrites {
  constructor(
    @Inject(TIMELINE_READER) private readonly reader: TimelineReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
