import { setFlagsFromString } from 'node:v8';

/**
 * While the log is read from behind (a rebuild from zero, a catch-up after downtime), V8's old
 * generation may grow to this much above what survived its last full collection: 1.5x, where V8
 * otherwise lets a fast-allocating process's heap grow up to 4x. A place's projection allocates
 * fast and keeps little (bench at 1M events: 448 -> 276 MiB peak RSS of a rebuild, at the same
 * rate), so the process's memory follows what is live rather than what was allocated.
 */
export const CATCH_UP_HEAP_GROWING_PERCENT = 50;

const FLAG = '--heap-growing-percent';

/** How a process's V8 heap growth is held and let go (node:v8's flags; a test passes its own). */
export class HeapGrowth {
  private holders = 0;

  constructor(
    private readonly setFlags: (flags: string) => void = setFlagsFromString,
    /** the operator's own choice (node started with the flag) is left alone */
    private readonly chosenByOperator: boolean = process.execArgv.some((argument) => argument.startsWith(FLAG) || argument.startsWith('--heap_growing_percent')),
  ) {}

  /** Runs `work` with the heap's growth held at CATCH_UP_HEAP_GROWING_PERCENT; V8's own policy again once the last holder is done. */
  async heldDuring<T>(work: () => Promise<T>): Promise<T> {
    if (this.chosenByOperator) return work();
    if (this.holders === 0) this.setFlags(`${FLAG}=${CATCH_UP_HEAP_GROWING_PERCENT}`);
    this.holders += 1;
    try {
      return await work();
    } finally {
      this.holders -= 1;
      // 0: V8 chooses the factor from its collections' speed (its default)
      if (this.holders === 0) this.setFlags(`${FLAG}=0`);
    }
  }
}

/** The holder of this thread's module (V8's flags are the whole process's: of its threads, only one reads the log). */
export const processHeapGrowth = new HeapGrowth();
