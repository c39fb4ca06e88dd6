import { describe, expect, it } from '@jest/globals';
import { DEFAULT_RETRY_SCHEDULE, parseRetrySchedule } from './webhook-config.js';

describe('the retry schedule', () => {
  it('defaults to immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h', () => {
    expect(parseRetrySchedule(undefined)).toEqual([0, 5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(DEFAULT_RETRY_SCHEDULE).toHaveLength(8);
  });

  it('is overridden by WEBHOOK_RETRY_SCHEDULE, and a bad one is refused by name', () => {
    expect(parseRetrySchedule('0, 0.2,0.2')).toEqual([0, 0.2, 0.2]);
    expect(() => parseRetrySchedule('0,soon')).toThrow(/WEBHOOK_RETRY_SCHEDULE/);
  });

});
