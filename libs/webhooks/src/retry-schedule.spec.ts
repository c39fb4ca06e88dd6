import { describe, expect, it } from '@jest/globals';
import { nextRetryDelayMs, parseRetryAfter } from './retry-schedule.js';

describe('the retry schedule', () => {
  it('waits the scheduled delay with up to 20 % jitter, and gives up when the schedule is spent', () => {
    expect(nextRetryDelayMs([0, 5, 300], 1, null, () => 0.5)).toBe(5000);
    expect(nextRetryDelayMs([0, 5, 300], 2, null, () => 0)).toBe(240_000);
    expect(nextRetryDelayMs([0, 5, 300], 2, null, () => 1)).toBe(360_000);
    expect(nextRetryDelayMs([0, 5, 300], 3)).toBeNull();
  });

  it('honours a longer Retry-After, capped at a day', () => {
    expect(nextRetryDelayMs([0, 5], 1, 60, () => 0.5)).toBe(60_000);
    expect(nextRetryDelayMs([0, 5], 1, 1, () => 0.5)).toBe(5000);
    expect(nextRetryDelayMs([0, 5], 1, 10 ** 9, () => 0.5)).toBe(24 * 3600 * 1000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', now)).toBe(60);
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});
