import { CATCH_UP_HEAP_GROWING_PERCENT, HeapGrowth } from './heap-growth.js';

describe('HeapGrowth (the heap held while the log is read from behind)', () => {
  const recorder = () => {
    const flags: string[] = [];
    return { flags, set: (flag: string) => void flags.push(flag) };
  };

  it('holds the growth while the work runs and gives it back to V8 after, once for work inside work', async () => {
    const { flags, set } = recorder();
    const growth = new HeapGrowth(set, false);
    const seen: string[][] = [];
    const answer = await growth.heldDuring(async () => {
      seen.push([...flags]);
      return growth.heldDuring(async () => {
        seen.push([...flags]);
        return 42;
      });
    });
    expect(answer).toBe(42);
    expect(seen).toEqual([[`--heap-growing-percent=${CATCH_UP_HEAP_GROWING_PERCENT}`], [`--heap-growing-percent=${CATCH_UP_HEAP_GROWING_PERCENT}`]]);
    expect(flags).toEqual([`--heap-growing-percent=${CATCH_UP_HEAP_GROWING_PERCENT}`, '--heap-growing-percent=0']);
  });

  it('gives the growth back when the work fails', async () => {
    const { flags, set } = recorder();
    const growth = new HeapGrowth(set, false);
    await expect(growth.heldDuring(() => Promise.reject(new Error('commit failed')))).rejects.toThrow('commit failed');
    expect(flags.at(-1)).toBe('--heap-growing-percent=0');
    await growth.heldDuring(async () => undefined);
    expect(flags).toHaveLength(4);
  });

  it("leaves the operator's own --heap-growing-percent alone", async () => {
    const { flags, set } = recorder();
    await new HeapGrowth(set, true).heldDuring(async () => undefined);
    expect(flags).toEqual([]);
  });
});
