/** the longest wait before resubscribing */
export const MAX_BACKOFF_MS = 10_000;

/** Exponential backoff with jitter after `failures` failures in a row: 100 ms, 200 ms, ... up to MAX_BACKOFF_MS. */
export const backoffDelay = (failures: number, random: () => number = Math.random): number =>
  Math.min(MAX_BACKOFF_MS, 100 * 2 ** failures) * (0.5 + random() / 2);
