import { describe, expect, it } from '@jest/globals';
import { cursorOf, nextCursor, offsetOfCursor } from './list-page.js';

describe('list cursors', () => {
  it('given a cursor of a list, when read back for that list, then its offset; for another list or garbled, null', () => {
    const cursor = cursorOf('timeline', 100);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(offsetOfCursor('timeline', cursor)).toBe(100);
    expect(offsetOfCursor('bans', cursor)).toBeNull();
    for (const garbled of ['100', 'abc', '', '!!', cursorOf('bans', 3).slice(1), 'x'.repeat(200)]) {
      expect([garbled, offsetOfCursor('bans', garbled)]).toStrictEqual([garbled, null]);
    }
  });

  it('given a page, when the list goes on past it, then the next cursor; on the last page, null', () => {
    expect(nextCursor('bans', { offset: 0, limit: 10 }, 25)).toBe(cursorOf('bans', 10));
    expect(nextCursor('bans', { offset: 20, limit: 10 }, 25)).toBeNull();
    expect(nextCursor('bans', { offset: 0, limit: 10 }, 10)).toBeNull();
  });
});
