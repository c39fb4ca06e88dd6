import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type RunningApp } from '../support/app-harness.js';
import { readmeExamples, runExample, type ExampleRun } from '../support/readme-examples.js';

/**
 * The README's "Using the API" examples, run as written (bash, curl, jq) against a fresh seeded
 * server, in the README's order: each answers the status the README states (else a 2xx), and the
 * answers whose shape the README describes have it. Placeholders (`<noticeId>`) are what the
 * examples before them returned, as a reader would fill them in.
 */
const root = path.resolve(import.meta.dirname, '..', '..');
const examples = readmeExamples(readFileSync(path.join(root, 'README.md'), 'utf8'));

const json = (run: ExampleRun): any => JSON.parse(run.stdout);
const bodyAfterHeaders = (run: ExampleRun): any => JSON.parse(run.stdout.slice(run.stdout.indexOf('\r\n\r\n') + 4));

/**
 * What the README says an answer shows, by the command's text (the comments beside it). Sources
 * for the seed figures are quoted in truth-model.e2e-spec.ts and seeds/README.md.
 */
const CSV_ASKED = /text\/csv|format=csv/;
const shapes: Array<{ match: RegExp; csv?: true; check: (run: ExampleRun, command: string) => void }> = [
  { match: /\/v1\/events\?limit=5"/, check: (run) => {
    expect(json(run).events).toHaveLength(5);
    expect(json(run)).toHaveProperty('next');
  } },
  { match: /-X POST "\$B\/v1\/notices" .*Idempotency-Key/s, check: (run) => {
    expect(Object.keys(json(run))).toEqual(expect.arrayContaining(['noticeId', 'position', 'revision', 'replayed', 'events']));
  } },
  { match: /curl -i "\$B\/v1\/notices\/<noticeId>"/, check: (run) => {
    expect(run.stdout).toMatch(/^etag: "\d+"/im);
    expect(bodyAfterHeaders(run)).toHaveProperty('revision');
  } },
  // "As of March 31, 2020, the number of operating institutions had dropped to 139" (seeds/README.md, documents 001-003)
  { match: /\/v1\/state\?asOf=2020-06-30"\s+# national\.counts\.operating/, check: (run) => {
    expect(json(run).national.counts.operating).toMatchObject({ value: 139, effective: { text: '2020-03-31' }, inForce: 'certain' });
  } },
  { match: /\/v1\/diff\?from=2020-06-30&to=2020-12-31"/, check: (run) => {
    expect(json(run).ended.some((fact: any) => /139/.test(fact.summary))).toBe(true);
  } },
  { match: /select\(\.disputed\)/, check: (run) => {
    expect(run.stdout).toMatch(/"disputed": true/);
  } },
  { match: /\/v1\/state\?asOf=2019"/, check: (run) => {
    expect(json(run).prohibitedJurisdictions.length).toBeGreaterThan(0);
    for (const place of json(run).prohibitedJurisdictions) expect(Object.keys(place).sort()).toEqual(['certainty', 'code', 'since']);
  } },
  { match: /\/v1\/bans\?asOf=2020-06"/, check: (run) => expect(json(run).bans.length).toBeGreaterThan(0) },
  { match: /\/v1\/jurisdictions\/[^"/]+\/state\?asOf=2020-06-30/, check: (run, command) => {
    expect(json(run)).toHaveProperty('jurisdiction.code');
    expect(json(run)).toHaveProperty('counts');
    // lean unless include=facts asks for the facts in force
    expect(json(run)).toHaveProperty(/include=facts/.test(command) ? 'facts' : 'factsTotal');
  } },
  { match: /\/timeline/, check: (run) => {
    const body = run.stdout.startsWith('HTTP/') ? bodyAfterHeaders(run) : json(run);
    expect(body.facts.length).toBeGreaterThan(0);
  } },
  { match: /\/v1\/institutions\?q=/, check: (run) => expect(JSON.stringify(json(run))).toMatch(/weidai/) },
  { match: /\/v1\/institutions\/weidai\/state/, check: (run) => {
    expect(json(run).status).toBe('exited');
  } },
  { match: /"\$B\/v1\/jurisdictions"/, check: (run) => {
    expect(Object.keys(json(run)[0])).toEqual(expect.arrayContaining(['code', 'name', 'nameZh', 'level', 'parent', 'gbCode']));
  } },
  { match: /quoteAt/, check: (run) => expect(json(run).quoteAt).not.toBeNull() },
  { match: /\/v1\/jurisdictions\/CN-NX\/state\?asOf=2020-06-30&recordedAt=/, check: (run) => expect(json(run).facts.length).toBeGreaterThan(0) },
  { match: /\/v1\/bans\?asOf=2020-06&recordedAt=/, check: (run) => expect(json(run).bans.length).toBeGreaterThan(0) },
  { match: CSV_ASKED, csv: true, check: (run) => {
    expect(run.stdout.split('\r\n')[0]).toMatch(/^[a-zA-Z]+(,[a-zA-Z]+)+$/);
    expect(run.stdout.split('\r\n').length).toBeGreaterThan(2);
  } },
  // research/timeline-facts.md: "| 2019-10-18 (day) | CN-SD Shandong | none passed review; all P2P business banned | ..."
  { match: /CN-SD\/series\?from=2019-01&to=2020-12/, check: (run) => {
    const points = json(run).points;
    expect(points.find((point: any) => point.date === '2019-09-30').prohibition.prohibited).toBe(false);
    expect(points.find((point: any) => point.date === '2019-10-31').prohibition).toMatchObject({ prohibited: true, certainty: 'certain' });
  } },
  // document 000: "Up to now, 147 corporate online lending institutions have all closed down." (announced May 29th)
  { match: /CN-HB\/series\?.*measure=closed/, check: (run) => {
    expect(json(run).points.find((point: any) => point.date === '2020-05-29').count.value).toBe(147);
  } },
];

describe('README examples, run as written', () => {
  let app: RunningApp;
  const placeholders: Record<string, string> = {};

  beforeAll(async () => {
    app = await startApp({}, { seed: true });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('finds the examples of "Using the API"', () => {
    expect(examples.length).toBeGreaterThan(20);
  });

  it.each(examples.map((example) => [example.command.split('\n')[0] as string, example] as const))('%s', async (_title, example) => {
    const run = await runExample(example.command, app.baseUrl, placeholders);
    const detail = `${example.section}\n${example.command}\n${run.stdout.slice(0, 2000)}\n${run.stderr}`;
    const status = example.status === null ? (run.status !== null && run.status >= 200 && run.status < 300 ? '2xx' : run.status) : run.status;
    expect({ status, exitCode: run.exitCode, detail }).toEqual({ status: example.status ?? '2xx', exitCode: 0, detail });
    if (example.command.includes('-X POST "$B/v1/notices" ') && !placeholders.noticeId) placeholders.noticeId = json(run).noticeId;
    // a CSV answer has the CSV shape; the JSON shapes are of the JSON answers
    const csv = CSV_ASKED.test(example.command);
    for (const shape of shapes) if (shape.match.test(example.command) && (shape.csv ?? false) === csv) shape.check(run, example.command);
  });
});
