import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { exampleNotice, startApp, type RunningApp } from '../support/app-harness.js';
import { csvObjects, parseCsv } from '../support/csv.js';

/**
 * The CSV form of state, bans, timelines and series (`Accept: text/csv` or `format=csv`), read back
 * by a CSV parser that is not ours: one row per fact (place, point) of the JSON answer, equal to it.
 */
const CSV = { accept: 'text/csv' };
const lines = (values: readonly unknown[]) => values.map(String).join('\n');
const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));

describe('CSV answers', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp({}, { seed: true });
  });
  afterAll(async () => {
    await app?.stop();
  });

  async function both(url: string) {
    const json = await app.request('GET', url);
    const csv = await fetch(app.baseUrl + url, { headers: CSV });
    const body = await csv.text();
    expect(json.status).toBe(200);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(csv.headers.get('vary')).toMatch(/(^|,)\s*accept\s*(,|$)/i);
    return { json: json.body, csv: await csvObjects(body), raw: body, headers: csv.headers };
  }

  it('the bans: a header row and a row per ban equal to the JSON, RFC 4180 (CRLF, quoted line breaks)', async () => {
    // document 000: "In addition, Ningxia, Guizhou and other places have disclosed a number of banned online lending institutions"
    const { json, csv, raw } = await both('/v1/bans?asOf=2020-06&limit=1000');
    expect(raw.split('\r\n')[0]).toBe(csv.header.join(','));
    expect(csv.header.slice(0, 8)).toEqual(['factId', 'type', 'nature', 'jurisdiction', 'effective', 'effectiveEarliest', 'effectiveLatest', 'inForce']);
    expect(json.bans.length).toBeGreaterThan(10);
    expect(csv.rows.map((row) => row.factId)).toEqual(json.bans.map((ban: any) => ban.factId));
    json.bans.forEach((ban: any, index: number) => {
      expect(csv.rows[index]).toMatchObject({
        type: ban.type, jurisdiction: ban.jurisdiction, effective: ban.effective.text, effectiveEarliest: text(ban.effective.earliest),
        effectiveLatest: ban.effective.latest, inForce: ban.inForce, known: ban.known, summary: ban.summary, count: text(ban.count),
        institution: text(ban.institution), names: lines(ban.names),
        sourceDocuments: lines(ban.sources.map((source: any) => source.document)),
        sourceQuotes: lines(ban.sources.map((source: any) => source.quote)),
      });
    });
    // a fact with two sources has its quotes on two lines of one field; quotes beyond ASCII come back whole (UTF-8)
    expect(json.bans.some((ban: any) => ban.sources.length > 1)).toBe(true);
  });

  it('a jurisdiction\'s state: a row per fact in force, as the JSON lists them', async () => {
    // document 000: "Up to now, 147 corporate online lending institutions have all closed down." (Hubei)
    const { json, csv } = await both('/v1/jurisdictions/CN-HB/state?asOf=2020-06-30&include=facts,sources');
    expect(json.facts.length).toBeGreaterThan(0);
    expect(csv.rows).toHaveLength(json.facts.length);
    json.facts.forEach((fact: any, index: number) => {
      expect(csv.rows[index]).toMatchObject({
        factId: fact.factId, type: fact.type, summary: fact.summary, inForce: fact.inForce, known: fact.known, status: fact.status,
        published: fact.published.text, corrections: String(fact.corrections), disputedWith: lines(fact.disputedWith),
        sourcePublishers: lines(fact.sources.map((source: any) => source.publisher)),
      });
    });
  });

  it('the national state (format=csv): the nation, then a row per place with its prohibition and counts', async () => {
    const json = (await app.request('GET', '/v1/state?asOf=2020-06-30')).body;
    const response = await fetch(`${app.baseUrl}/v1/state?asOf=2020-06-30&format=csv`);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const csv = await csvObjects(await response.text());
    expect(csv.rows.map((row) => row.code)).toEqual(['CN', ...json.jurisdictions.map((place: any) => place.code)]);
    // documents 001-003: "As of March 31, 2020, there were actually 139 online lending institutions ... in operators across the country"
    expect(csv.rows[0]).toMatchObject({ code: 'CN', operating: '139' });
    json.jurisdictions.forEach((place: any, index: number) => {
      expect(csv.rows[index + 1]).toMatchObject({
        name: place.name, onlineLendingProhibited: String(place.onlineLendingProhibited), certainty: text(place.certainty),
        closed: place.counts.closed === null ? '' : text(place.counts.closed.value ?? 'unknown'),
      });
    });
    expect(csv.rows.find((row) => row.code === 'CN-HB')).toMatchObject({ onlineLendingProhibited: 'true', closed: '147' });
  });

  it('timelines of a jurisdiction and of an institution: a row per fact', async () => {
    for (const url of ['/v1/jurisdictions/CN-NX/timeline', '/v1/institutions/weidai/timeline']) {
      const { json, csv } = await both(url);
      expect(csv.rows.length).toBe(json.facts.length);
      json.facts.forEach((fact: any, index: number) => {
        expect(csv.rows[index]).toMatchObject({
          factId: fact.factId, noticeId: fact.noticeId, status: fact.status, summary: fact.summary, originalSummary: fact.original.summary,
          supersededBy: text(fact.supersededBy?.factId),
        });
      });
    }
  });

  it('a series: a row per point', async () => {
    const { json, csv } = await both('/v1/jurisdictions/CN-SD/series?from=2019-01&to=2019-12');
    expect(csv.rows.map((row) => [row.date, row.prohibited, row.certainty, row.since])).toEqual(json.points.map((point: any) =>
      [point.date, String(point.prohibition.prohibited), text(point.prohibition.certainty), text(point.prohibition.since?.text)]));
  });

  it('pages as the JSON does: the Link header names the next page, and the pages add up to the whole list', async () => {
    const whole = (await app.request('GET', '/v1/jurisdictions/CN/timeline?limit=1000')).body.facts.map((fact: any) => fact.factId);
    const seen: string[] = [];
    let url: string | null = '/v1/jurisdictions/CN/timeline?limit=40';
    let pages = 0;
    while (url !== null && pages < 100) {
      const response = await fetch(app.baseUrl + url, { headers: CSV });
      const csv = await csvObjects(await response.text());
      expect(csv.rows.length).toBeLessThanOrEqual(40);
      seen.push(...csv.rows.map((row) => row.factId));
      url = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1] ?? null;
      pages += 1;
    }
    expect(pages).toBeGreaterThan(1);
    expect(seen).toEqual(whole);
  });

  it('a jurisdiction\'s state pages its facts: no Link once they end, though its institutions go on in the JSON', async () => {
    // in 2015 nothing holds in China, and the seeds locate three institutions there
    const url = '/v1/jurisdictions/CN/state?asOf=2015&limit=1&include=institutions';
    const json = await app.request('GET', url);
    expect([json.body.factsTotal, json.body.institutionsTotal > 1, json.headers.get('link') !== null]).toEqual([0, true, true]);
    const csv = await fetch(app.baseUrl + url, { headers: CSV });
    expect((await csvObjects(await csv.text())).rows).toEqual([]);
    expect(csv.headers.get('link')).toBeNull();
  });

  it('negotiation: JSON unless CSV is preferred; the CSV has its own entity tag', async () => {
    const kind = async (accept: string) => (await fetch(`${app.baseUrl}/v1/bans?asOf=2020-06`, { headers: { accept } })).headers.get('content-type');
    expect(await kind('application/json, text/csv')).toMatch(/^application\/json/);
    expect(await kind('text/csv;q=0.5, application/json;q=0.4')).toMatch(/^text\/csv/);
    expect(await kind('text/csv, */*;q=0.1')).toMatch(/^text\/csv/);
    expect(await kind('*/*')).toMatch(/^application\/json/);

    const json = await fetch(`${app.baseUrl}/v1/bans?asOf=2020-06`);
    const csv = await fetch(`${app.baseUrl}/v1/bans?asOf=2020-06`, { headers: CSV });
    const jsonTag = json.headers.get('etag') as string;
    const csvTag = csv.headers.get('etag') as string;
    expect(csvTag).not.toBe(jsonTag);
    expect((await fetch(`${app.baseUrl}/v1/bans?asOf=2020-06`, { headers: { ...CSV, 'if-none-match': csvTag } })).status).toBe(304);
    expect((await fetch(`${app.baseUrl}/v1/bans?asOf=2020-06`, { headers: { ...CSV, 'if-none-match': `${jsonTag}, W/${csvTag}` } })).status).toBe(304);
    const other = await fetch(`${app.baseUrl}/v1/bans?asOf=2020-06`, { headers: { ...CSV, 'if-none-match': jsonTag } });
    expect(other.status).toBe(200);
    expect(await parseCsv(await other.text())).toEqual(await parseCsv(await csv.text()));
  });

  it('UTF-8: Chinese names, quotes and commas come back whole', async () => {
    const quote = '宁夏回族自治区取缔"28家"网贷机构，包括微贷网, 以及其他';
    const written = await app.request('POST', '/v1/notices', { body: exampleNotice({
      jurisdiction: 'CN-NX', title: '宁夏取缔网贷机构', published: '2021-03-02',
      source: { document: 'nx.txt', publisher: '宁夏日报', quote },
      effects: [{ type: 'InstitutionsBanned', jurisdiction: '宁夏', effective: '2021-03', count: 2, names: ['微贷网', 'Example, Ltd.'] }],
    }) });
    expect(written.status).toBe(201);
    const { json, csv, raw } = await both(`/v1/bans?asOf=2021-03-31&jurisdiction=CN-NX&minPosition=${written.body.position}`);
    const row = csv.rows.find((candidate) => candidate.sourceQuotes === quote);
    expect(row).toMatchObject({ names: '微贷网\nExample, Ltd.', sourcePublishers: '宁夏日报', count: '2' });
    expect(json.bans.find((ban: any) => ban.sources[0].quote === quote).factId).toBe(row?.factId);
    expect(raw).toContain('"宁夏回族自治区取缔""28家""网贷机构，包括微贷网, 以及其他"');
  });

  it('any state, bans, timeline or series question has a CSV with a row per item of the JSON\'s list', async () => {
    const place = fc.constantFrom('CN', 'CN-HB', 'CN-NX', 'CN-GD', 'CN-440100', 'CN-XJ', 'CN-ZJ', 'CN-BJ');
    const day = fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2026-06-30T00:00:00Z'), noInvalidDate: true })
      .map((date) => date.toISOString().slice(0, 10));
    const limit = fc.integer({ min: 1, max: 60 });
    const question = fc.oneof(
      fc.tuple(day).map(([asOf]) => ({ url: `/v1/state?asOf=${asOf}`, rows: (json: any) => 1 + json.jurisdictions.length })),
      fc.tuple(place, day, limit).map(([code, asOf, size]) => ({ url: `/v1/jurisdictions/${code}/state?asOf=${asOf}&limit=${size}&include=facts,sources`, rows: (json: any) => json.facts.length })),
      fc.tuple(place, day, limit).map(([code, asOf, size]) => ({ url: `/v1/bans?asOf=${asOf}&jurisdiction=${code}&limit=${size}`, rows: (json: any) => json.bans.length })),
      fc.tuple(place, limit).map(([code, size]) => ({ url: `/v1/jurisdictions/${code}/timeline?limit=${size}`, rows: (json: any) => json.facts.length })),
      fc.tuple(place, day, fc.constantFrom('prohibition', 'banned', 'closed', 'exited', 'operating')).map(([code, from, measure]) => ({
        url: `/v1/jurisdictions/${code}/series?from=${from}&to=2026-06&step=year&measure=${measure}`, rows: (json: any) => json.points.length })),
    );
    await fc.assert(fc.asyncProperty(question, async ({ url, rows }) => {
      const json = await app.request('GET', url);
      const csv = await fetch(app.baseUrl + url, { headers: CSV });
      expect([url, json.status, csv.status, csv.headers.get('content-type')?.split(';')[0]]).toEqual([url, 200, 200, 'text/csv']);
      expect((await csvObjects(await csv.text())).rows).toHaveLength(rows(json.body));
    }), { numRuns: 40, seed: 18 });
  }, 120_000);

  it('bad input is still problem+json naming the field', async () => {
    for (const [url, field] of [['/v1/bans?asOf=2020-06&format=xml', 'format'], ['/v1/diff?from=2019&to=2020&format=csv', 'format'], ['/v1/jurisdictions/Atlantis/state?format=csv', 'code'],
      ['/v1/bans?asOf=someday', 'asOf']] as const) {
      const response = await fetch(app.baseUrl + url, { headers: CSV });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await response.json()) as any).errors.map((error: any) => error.field)).toContain(field);
    }
  });
});
