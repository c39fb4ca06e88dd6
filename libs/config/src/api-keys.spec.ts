import { describe, expect, it } from '@jest/globals';
import { findKey, parseApiKeys } from './api-keys.js';

describe('API_KEYS', () => {
  it('role/name:key keeps every colon after the first in the key', () => {
    const keys = parseApiKeys('editor/newsroom:s3:cr:et, subscriber/alice:a:b');
    expect(keys.map((key) => [key.role, key.name])).toEqual([['editor', 'newsroom'], ['subscriber', 'alice']]);
    expect(findKey(keys, 's3:cr:et')?.name).toBe('newsroom');
    expect(findKey(keys, 's3')).toBeUndefined();
    expect(findKey(keys, 'a:b')?.name).toBe('alice');
  });

  it('role:key[:name] reads as before', () => {
    const keys = parseApiKeys('editor:s3cret:newsroom,auditor:au');
    expect(findKey(keys, 's3cret')?.name).toBe('newsroom');
    expect(findKey(keys, 'au')?.name).toMatch(/^auditor-[0-9a-f]{8}$/);
  });

  it('refuses what could be read two ways, naming the entry and the forms', () => {
    expect(() => parseApiKeys('editor:ok,editor:a:b:newsroom')).toThrow(/API_KEYS entry 2 is ambiguous.*role\/name:key/);
    for (const bad of ['admin:k', 'editor', 'editor:', 'editor/:k', 'editor/name', 'editor/name:', 'editorx:k']) {
      expect(() => parseApiKeys(bad)).toThrow(/API_KEYS entry 1/);
    }
  });
});
