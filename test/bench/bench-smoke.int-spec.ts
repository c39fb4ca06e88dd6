import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from '@jest/globals';
import lockfile from 'proper-lockfile';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'bench-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every figure the issue asks for, by section: each must be a number in latest.json. */
const FIGURES: Record<string, readonly string[]> = {
  append: ['inProcess.noticesPerSecond', 'http.noticesPerSecond', 'raw.noticesPerSecond', 'inProcessRatio', 'httpRatio'],
  rebuild: ['eventsPerSecond', 'rawEventsPerSecond', 'ratio', 'peakRssMiB'],
  asOf: [
    'jurisdictionState.inProcess.p50Ms', 'jurisdictionState.inProcess.p99Ms', 'jurisdictionState.http.service.p99Ms',
    'jurisdictionState.http.bareFastify.requestsPerSecond', 'jurisdictionState.http.ratio',
    'bans.inProcess.p50Ms', 'bans.inProcess.p99Ms', 'bans.http.service.p99Ms', 'bans.http.bareFastify.requestsPerSecond', 'bans.http.ratio',
    'jurisdictionState.httpComputed.ratio', 'bans.httpComputed.ratio',
    'jurisdictionState.inProcessKnownAt.p99Ms', 'bans.inProcessKnownAt.p99Ms',
  ],
  flood: ['gated.health.p99Ms', 'gated.answerWorkers', 'inThread.health.p99Ms', 'open.health.p99Ms', 'gated.flood.requestsPerSecond'],
  growth: ['jurisdictionState.smallP99Ms', 'jurisdictionState.fullP99Ms', 'jurisdictionState.ratio', 'bans.ratio', 'projectorPeakRssMiB.ratio'],
  audit: ['verifyEventsPerSecond', 'rawSha256EventsPerSecond', 'ratio'],
  asOfPostgres: ['rebuild.eventsPerSecond', 'jurisdictionState.inProcess.p99Ms', 'jurisdictionState.http.ratio', 'bans.inProcess.p99Ms', 'bans.http.ratio'],
};

const at = (value: unknown, dotted: string): unknown =>
  dotted.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], value);

// The bench at a tiny size, as `npm run bench` runs it (dist is built by `npm test`): it works and
// writes every figure. No timing is asserted: a shared machine makes any threshold flaky.
describe('npm run bench at a tiny size', () => {
  it('writes every section with numeric figures, the machine and the corpus', async () => {
    const out = path.join(dir, 'latest.json');
    const markdown = path.join(dir, 'bench.md');
    const { stdout } = await run(process.execPath, [
      'dist/bench/run.js', '--events', '1000', '--duration', '1', '--connections', '2', '--work-dir', dir, '--out', out, '--postgres',
      '--markdown', markdown,
    ], { cwd: process.cwd(), maxBuffer: 16 << 20, timeout: 290_000 });
    expect(stdout).toContain('verdict');
    const results = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    expect(results.machine).toMatchObject({ cpus: expect.any(Number), node: process.version, date: expect.any(String) });
    expect(results.corpus).toMatchObject({ events: 1000, generationSeconds: expect.any(Number) });
    expect(results.asOfPostgres).toMatchObject({ server: expect.stringMatching(/^PostgreSQL \d+/) });
    for (const [section, figures] of Object.entries(FIGURES)) {
      for (const figure of figures) expect([`${section}.${figure}`, typeof at(results[section], figure)]).toEqual([`${section}.${figure}`, 'number']);
    }
    // webhooks: measured with numbers, or not measured with the reason why
    const webhooks = results.webhooks as { measured: boolean; ratio?: unknown; reason?: unknown };
    expect(webhooks.measured ? typeof webhooks.ratio : typeof webhooks.reason).toBe(webhooks.measured ? 'number' : 'string');
    // issue 17's targets, one row each ("webhooks, 32 subscriptions and 1 subscription: >= 0.5 of raw
    // POSTs" ... "report /health p99 during a flood of uncached reads"), then two earlier ones
    const targets = results.targets as Array<{ name: string; target: string; verdict: string }>;
    expect(targets).toHaveLength(15);
    // every section ran (webhooks may say why not: a stall is a finding)
    expect(targets.filter((t) => t.verdict === 'not measured' && !t.name.startsWith('webhooks')).map((t) => t.name)).toEqual([]);
    expect(targets.find((t) => t.name.startsWith('/health p99'))).toMatchObject({ target: '(reported)', verdict: 'reported' });
    // the Markdown the README's table is written from: the same targets and rows as printed
    const written = readFileSync(markdown, 'utf8');
    for (const t of targets) expect(written).toContain(`| ${t.name} | ${t.target} |`);
    expect(written).toContain('| webhooks | 32 subscriptions, one province each');
  }, 300_000);

  it('writes a run\'s table into the README between its markers (npm run bench:readme)', async () => {
    const readme = path.join(dir, 'README.md');
    const markers = readFileSync('README.md', 'utf8').match(/<!-- bench-table:start[^\n]*-->[\s\S]*?<!-- bench-table:end -->/);
    expect(markers).not.toBeNull();
    writeFileSync(readme, `# x\n\n${markers![0]}\n\nafter\n`);
    await run(process.execPath, ['dist/bench/readme-table.js', '--results', path.join(dir, 'latest.json'), '--readme', readme], { cwd: process.cwd() });
    const updated = readFileSync(readme, 'utf8');
    expect(updated).toContain('| webhooks 32 subscriptions / raw POSTs | >= 0.5 |');
    expect(updated.endsWith('<!-- bench-table:end -->\n\nafter\n')).toBe(true);
  });

  it('refuses to share its work dir with a bench already running there (it would time the other)', async () => {
    const workDir = mkdtempSync(path.join(dir, 'locked-'));
    const release = await lockfile.lock(workDir, { lockfilePath: path.join(workDir, 'bench.lock') });
    try {
      const refused = await run(process.execPath, ['dist/bench/run.js', '--events', '100', '--only', 'audit', '--work-dir', workDir,
        '--out', path.join(workDir, 'out.json')], { cwd: process.cwd() }).then(() => null, (error: { code: number; stderr: string }) => error);
      expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining(`another bench is running in ${workDir}`) });
    } finally {
      await release();
    }
  });
});
