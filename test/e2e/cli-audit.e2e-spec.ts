import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exampleNotice, startApp, type RunningApp } from '../support/app-harness.js';
import { regtl } from '../support/regtl.js';

/** What `regtl export | verify | replay` (npm run export, audit:verify, audit:replay) print and exit with, on the seed data. */
describe('the audit commands on the seed data', () => {
  let app: RunningApp;
  const cli = (args: string[]) => regtl(args, { DATA_DIR: app.dataDir });
  beforeAll(async () => {
    app = await startApp({}, { seed: true });
  });
  afterAll(() => app.stop());

  it('exports NDJSON and CSV, replays with --compare against the live API, verifies the file and a saved digest', async () => {
    const file = join(app.dataDir, 'export.ndjson');
    const exported = await cli(['export', '--out', file]);
    expect(exported).toMatchObject({ code: 0, stderr: expect.stringMatching(/exported \d+ events/) });
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');

    const csvFile = join(app.dataDir, 'export.csv');
    expect((await cli(['export', '--out', csvFile])).code).toBe(0);
    const csv = readFileSync(csvFile, 'utf8').split('\n');
    const first = JSON.parse(lines[0] as string) as { eventId: string; stream: string; type: string; data: unknown };
    expect(csv[0]).toBe('position,eventId,stream,revision,type,recordedAt,data,metadata');
    // data and metadata as JSON text, quoted as RFC 4180 says (a quote doubled)
    expect(csv[1]).toContain(`1,${first.eventId},${first.stream},0,${first.type},`);
    expect(csv[1]).toContain(`"${JSON.stringify(first.data).replaceAll('"', '""')}"`);

    const replay = await cli(['replay', '--file', file, '--as-of', '2020-06-30', '--jurisdiction', 'CN-NX', '--compare', app.baseUrl]);
    expect(replay.stderr).toContain('replay and the service agree');
    expect(replay.code).toBe(0);
    const national = await cli(['replay', file, '--as-of', '2020-03-31']);
    expect(JSON.parse(national.stdout)).toMatchObject({
      question: { recordedAt: `position:${lines.length}` }, state: { asOf: '2020-03-31T23:59:59.999+08:00' }, bans: { jurisdiction: null },
    });

    const digest = JSON.stringify((await app.request('GET', '/v1/audit/digest')).body);
    expect(await cli(['verify', '--file', file, '--digest', digest])).toMatchObject({ code: 0 });
    const verified = await cli(['verify', '--digest', digest]);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, digest: { ok: true } });
    // the service itself, by URL: GET /v1/audit/verify, and the digest at the saved position
    const remote = await cli(['verify', app.baseUrl, '--digest', digest]);
    expect(remote.code).toBe(0);
    expect(JSON.parse(remote.stdout)).toMatchObject({ ok: true, digest: { ok: true } });
  });

  it('replays pinned to the export\'s last position: no false differences after the log grew, and position:N as the API takes it', async () => {
    const file = join(app.dataDir, 'pinned.ndjson');
    expect((await cli(['export', '--out', file])).code).toBe(0);
    const last = readFileSync(file, 'utf8').trimEnd().split('\n').length;
    // the log grows after the export: a ban in Ningxia in force on the day asked
    const grown = await app.request('POST', '/v1/notices', { body: exampleNotice({
      jurisdiction: 'CN-NX', effects: [{ type: 'InstitutionsBanned', jurisdiction: 'CN-NX', effective: '2020-06-01', count: 5 }] }) });
    expect(grown.status).toBe(201);
    const now = await regtl(['bans', '-j', 'CN-NX', '--as-of', '2020-06-30', '--json', '--url', app.baseUrl, '--known-at', '2100']);
    expect(JSON.parse(now.stdout).bans.map((ban: { summary: string }) => ban.summary)).toContain('5 institutions banned');

    // unpinned (the service's latest log), the grown log is a difference: exit 1
    const unpinned = await cli(['replay', file, '--as-of', '2020-06-30', '-j', 'CN-NX', '--recorded-at', '2100-01-01T00:00:00Z', '--compare', app.baseUrl]);
    expect(unpinned).toMatchObject({ code: 1, stderr: expect.stringMatching(/\d+ differences between replay \(left\) and the service \(right\)/) });
    const pinned = await cli(['replay', file, '--as-of', '2020-06-30', '-j', 'CN-NX', '--compare', app.baseUrl]);
    expect(pinned.stderr).toContain(`replay and the service agree (pinned at position:${last})`);
    expect(pinned.code).toBe(0);
    const earlier = await cli(['replay', file, '--as-of', '2020-06-30', '--recorded-at', `position:${last - 40}`, '--compare', app.baseUrl]);
    expect(earlier).toMatchObject({ code: 0, stderr: expect.stringContaining(`pinned at position:${last - 40}`) });
    const beyond = await cli(['replay', file, '--as-of', '2020-06-30', '--recorded-at', `position:${last + 1}`, '--compare', app.baseUrl]);
    expect(beyond).toMatchObject({ code: 2, stderr: expect.stringContaining(`past the export's last event (position ${last})`) });
  });

  it('exits 1 and names the altered event and the broken digest after the file is edited', async () => {
    const digest = JSON.stringify((await app.request('GET', '/v1/audit/digest')).body);
    const db = new Database(join(app.dataDir, 'events.sqlite'));
    db.prepare("UPDATE events SET data = json_set(data, '$.count', 999) WHERE position = 5").run();
    db.close();
    const result = await cli(['verify', '--digest', digest]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/BROKEN \(altered\) at position 5/);
    expect(result.stderr).toMatch(/digest MISMATCH/);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, broken: { kind: 'altered', position: 5 }, digest: { ok: false } });
    const remote = await cli(['verify', '--url', app.baseUrl]);
    expect(remote.code).toBe(1);
    expect(remote.stderr).toMatch(/BROKEN \(altered\) at position 5/);
  });
});
