import { setImmediate as nextTurn } from 'node:timers/promises';
import type { AttemptToRecord, RecordedAttempt } from './record-attempt.js';

/** attempts per transaction at most (a full sender has 32 in flight; a replay's burst can queue more) */
const MAX_GROUP = 256;

/**
 * How long an attempt nobody waits for (a success in log order: the lane goes on without its
 * answer) may wait for others to share its transaction. A crash in that time sends it again (at
 * least once, in order), so it stays well under a receiver's answer time.
 */
export const RECORD_WITHIN_MS = 8;

interface Waiting {
  readonly attempt: AttemptToRecord;
  resolve(recorded: RecordedAttempt): void;
  reject(error: unknown): void;
}

/**
 * Group commit of attempts. The answers that arrive while a transaction runs (on SQLite it holds
 * the event loop) wait for the next turn and go in one transaction together: one commit for
 * tens of attempts, where a commit each spent more than the sends. An attempt recorded `soon`
 * (nobody awaits it now) waits up to RECORD_WITHIN_MS for company (a lane in log order has one
 * answer per turn: a commit each); any other attempt, or flush(), writes all that waits at the next
 * turn. A group that fails is recorded again attempt by attempt, so one bad attempt fails alone; a
 * caller learns its outcome only once it is committed.
 */
export class AttemptRecorder {
  private readonly waiting: Waiting[] = [];
  private flushing = false;
  /** what waits is written at the next turn */
  private urgent = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly recordGroup: (attempts: readonly AttemptToRecord[]) => Promise<RecordedAttempt[]>) {}

  record(attempt: AttemptToRecord, soon = false): Promise<RecordedAttempt> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ attempt, resolve, reject });
      if (!soon || this.waiting.length >= MAX_GROUP) this.urgent = true;
      this.schedule();
    });
  }

  /** What waits is written at the next turn (a lane is about to wait for it). */
  flush(): void {
    if (this.waiting.length === 0) return;
    this.urgent = true;
    this.schedule();
  }

  private schedule(): void {
    // a flush running takes what waits when its group is written
    if (this.flushing || this.waiting.length === 0) return;
    if (this.urgent) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.flushing = true;
      void this.flushGroups();
    } else {
      this.timer ??= setTimeout(() => {
        this.timer = null;
        this.flush();
      }, RECORD_WITHIN_MS);
    }
  }

  private async flushGroups(): Promise<void> {
    // each group waits for the turn of the event loop to end, so the answers read in that turn
    // join it: a transaction's statements resolve in microtasks, which run after every I/O
    // callback, so a group started at once would hold only the answers before it (commits were a
    // fifth of the sender's CPU in the bench's profile)
    do {
      await nextTurn();
      const group = this.waiting.splice(0, MAX_GROUP);
      // more than a group waiting goes on at once; what arrives meanwhile says whether it is urgent
      this.urgent = this.waiting.length > 0;
      try {
        const recorded = await this.recordGroup(group.map((w) => w.attempt));
        group.forEach((w, i) => w.resolve(recorded[i]!));
      } catch (error) {
        if (group.length === 1) group[0]!.reject(error);
        else await this.oneByOne(group);
      }
    } while (this.urgent && this.waiting.length > 0);
    this.flushing = false;
    this.schedule();
  }

  private async oneByOne(group: readonly Waiting[]): Promise<void> {
    for (const w of group) {
      try {
        const [recorded] = await this.recordGroup([w.attempt]);
        w.resolve(recorded!);
      } catch (error) {
        w.reject(error);
      }
    }
  }
}
