/**
 * When to try a delivery again. Entry i is the delay (seconds) before attempt i + 1, so the
 * schedule's length is the number of attempts; the first entry is normally 0 (send at once).
 */
export const DEFAULT_RETRY_SCHEDULE: readonly number[] = [0, 5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600];

/** A Retry-After longer than this is treated as this: a receiver may not park a delivery forever. */
export const MAX_RETRY_AFTER_SECONDS = 24 * 3600;

/** "0,5,300" -> [0, 5, 300]; throws naming the variable on anything else. */
export function parseRetrySchedule(text: string | undefined, name = 'WEBHOOK_RETRY_SCHEDULE'): readonly number[] {
  if (text === undefined || text.trim() === '') return DEFAULT_RETRY_SCHEDULE;
  const delays = text.split(',').map((part) => Number(part.trim()));
  if (delays.some((delay) => !Number.isFinite(delay) || delay < 0)) {
    throw new Error(`${name} must be comma-separated seconds (e.g. 0,5,300); got "${text}"`);
  }
  return delays;
}

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
