import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { API, start, stop, type Running } from '../support/processes.js';
import { regtl } from '../support/regtl.js';

/**
 * regtl against the compiled server as `npm start` runs it (seeded on its first start): the read
 * commands, and `rebuild` refused beside it.
 */
describe('regtl against a running seeded server', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'regtl-server-'));
  let server: Running;
  beforeAll(async () => {
    server = await start(API, dataDir, {}, 90_000);
  }, 120_000);
  afterAll(async () => {
    if (server) await stop(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('`regtl bans --as-of 2020-06` prints the bans in force, one line each', async () => {
    const result = await regtl(['bans', '--as-of', '2020-06'], { REGTL_URL: server.baseUrl });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Bans in force on 2020-06-30T23:59:59\.999\+08:00 in all of China: \d+/);
    // document 000: "the autonomous region leading group for preventing and resolving financial risks
    // decided to ban 28 online lending institutions in three batches in the region."
    expect(result.stdout).toMatch(/ {2}CN-NX +InstitutionsBanned +2020-05-29\/2020-06-30 +28 online lending institutions banned\n/);
    // the same answer as the service's JSON with --json
    const json = await regtl(['bans', '--as-of', '2020-06', '--json', '--url', server.baseUrl]);
    const answer = JSON.parse(json.stdout) as { total: number; bans: Array<{ jurisdiction: string }> };
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(answer.bans.length + 1);
    expect(result.stdout).toContain(`in all of China: ${answer.total}`);
  });

  it('answers asof, timeline and diff, and says a refused question with exit 2', async () => {
    const url = ['--url', server.baseUrl];
    const place = await regtl(['asof', 'CN-NX', '--as-of', '2020-06-30', ...url]);
    expect(place).toMatchObject({ code: 0 });
    expect(place.stdout).toMatch(/^Ningxia \(CN-NX\) as of 2020-06-30/);
    expect(place.stdout).toMatch(/banned 28 \(2020-05-29\/2020-06-30\)/);
    const nation = await regtl(['asof', '--as-of', '2020-06', ...url]);
    expect(nation.stdout).toMatch(/online-lending prohibited in \d+ jurisdictions/);
    const timeline = await regtl(['timeline', 'CN-NX', ...url]);
    expect(timeline.stdout).toMatch(/^Ningxia \(CN-NX\): \d+ facts/);
    const diff = await regtl(['diff', '--from', '2019-12', '--to', '2020-06', ...url]);
    expect(diff.stdout).toMatch(/\+ CN-NX +InstitutionsBanned/);
    const refused = await regtl(['bans', '--as-of', 'yesterday', ...url]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/GET \/v1\/bans: HTTP 400 .*asOf/);
  });

  it('`regtl rebuild` refuses while the server runs on the data dir, and rebuilds once it has stopped', async () => {
    const refused = await regtl(['rebuild', '--data-dir', dataDir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`a server is running on data dir ${dataDir} (process ${server.child.pid})`);
    expect(refused.stdout).toBe('');
    // nothing was emptied: the server answers as before
    expect((await regtl(['bans', '--as-of', '2020-06', '--url', server.baseUrl])).stdout).toContain('28 online lending institutions banned');

    await stop(server.child);
    const rebuilt = await regtl(['rebuild', '--data-dir', dataDir]);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toMatch(/rebuilt from \d+ events/);
    server = await start(API, dataDir, {}, 90_000);
    expect((await regtl(['bans', '--as-of', '2020-06', '--url', server.baseUrl])).stdout).toContain('28 online lending institutions banned');
  }, 180_000);
});
