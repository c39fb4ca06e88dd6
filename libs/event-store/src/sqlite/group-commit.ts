/** What one unit of a group came to: its result, or the refusal that rolled back its part alone. */
export type UnitOutcome<Result> = { readonly ok: true; readonly result: Result } | { readonly ok: false; readonly error: unknown };

/** The most units one durable commit takes: a flood is committed in several transactions, none of them huge. */
const MAX_UNITS_PER_COMMIT = 512;

interface Waiting<Unit, Result> {
  readonly unit: Unit;
  readonly resolve: (result: Result) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: the units submitted in one turn of the event loop share ONE durable transaction
 * (one fsync) in the order they were submitted; each still gets its own outcome (`commit` runs
 * every unit in a savepoint of its own). A SQLite commit is synchronous and blocks the loop, so the
 * requests that arrive during one are all parsed in the next poll phase, and reach here before the
 * check phase (setImmediate) runs the next commit with all of them. No promise settles before the
 * commit that holds its unit has returned: nothing is answered before it is durable.
 */
export class GroupCommit<Unit, Result> {
  private waiting: Waiting<Unit, Result>[] = [];
  private scheduled: NodeJS.Immediate | null = null;

  constructor(private readonly commit: (units: readonly Unit[]) => UnitOutcome<Result>[]) {}

  submit(unit: Unit): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({ unit, resolve, reject });
      this.scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Commits everything waiting now (close() calls it so that nothing submitted is dropped). */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0, MAX_UNITS_PER_COMMIT);
      let outcomes: UnitOutcome<Result>[];
      try {
        outcomes = this.commit(group.map((waiting) => waiting.unit));
      } catch (error) {
        // the transaction itself failed (busy, I/O, commit): nothing of it was written, every unit is refused
        for (const waiting of group) waiting.reject(error);
        continue;
      }
      group.forEach((waiting, index) => {
        const outcome = outcomes[index]!;
        if (outcome.ok) waiting.resolve(outcome.result);
        else waiting.reject(outcome.error);
      });
    }
  }
}
