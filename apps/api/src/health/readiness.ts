import type { Kysely } from 'kysely';
import { comparePositions, formatPosition, type EventStore, type LogPosition } from '../../../../libs/event-store/src/index.js';
import { checkReadModelAgainstLog } from '../../../../libs/read-model/src/index.js';
import { READ_MODEL_PROJECTOR, ReadModelStore } from '../../../../libs/read-model/src/index.js';
import type { ReadModelDatabase } from '../../../../libs/read-model/src/index.js';

/** a check that does not answer in this long counts as down (a hung database must not hang /health) */
export const CHECK_TIMEOUT_MS = 2000;
/** behind the log with no commit for this long: the projector is stalled */
export const STALL_AFTER_MS = 30_000;

export interface ReadinessChecks {
  readonly eventStore: string;
  readonly readModel: string;
  readonly projector: string;
}

export interface Readiness {
  readonly ready: boolean;
  readonly checks: ReadinessChecks;
  /** why not ready: the failing checks, said */
  readonly reasons: readonly string[];
}

const withTimeout = <T>(work: Promise<T>, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} gave no answer in ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
};

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Readiness of a server: the event store answers; the read model answers and was built from this
 * log (checkReadModelAgainstLog); the projector (this process's, when embedded) is not failing and
 * not stalled (behind the log with no commit for STALL_AFTER_MS). Remembers when the checkpoint last
 * moved, so one instance serves every /health call.
 */
export class ReadinessProbe {
  private readonly readModel: ReadModelStore;
  private progress: { checkpoint: LogPosition | null; since: number } | null = null;

  constructor(
    private readonly store: EventStore,
    db: Kysely<ReadModelDatabase>,
    /** the embedded projector's state ('following', 'starting', 'failing: ...'); absent when it runs elsewhere */
    private readonly projectorState?: () => string,
    private readonly now: () => number = Date.now,
  ) {
    this.readModel = new ReadModelStore(db);
  }

  async check(): Promise<Readiness> {
    const eventStore = await withTimeout(this.store.ping(), 'the event store').then(() => 'up', (error: unknown) => `down: ${message(error)}`);
    let readModel = 'up';
    let projector = this.projectorState?.() ?? 'elsewhere';
    try {
      const [checkpoint, head] = await withTimeout(
        Promise.all([this.readModel.checkpoint(READ_MODEL_PROJECTOR), eventStore === 'up' ? this.store.headPosition() : null]), 'the read model');
      if (eventStore === 'up') {
        const mismatch = await withTimeout(checkReadModelAgainstLog(this.store, this.readModel, READ_MODEL_PROJECTOR), 'the read model');
        if (mismatch) readModel = `mismatch: ${mismatch.reason}`;
        const stalled = this.stalled(checkpoint, head);
        if (stalled && !projector.startsWith('failing')) projector = stalled;
      }
    } catch (error) {
      readModel = `down: ${message(error)}`;
    }
    const checks = { eventStore, readModel, projector };
    const reasons = [
      ...(eventStore === 'up' ? [] : [`event store ${eventStore}`]),
      ...(readModel === 'up' ? [] : [`read model ${readModel}`]),
      ...(projector.startsWith('failing') || projector.startsWith('stalled') ? [`projector ${projector}`] : []),
    ];
    return { ready: reasons.length === 0, checks, reasons };
  }

  /** 'stalled: ...' when behind the log's head and the checkpoint has not moved for STALL_AFTER_MS, else null. */
  private stalled(checkpoint: LogPosition | null, head: LogPosition | null): string | null {
    const now = this.now();
    const same = this.progress !== null && (this.progress.checkpoint === null
      ? checkpoint === null : checkpoint !== null && comparePositions(this.progress.checkpoint, checkpoint) === 0);
    if (!same) this.progress = { checkpoint, since: now };
    const behind = head !== null && (checkpoint === null || comparePositions(checkpoint, head) < 0);
    if (!behind) {
      this.progress = { checkpoint, since: now };
      return null;
    }
    const idle = now - this.progress!.since;
    if (idle < STALL_AFTER_MS) return null;
    return `stalled: the read model is at ${checkpoint ? formatPosition(checkpoint) : 'none'}, the log at ${formatPosition(head)}, `
      + `no commit for ${Math.round(idle / 1000)} s`;
  }
}
