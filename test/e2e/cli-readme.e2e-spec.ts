import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type RunningApp } from '../support/app-harness.js';
import { REGTL, root } from '../support/regtl.js';

/**
 * The README's regtl lines, run as written (bash; `npx regtl` is the compiled bin, as npx runs it)
 * against a seeded server whose data dir is ./data of the directory they run in; the README's
 * http://127.0.0.1:3000 is that server, and REGTL_URL names it for the lines that rely on the default.
 */
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const section = (heading: string) => {
  const start = readme.indexOf(`\n${heading}\n`);
  return readme.slice(start, readme.indexOf('\n## ', start + heading.length + 2));
};
const bashLines = (text: string, pattern: RegExp) => [...text.matchAll(/```bash\n([\s\S]*?)```/g)]
  .flatMap((block) => (block[1] as string).split('\n')).filter((line) => pattern.test(line));

describe('the README\'s regtl lines, run as written', () => {
  let app: RunningApp;
  let cwd: string;
  const run = (line: string) => new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const script = `npx() { if [ "$1" = regtl ]; then shift; node '${REGTL}' "$@"; else command npx "$@"; fi; }\n${line.replaceAll('http://127.0.0.1:3000', app.baseUrl)}`;
    execFile('bash', ['-c', script], { cwd, env: { ...process.env, B: app.baseUrl, REGTL_URL: app.baseUrl, DATA_DIR: '', API_KEYS: '' }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }));
  });
  beforeAll(async () => {
    app = await startApp({}, { seed: true });
    cwd = mkdtempSync(path.join(tmpdir(), 'regtl-readme-'));
    symlinkSync(app.dataDir, path.join(cwd, 'data'));
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('for auditors: export, verify (a data dir, an export, a service, a digest) and replay each exit 0, in order', async () => {
    const lines = bashLines(section('## For auditors'), /^(npx regtl|curl -s "\$B\/v1\/audit\/digest")/);
    expect(lines.length).toBeGreaterThanOrEqual(6);
    for (const line of lines) {
      const result = await run(line);
      expect({ line, code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({ line, code: 0, stderr: '' });
    }
  }, 180_000);

  it('the command line: `npx regtl bans --as-of 2020-06` prints what the README shows', async () => {
    const text = section('## The command line: regtl');
    const [line] = bashLines(text, /^npx regtl bans --as-of 2020-06$/);
    const result = await run(line as string);
    expect(result.code).toBe(0);
    // the README's lines of its output (`# ` before each; `...` stands for the others)
    const shown = /npx regtl bans --as-of 2020-06\n((?:# .*\n)+)/.exec(text)?.[1]?.split('\n').map((l) => l.replace(/^# /, '')).filter((l) => l && l.trim() !== '...') ?? [];
    expect(shown.length).toBeGreaterThanOrEqual(3);
    // document 000: "decided to ban 28 online lending institutions in three batches in the region."
    for (const expected of shown) expect(result.stdout.split('\n')).toContain(expected);
  });
});
