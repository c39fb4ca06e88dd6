import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type RunningApp } from '../support/app-harness.js';

const run = promisify(execFile);
const CLI = (name: string) => join(process.cwd(), 'dist/apps/api/src/audit/cli', `${name}.js`);

/** What `npm run export | audit:verify | audit:replay` print and exit with (the built CLIs: `npm run build` first). */
describe('the audit CLIs on the seed data', () => {
  let app: RunningApp;
  const cli = async (name: string, args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [CLI(name), ...args], { env: { ...process.env, DATA_DIR: app.dataDir } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };
  beforeAll(async () => {
    app = await startApp({}, { seed: true });
  });
  afterAll(() => app.stop());

  it('exports, replays with --compare against the live API, verifies the file and a saved digest', async () => {
    const file = join(app.dataDir, 'export.ndjson');
    const exported = await cli('export', ['--out', file]);
    expect(exported).toMatchObject({ code: 0, stderr: expect.stringMatching(/exported \d+ events/) });

    const replay = await cli('replay', ['--file', file, '--as-of', '2020-06-30', '--jurisdiction', 'CN-NX', '--compare', app.baseUrl]);
    expect(replay.stderr).toContain('replay and API agree');
    expect(replay.code).toBe(0);
    const national = await cli('replay', ['--file', file, '--as-of', '2020-03-31']);
    expect(JSON.parse(national.stdout)).toMatchObject({ state: { asOf: '2020-03-31T23:59:59.999+08:00' }, bans: { jurisdiction: null } });

    const digest = JSON.stringify((await app.request('GET', '/v1/audit/digest')).body);
    expect(await cli('verify', ['--file', file, '--digest', digest])).toMatchObject({ code: 0 });
    const verified = await cli('verify', ['--digest', digest]);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, digest: { ok: true } });
  });

  it('exits 1 and names the altered event and the broken digest after the file is edited', async () => {
    const digest = JSON.stringify((await app.request('GET', '/v1/audit/digest')).body);
    const db = new Database(join(app.dataDir, 'events.sqlite'));
    db.prepare("UPDATE events SET data = json_set(data, '$.count', 999) WHERE position = 5").run();
    db.close();
    const result = await cli('verify', ['--digest', digest]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/BROKEN \(altered\) at position 5/);
    expect(result.stderr).toMatch(/digest MISMATCH/);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, broken: { kind: 'altered', position: 5 }, digest: { ok: false } });
    expect(readFileSync(join(app.dataDir, 'events.sqlite')).length).toBeGreaterThan(0);
  });
});
