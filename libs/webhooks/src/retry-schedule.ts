/** A Retry-After longer than this is treated as this: a receiver may not park a delivery forever. */
export const MAX_RETRY_AFTER_SECONDS = 24 * 3600;

/**
 * Delay in ms before the attempt after `attemptsMade` failed ones, or null when the schedule is
 * exhausted. Jitter (+-20 %) spreads the retries of many deliveries that failed together; a
 * Retry-After from the receiver wins when it asks for more time than the schedule.
 */
export function nextRetryDelayMs(
  schedule: readonly number[], attemptsMade: number, retryAfterSeconds: number | null = null, random: () => number = Math.random,
): number | null {
  const scheduled = schedule[attemptsMade];
  if (scheduled === undefined) return null;
  const jittered = scheduled * 1000 * (0.8 + 0.4 * random());
  const asked = retryAfterSeconds === null ? 0 : Math.min(retryAfterSeconds, MAX_RETRY_AFTER_SECONDS) * 1000;
  return Math.round(Math.max(jittered, asked));
}

/** Retry-After as seconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now: Date = new Date()): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return null;
  if (/^\d+$/.test(text.trim())) return Number(text.trim());
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}
