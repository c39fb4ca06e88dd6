import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { API, launch, PROJECTOR } from '../support/processes.js';

/**
 * Issue 18, operator basics: the configuration is checked before anything opens. A bad value stops
 * the start with exit code 2 and one line per bad variable, no stack trace; a database that cannot
 * be reached is named by its variable, without its password.
 */

const root = mkdtempSync(path.join(tmpdir(), 'timeline-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const lines = (output: string) => output.split('\n').filter((line) => line.trim() !== '');

describe.each([['the api', API], ['the projector', PROJECTOR]])('%s with bad variables', (_name, script) => {
  it('exits 2 with exactly one line per bad variable, before it creates its data directory', async () => {
    const dataDir = path.join(root, `never-created-${path.basename(path.dirname(path.dirname(script)))}`);
    const outcome = await launch(script, dataDir, { PORT: 'eighty', WEBHOOK_ALLOW_PRIVATE: 'yes', DATABASE_URL: 'mysql://reader:hunter2@db/timeline' });
    expect('exited' in outcome && outcome.exited).toBe(2);
    const output = 'exited' in outcome ? outcome.output : '';
    expect(lines(output)).toStrictEqual([
      'PORT must be an integer from 0 to 65535; got "eighty"',
      'DATABASE_URL must be a connection string starting with postgres://, postgresql://',
      'WEBHOOK_ALLOW_PRIVATE must be true, false, 1 or 0; got "yes"',
    ]);
    expect(existsSync(dataDir)).toBe(false);
  });
});

describe('the api with a PostgreSQL it cannot reach', () => {
  it('exits 1 with a line naming DATABASE_URL and where it points, never the password', async () => {
    const outcome = await launch(API, path.join(root, 'unreachable'), { DATABASE_URL: 'postgres://reader:hunter2@127.0.0.1:1/timeline' });
    expect('exited' in outcome && outcome.exited).toBe(1);
    const output = 'exited' in outcome ? outcome.output : '';
    expect(output).toMatch(/^DATABASE_URL: could not open the PostgreSQL read models at 127\.0\.0\.1:1\/timeline: .*ECONNREFUSED/m);
    expect(output).not.toContain('hunter2');
    expect(output).not.toMatch(/^\s+at /m);
  });
});
