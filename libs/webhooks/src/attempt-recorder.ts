import { setImmediate as nextTurn } from 'node:timers/promises';
import type { AttemptToRecord, RecordedAttempt } from './record-attempt.js';

/** attempts per transaction at most (a full sender has 32 in flight; a replay's burst can queue more) */
const MAX_GROUP = 256;

interface Waiting {
  readonly attempt: AttemptToRecord;
  resolve(recorded: RecordedAttempt): void;
  reject(error: unknown): void;
}

/**
 * Group commit of attempts. The answers that arrive while a transaction runs (on SQLite it holds
 * the event loop) wait for the next turn and go in one transaction together: one commit for
 * tens of attempts, where a commit each spent more than the sends. A group that fails is
 * recorded again attempt by attempt, so one bad attempt fails alone; nothing is held back
 * between turns, and a caller learns its outcome only once it is committed.
 */
export class AttemptRecorder {
  private readonly waiting: Waiting[] = [];
  private flushing = false;

  constructor(private readonly recordGroup: (attempts: readonly AttemptToRecord[]) => Promise<RecordedAttempt[]>) {}

  record(attempt: AttemptToRecord): Promise<RecordedAttempt> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ attempt, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        void this.flush();
      }
    });
  }

  private async flush(): Promise<void> {
    // each group waits for the turn of the event loop to end, so the answers read in that turn
    // join it: a transaction's statements resolve in microtasks, which run after every I/O
    // callback, so a group started at once would hold only the answers before it (commits were a
    // fifth of the sender's CPU in the bench's profile)
    for (await nextTurn(); this.waiting.length > 0; await nextTurn()) {
      const group = this.waiting.splice(0, MAX_GROUP);
      try {
        const recorded = await this.recordGroup(group.map((w) => w.attempt));
        group.forEach((w, i) => w.resolve(recorded[i]!));
      } catch (error) {
        if (group.length === 1) group[0]!.reject(error);
        else await this.oneByOne(group);
      }
    }
    this.flushing = false;
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
