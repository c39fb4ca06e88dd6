import { Inject, Injectable, Optional, ServiceUnavailableException } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src/index.js';
import { comparePositions, type EventStore, type LogPosition } from '../../../../libs/event-store/src/index.js';
import { EVENT_STORE } from '../store/store.tokens.js';
import { EMBEDDED_PROJECTOR, type EmbeddedProjector } from '../projector/embedded-projector.js';
import { TIMELINE_READER, type TimelineReader } from './timeline-reader.js';

const POLL_MS = 20;
/** how long a position read is used without a commit told of (a notice lost with a thread that died) */
const POSITION_HELD_MS = 1_000;

/**
 * Read-your-writes: a command returns its log position; a query carrying it as `minPosition`
 * waits (briefly) until the read models include it, or answers 503 with Retry-After. With the
 * embedded projector (its own thread by default) each of its commits wakes the wait at once; a
 * projector elsewhere is polled every POLL_MS.
 */
@Injectable()
export class ReadYourWrites {
  /** the read models' position as last read, and the embedded projector's commits told of then */
  private known: { readonly commits: number; readonly at: number; readonly position: Promise<bigint | null> } | null = null;

  constructor(
    @Inject(TIMELINE_READER) private readonly reader: TimelineReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(EMBEDDED_PROJECTOR) private readonly projector?: EmbeddedProjector,
  ) {}

  /**
   * The read models' position once it is at least `minPosition` (null: now), read again while it
   * is not (see projectedPosition for the usual case).
   */
  async positionFrom(minPosition: bigint | null): Promise<bigint | null> {
    if (minPosition === null) return this.projectedPosition();
    const deadline = Date.now() + this.config.readYourWritesTimeoutMs;
    for (;;) {
      // read, not remembered: the commit may be in the read models before its notice reaches this thread
      // the commits told of before the read: one told during it makes the next request read again
      const [commits, started] = [this.projector?.commits(), Date.now()];
      const projected = await this.reader.projectedPosition();
      if (projected !== null && projected >= minPosition) {
        // a read without minPosition right after this one says no less (the commit's notice may still be on its way)
        if (commits !== undefined) this.known = { commits, at: started, position: Promise.resolve(projected) };
        return projected;
      }
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
   * The read models' position, which every answer states and keys its cache by. With the embedded
   * projector only its commits move it: read once per commit told of (at most POSITION_HELD_MS
   * ago), not once per request (a tenth of a cached answer's cost). A projector elsewhere tells
   * nothing here: read each time.
   */
  projectedPosition(): Promise<bigint | null> {
    if (!this.projector) return this.reader.projectedPosition();
    const commits = this.projector.commits();
    const now = Date.now();
    if (this.known && this.known.commits === commits && now - this.known.at < POSITION_HELD_MS) return this.known.position;
    const position = this.reader.projectedPosition();
    // concurrent requests share the read; a failed read is not kept
    const known = { commits, at: now, position };
    this.known = known;
    position.catch(() => {
      if (this.known === known) this.known = null;
    });
    return position;
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
