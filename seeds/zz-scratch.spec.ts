import { readFileSync } from 'node:fs';
import { it } from '@jest/globals';
import { allSeeds } from './index.js';
it('compare', () => {
  const fixture = JSON.parse(readFileSync('test/fixtures/seeds-2026-11.json', 'utf8')) as { key: string; notice: unknown }[];
  for (const f of fixture) {
    const s = allSeeds.find((x) => x.key === f.key);
    if (JSON.stringify(s?.notice) !== JSON.stringify(f.notice)) console.log('differs', f.key);
  }
});
