import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SIXTEEN_PROVINCES } from '../../seeds/documents/index.js';
import { startApp, type RunningApp } from '../support/app-harness.js';

type Ban = { type: string; jurisdiction: string; certainty: string; count: number | null; sources: Array<{ quote: string }> };

/** The seed questions: what analysts ask of the 2016-2020 rectification, answered from the read models. */
describe('point-in-time questions on the seed data', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({}, { seed: true });
  });
  afterAll(() => app.stop());

  it('what was banned as of June 2020: Ningxia\'s 28, the 16 provinces, Hubei\'s 147 closures, each with its source', async () => {
    const { status, body } = await app.request('GET', '/v1/bans?asOf=2020-06');
    expect(status).toBe(200);
    expect(body.asOf).toBe('2020-06-30T23:59:59.999+08:00');
    const bans = body.bans as Ban[];
    const ningxia = bans.find((ban) => ban.type === 'InstitutionsBanned' && ban.jurisdiction === 'CN-NX');
    expect(ningxia).toMatchObject({ count: 28, certainty: 'certain' });
    expect(ningxia?.sources[0]?.quote).toContain('decided to ban 28 online lending institutions in three batches');
    const prohibited = bans.filter((ban) => ban.type === 'BusinessLineProhibited').map((ban) => ban.jurisdiction);
    expect(prohibited).toEqual(expect.arrayContaining(SIXTEEN_PROVINCES.map(([code]) => code)));
    expect(bans.find((ban) => ban.type === 'InstitutionsClosed' && ban.jurisdiction === 'CN-HB')).toMatchObject({ count: 147 });
    expect(bans.every((ban) => ban.sources.length > 0 && ban.sources[0]!.quote.length > 0)).toBe(true);
  });

  it('long lists come a page at a time (after = the previous page\'s next, a Link rel="next"), with their totals; a bad page is a 400 naming the parameter', async () => {
    const all = (await app.request('GET', '/v1/bans?asOf=2020-12-31&limit=1000')).body;
    expect(all.next).toBeNull();
    const first = await app.request('GET', '/v1/bans?asOf=2020-12-31&limit=5');
    expect(first.headers.get('link')).toBe(`</v1/bans?asOf=2020-12-31&limit=5&after=${first.body.next}>; rel="next"`);
    const window = (await app.request('GET', `/v1/bans?asOf=2020-12-31&limit=5&after=${first.body.next}`)).body;
    expect(all.total).toBe((all.bans as Ban[]).length);
    expect(window).toMatchObject({ total: all.total, next: expect.any(String) });
    expect((window.bans as Array<{ factId: string }>).map((ban) => ban.factId))
      .toStrictEqual((all.bans as Array<{ factId: string }>).slice(5, 10).map((ban) => ban.factId));
    // the answer cache keeps the Link with the answer
    const again = await app.request('GET', '/v1/bans?asOf=2020-12-31&limit=5');
    expect([again.body.next, again.headers.get('link')]).toStrictEqual([first.body.next, first.headers.get('link')]);
    const state = (await app.request('GET', '/v1/jurisdictions/CN-HB/state?asOf=2020-12-31&limit=2&include=facts,institutions')).body;
    expect(state.facts).toHaveLength(2);
    expect(state.factsTotal).toBeGreaterThan(2);
    expect(state.institutions.length).toBeLessThanOrEqual(2);
    expect(state.institutionsTotal).toBeGreaterThanOrEqual(state.institutions.length);
    for (const [query, field] of [['limit=0', 'limit'], ['limit=1001', 'limit'], ['offset=3', 'offset'], ['limit=ten', 'limit'],
      ['after=3', 'after'], [`after=${state.next}`, 'after']]) {
      const refused = await app.request('GET', `/v1/bans?asOf=2020&${query}`);
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((error: { field: string }) => error.field)).toStrictEqual([field]);
    }
  });

  it('a state answer is lean unless include= asks: counts with fact ids; facts, sources and institutions on request; an unknown part is a 400', async () => {
    // document 000: "Up to now, 147 corporate online lending institutions have all closed down." (Hubei)
    const path = '/v1/jurisdictions/CN-HB/state?asOf=2020-06-30';
    const lean = (await app.request('GET', path)).body;
    expect(lean.counts.closed).toMatchObject({ value: 147, factIds: [expect.any(String)] });
    expect([lean.facts, lean.factsTotal > 0, lean.statistics.some((entry: object) => 'sources' in entry)]).toStrictEqual([undefined, true, false]);
    // the institutions located there and their statuses only with include=institutions
    expect([lean.institutions, lean.institutionsTotal]).toStrictEqual([undefined, undefined]);
    const located = (await app.request('GET', `${path}&include=institutions`)).body;
    expect([located.institutions.length, located.institutionsTotal, located.facts]).toStrictEqual([located.institutionsTotal, expect.any(Number), undefined]);
    const facts = (await app.request('GET', `${path}&include=facts`)).body;
    expect(facts.facts).toHaveLength(facts.factsTotal);
    expect(facts.facts.some((fact: object) => 'sources' in fact)).toBe(false);
    const full = (await app.request('GET', `${path}&include=facts,sources`)).body;
    const closed = full.facts.find((fact: { factId: string }) => fact.factId === lean.counts.closed.factId);
    expect(closed.sources[0].quote).toContain('147');
    expect(full.statistics.every((entry: { sources: unknown[] }) => entry.sources.length > 0)).toBe(true);
    const national = (await app.request('GET', '/v1/state?asOf=2020-06-30&include=sources')).body;
    expect(national.national.statistics.every((entry: { sources: unknown[] }) => entry.sources.length > 0)).toBe(true);
    const refused = await app.request('GET', `${path}&include=facts,everything`);
    expect([refused.status, refused.body.errors[0].field]).toStrictEqual([400, 'include']);
  });

  it('a window is only possibly in force before it ends', async () => {
    // document 000: "So far, ... Jilin, ... have all announced that all online lending businesses within their jurisdiction are prohibited"
    // (the seeds bound "so far" below by 2019: research notes, "Provincial bans of all P2P business, 2019-2020")
    const midJune = (await app.request('GET', '/v1/jurisdictions/CN-JL/state?asOf=2020-06-15')).body;
    expect(midJune).toMatchObject({ onlineLendingProhibited: true, certainty: 'possible' });
    const july = (await app.request('GET', '/v1/jurisdictions/CN-JL/state?asOf=2020-07-01')).body;
    expect(july).toMatchObject({ onlineLendingProhibited: true, certainty: 'certain', prohibitedSince: { text: '2019-01-01/2020-06-30' } });
    const before = (await app.request('GET', '/v1/jurisdictions/CN-JL/state?asOf=2018-12-31')).body;
    expect(before).toMatchObject({ onlineLendingProhibited: false, certainty: null });
  });

  it.each([
    ['CN-HN', '2019-10-15', '2019-10-16'],
    ['CN-SD', '2019-10-17', '2019-10-18'],
    ['CN-CQ', '2019-11-07', '2019-11-08'],
    ['CN-HE', '2019-12-12', '2019-12-13'],
  ])('%s: not prohibited on %s, certainly on %s (the day the research notes give, within document 000\'s "so far")', async (code, before, after) => {
    // research notes: "| 2019-10-16 (day) | CN-HN Hunan |" ...; document 000 and the notes report one prohibition, whose window both allow
    const day = (asOf: string) => app.request('GET', `/v1/jurisdictions/${code}/state?asOf=${asOf}`).then((response) => response.body);
    expect(await day(before)).toMatchObject({ onlineLendingProhibited: false, certainty: null, prohibitedSince: null });
    expect(await day(after)).toMatchObject({ onlineLendingProhibited: true, certainty: 'certain', prohibitedSince: { text: after } });
  });

  it('Weidai: nothing in force before its announcement, possibly exited after it, certainly after 2020-06-30', async () => {
    const status = (asOf: string) => app.request('GET', `/v1/institutions/weidai/state?asOf=${asOf}`).then((response) => response.body);
    expect(await status('2020-05-30')).toMatchObject({ status: 'unknown', certainty: null });
    expect(await status('2020-06-01')).toMatchObject({ status: 'exited', certainty: 'possible' });
    expect(await status('2020-07-01')).toMatchObject({ status: 'exited', certainty: 'certain' });
    const zhejiang = (await app.request('GET', '/v1/jurisdictions/CN-ZJ/state?asOf=2020-07-01&include=institutions')).body;
    expect(zhejiang.institutions).toEqual([expect.objectContaining({ id: 'weidai', jurisdiction: 'CN-330100', status: 'exited', certainty: 'certain' })]);
  });

  it('knownAt before and after a publication: the Hunan ban of 2019-10-16 is unknown on 2019-10-15', async () => {
    const asKnown = (knownAt: string) => app.request('GET', `/v1/jurisdictions/CN-HN/state?asOf=2019-12-31&knownAt=${knownAt}`).then((r) => r.body);
    expect(await asKnown('2019-10-15')).toMatchObject({ onlineLendingProhibited: false });
    expect(await asKnown('2019-10-16')).toMatchObject({ onlineLendingProhibited: true, certainty: 'certain' });
  });

  it('which provinces had prohibited all online lending by the end of 2019', async () => {
    const { body } = await app.request('GET', '/v1/state?asOf=2019');
    const certain = body.prohibitedJurisdictions.filter((entry: { certainty: string }) => entry.certainty === 'certain')
      .map((entry: { code: string }) => entry.code).sort();
    expect(certain).toEqual(['CN-CQ', 'CN-HE', 'CN-HN', 'CN-SD']);
    const possible = body.prohibitedJurisdictions.filter((entry: { certainty: string }) => entry.certainty === 'possible');
    expect(possible.length).toBeGreaterThan(0);
    expect(body.jurisdictions.find((entry: { code: string }) => entry.code === 'CN-HN')).toMatchObject({ onlineLendingProhibited: true });
  });

  it('how many online lending institutions were still operating on 2020-03-31: 139, citing the meeting', async () => {
    const { body } = await app.request('GET', '/v1/state?asOf=2020-03-31');
    expect(body.national.counts.operating).toMatchObject({ value: 139 });
    const { body: china } = await app.request('GET', '/v1/jurisdictions/CN/state?asOf=2020-03-31&include=facts,sources');
    const factId = china.counts.operating.factId;
    const fact = china.facts.find((entry: { factId: string }) => entry.factId === factId);
    expect(fact.sources[0].quote).toMatch(/139 online lending institutions/);
  });

  it('what changed in Hubei between January and July 2020', async () => {
    const { status, body } = await app.request('GET', '/v1/diff?from=2020-01&to=2020-07&jurisdiction=Hubei');
    expect(status).toBe(200);
    expect(body.jurisdiction).toBe('CN-HB');
    const types = body.started.map((entry: { type: string }) => entry.type);
    expect(types).toEqual(expect.arrayContaining(['InstitutionsClosed', 'BusinessLineProhibited']));
    expect(body.ended).toEqual([]);
  });

  it('a province includes its cities: Guangdong\'s bans include Shenzhen\'s revocations; Guangzhou has its own figures', async () => {
    const { body } = await app.request('GET', '/v1/bans?asOf=2020-12-31&jurisdiction=CN-GD');
    expect(body.bans.map((ban: Ban) => ban.jurisdiction)).toContain('CN-440300');
    const guangzhou = await app.request('GET', '/v1/jurisdictions/广州市/state?asOf=2020-06-30');
    expect(guangzhou.body.jurisdiction).toEqual({ code: 'CN-440100', name: 'Guangzhou' });
    expect(guangzhou.body.counts.operating).toMatchObject({ value: 1 });
  });

  it('finds an institution by any of its names and tells its status on a date', async () => {
    const english = (await app.request('GET', '/v1/institutions?q=micro-loan%20network')).body;
    const chinese = (await app.request('GET', `/v1/institutions?q=${encodeURIComponent('微贷网')}`)).body;
    expect(english.institutions.map((entry: { id: string }) => entry.id)).toEqual(['weidai']);
    expect(english.next).toBeNull();
    expect(chinese).toEqual(english);
    const before = (await app.request('GET', '/v1/institutions/weidai/state?asOf=2020-05-01&knownAt=2020-05-01')).body;
    expect(before.status).toBe('unknown');
    const july = (await app.request('GET', '/v1/institutions/weidai/state?asOf=2020-07-01')).body;
    expect(july).toMatchObject({ status: 'exited', certainty: 'certain', since: { text: '2020-05-31/2020-06-30' } });
    const timeline = (await app.request('GET', '/v1/institutions/weidai/timeline')).body;
    expect(timeline.facts[0].sources[0].quote).toContain('micro-loan network');
    expect((await app.request('GET', '/v1/institutions/nobody/state')).status).toBe(404);
  });

  it('knownAt hides what was not yet published', async () => {
    const known = (await app.request('GET', '/v1/bans?asOf=2020-06-30&knownAt=2020-05-01')).body.bans as Ban[];
    expect(known.find((ban) => ban.jurisdiction === 'CN-NX' && ban.type === 'InstitutionsBanned')).toBeUndefined();
  });

  it('lists jurisdictions and finds one by any name', async () => {
    const all = (await app.request('GET', '/v1/jurisdictions')).body;
    expect(all.filter((entry: { level: string }) => entry.level === 'province')).toHaveLength(34);
    for (const name of ['CN-NX', '640000', 'Ningxia', '宁夏回族自治区', '宁夏']) {
      expect((await app.request('GET', `/v1/jurisdictions/${encodeURIComponent(name)}`)).body).toMatchObject({ code: 'CN-NX', nameZh: '宁夏回族自治区', parent: 'CN' });
    }
    const unknown = await app.request('GET', '/v1/jurisdictions/Atlantis');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('code');
  });

  it.each([
    ['/v1/bans?asOf=2020-13', 'asOf'],
    ['/v1/state?asOf=yesterday', 'asOf'],
    ['/v1/state?knownAt=2020-02-30', 'knownAt'],
    ['/v1/state?recordedAt=2020-06-30T10:00', 'recordedAt'],
    ['/v1/diff?from=2020-01', 'to'],
    ['/v1/diff?from=2020-01&to=June', 'to'],
    ['/v1/bans?jurisdiction=Atlantis', 'jurisdiction'],
    ['/v1/state?minPosition=-3', 'minPosition'],
    ['/v1/institutions', 'q'],
  ])('%s is a 400 naming %s', async (url, field) => {
    const { status, headers, body } = await app.request('GET', url);
    expect(status).toBe(400);
    expect(headers.get('content-type')).toContain('application/problem+json');
    expect(body.errors.map((error: { field: string }) => error.field)).toContain(field);
  });
});
