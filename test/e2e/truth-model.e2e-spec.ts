import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type RunningApp } from '../support/app-harness.js';

/**
 * The questions of issue 14, asked over HTTP of a server holding the seeds, each answer checked
 * against the sentence of the documents (shared/sources) or the research notes that decides it.
 */
type Window = { text: string; earliest: string | null; latest: string };
type Source = { document: string; publisher: string; kind: string; citedOutlet: string | null; quote: string };
type Entry = { factId: string; type: string; jurisdiction: string; effective: Window; inForce: string; known: string; summary: string; sources: Source[];
  count?: number | null; institution?: string | null; disputedWith: string[]; nature: string };
type Statistic = { factId: string; jurisdiction: string; metric: string; value: number; unit: string; effective: Window; disputed: boolean;
  disputedWith: string[]; institution: { name: string } | null; sources: Source[]; inForce: string };
type Figure = { value: number | null; factId: string; factIds: string[]; effective: Window; partial: boolean; disputed: boolean; qualifier: string | null;
  inForce: string; known: string } | null;

describe('the truth model, asked as an analyst would (issue 14)', () => {
  let app: RunningApp;
  const get = async (url: string) => {
    const response = await app.request('GET', url);
    expect([url, response.status]).toStrictEqual([url, 200]);
    return response.body;
  };
  beforeAll(async () => {
    app = await startApp({}, { seed: true });
  });
  afterAll(() => app.stop());

  it('what was banned as of June 2020 holds nothing from 2025, not even possibly', async () => {
    // document 004: "Xin Jing Bao·2025-12-08 03:09" ... "Several local banks, including Urumqi Bank and Longjiang Bank, have announced a halt"
    const bans = (await get('/v1/bans?asOf=2020-06&limit=1000')).bans as Entry[];
    expect(bans.length).toBeGreaterThan(10);
    expect(bans.filter((ban) => (ban.effective.earliest ?? '') >= '2021').map((ban) => ban.summary)).toStrictEqual([]);
    expect(bans.filter((ban) => ban.type === 'PartnershipHalted')).toStrictEqual([]);
    const later = (await get('/v1/bans?asOf=2025-12-31&limit=1000')).bans as Entry[];
    expect(later.filter((ban) => ban.type === 'PartnershipHalted').map((ban) => ban.institution).sort()).toStrictEqual(['Longjiang Bank', 'Urumqi Bank']);
  });

  it('no province is prohibited, even possibly, in 2016; by the end of 2020 the sixteen of document 000 are, for certain', async () => {
    // research notes: "Provincial bans of all P2P business, 2019-2020"; document 000: "So far, Hunan, Shandong, ... *** 16 have all announced
    // that all online lending businesses within their jurisdiction are prohibited"
    expect((await get('/v1/state?asOf=2016-06-30')).prohibitedJurisdictions).toStrictEqual([]);
    const end2020 = await get('/v1/state?asOf=2020-12-31');
    const certain = (end2020.prohibitedByBusinessLine['online-lending'] as Array<{ code: string; certainty: string }>)
      .filter((place) => place.certainty === 'certain').map((place) => place.code);
    expect(certain).toEqual(expect.arrayContaining(['CN-HN', 'CN-SD', 'CN-CQ', 'CN-HA', 'CN-SC', 'CN-YN', 'CN-HE', 'CN-GS', 'CN-SX', 'CN-NM',
      'CN-SN', 'CN-JL', 'CN-HL', 'CN-JX', 'CN-AH', 'CN-HB']));
    expect(end2020.prohibitedJurisdictions).toStrictEqual(end2020.prohibitedByBusinessLine['online-lending']);
  });

  it('which provinces had prohibited all online lending by the end of 2019: those the research notes date in 2019, for certain', async () => {
    // research notes: "| 2019-10-16 (day) | CN-HN Hunan |", "| 2019-10-18 (day) | CN-SD Shandong |", "| 2019-11-08 (day) | CN-CQ Chongqing |",
    // "| 2019-12-13 (day) | CN-HE Hebei |"
    const places = (await get('/v1/state?asOf=2019')).prohibitedJurisdictions as Array<{ code: string; certainty: string }>;
    expect(places.filter((place) => place.certainty === 'certain').map((place) => place.code).sort()).toStrictEqual(['CN-CQ', 'CN-HE', 'CN-HN', 'CN-SD']);
  });

  it('no answer about a date shows a figure whose window starts later, and counts agree with the statistics list', async () => {
    for (const day of ['2019-06-30', '2019-12-31', '2020-03-31', '2020-06-30', '2020-09-30', '2020-12-31']) {
      for (const url of [`/v1/state?asOf=${day}`, `/v1/jurisdictions/CN/state?asOf=${day}`, `/v1/jurisdictions/CN-440100/state?asOf=${day}`,
        `/v1/jurisdictions/CN-HB/state?asOf=${day}`, `/v1/jurisdictions/CN-330100/state?asOf=${day}`]) {
        const body = await get(url);
        const statistics = (body.statistics ?? body.national.statistics) as Statistic[];
        const counts = (body.counts ?? body.national.counts) as Record<string, Figure>;
        for (const figure of [...statistics, ...Object.values(counts).filter((count) => count !== null)]) {
          expect([url, (figure!.effective.earliest ?? '') <= day]).toStrictEqual([url, true]);
        }
        const operating = counts.operating;
        if (operating) {
          const listed = statistics.find((entry) => entry.factId === operating.factId);
          expect([url, listed?.value]).toStrictEqual([url, operating.value]);
        }
      }
    }
  });

  it('the national operating count on 2019-06-30 is not the "29 remain" reported in August 2020', async () => {
    // research notes: "| 2020-08-14 | 29 remain, down from about 6,000 |"; documents 001-003: "As of March 31, 2020, there were ... 139"
    const june2019 = (await get('/v1/state?asOf=2019-06-30')).national.counts.operating as Figure;
    expect(june2019?.value).not.toBe(29);
    const march2020 = await get('/v1/state?asOf=2020-03-31');
    expect(march2020.national.counts.operating).toMatchObject({ value: 139, inForce: 'certain', effective: { text: '2020-03-31' } });
    expect((march2020.national.statistics as Statistic[]).filter((entry) => entry.metric === 'operating-institutions' && entry.unit === 'institutions')
      .map((entry) => entry.value)).toStrictEqual([139]);
  });

  it('a superseded figure is reported as ended', async () => {
    // research notes: "| 2020-09-14 | 15 at end-Aug 2020 |", "| 2020-11-27 | zero by mid-November 2020 |" supersede the 139 of 2020-03-31
    const changes = await get('/v1/diff?from=2020-06-30&to=2020-12-31&jurisdiction=CN');
    const ended = (changes.ended as Entry[]).filter((entry) => entry.type === 'StatisticReported');
    expect(ended.length).toBeGreaterThan(0);
    expect(ended.every((entry) => entry.nature === 'figure')).toBe(true);
    expect((await get('/v1/state?asOf=2020-12-31')).national.counts.operating).toMatchObject({ value: 0 });
  });

  it('timelines show a superseded figure\'s successor and a corroboration beside the fact it supports', async () => {
    // documents 001-003: "As of March 31, 2020, there were actually 139 online lending institutions"; research notes: "15 at end-Aug 2020"
    const national = (await get('/v1/jurisdictions/CN/timeline')).facts as Array<Entry & { supersededBy: { factId: string } | null;
      changes: Array<{ kind: string; source?: Source }>; status: string }>;
    const operating139 = national.find((fact) => fact.type === 'StatisticReported' && fact.status !== 'retracted' &&
      fact.summary.startsWith('operating institutions: 139 '));
    expect(operating139).toBeDefined();
    expect(operating139?.supersededBy).not.toBeNull();
    // research notes: "| 2019-10-16 (day) | CN-HN Hunan |" reports document 000's Hunan prohibition again
    const hunan = ((await get('/v1/jurisdictions/CN-HN/timeline')).facts as typeof national)
      .find((fact) => fact.type === 'BusinessLineProhibited' && fact.status !== 'retracted');
    expect(hunan?.changes.filter((change) => change.kind === 'corroboration').map((change) => change.source?.kind)).toStrictEqual(['secondary']);
  });

  it('Guangzhou on 2019-01-01: 50 platforms, not the 1 left after the year\'s work', async () => {
    // document 003: "reduce the number of online loan platforms in the jurisdiction from 50 at the beginning of the year to 1"
    const start = await get('/v1/jurisdictions/CN-440100/state?asOf=2019-01-01');
    expect(start.counts.operating).toMatchObject({ value: 50 });
    const later = await get('/v1/jurisdictions/Canton/state?asOf=2020-06-30');
    expect(later.counts.operating).toMatchObject({ value: 1 });
  });

  it('the borrowers figure the documents disagree on is shown both ways, each with its sources, marked disputed', async () => {
    // document 001: "the number of borrowers decreased by 80%; and the number of consumers decreased by 62%";
    // document 003: "the number of lenders fell by 80%; and the number of borrowers fell by 62%"
    const borrowers = ((await get('/v1/state?asOf=2020-06-30&include=sources')).national.statistics as Statistic[]).filter((entry) => entry.metric === 'borrowers');
    expect(borrowers.map((entry) => entry.value).sort((a, b) => a - b)).toStrictEqual([-80, -62]);
    expect(borrowers.every((entry) => entry.disputed && entry.disputedWith.length === 1)).toBe(true);
    const documents = (entry: Statistic) => entry.sources.map((source) => source.document.slice(0, 3)).sort();
    expect(documents(borrowers.find((entry) => entry.value === -80)!)).toEqual(expect.arrayContaining(['001']));
    expect(documents(borrowers.find((entry) => entry.value === -62)!)).toEqual(expect.arrayContaining(['003']));
  });

  it('the same event from two sources is listed once with both, and an exit is counted once', async () => {
    // document 000: "So far, Hunan, ..."; research notes: "| 2019-10-16 (day) | CN-HN Hunan | all P2P business under review banned"
    const hunan = ((await get('/v1/bans?asOf=2020-06-30&jurisdiction=CN-HN')).bans as Entry[]).filter((ban) => ban.type === 'BusinessLineProhibited');
    expect(hunan).toHaveLength(1);
    expect(hunan[0]).toMatchObject({ inForce: 'certain', effective: { text: '2019-10-16' } });
    expect(hunan[0]!.sources.map((source) => source.kind).sort()).toStrictEqual(['secondary', 'translation']);
    // document 000: "the micro-loan network ... will quit the online loan industry before June 30, 2020"; research: "2020-05-31: announced exit"
    const weidai = await get('/v1/institutions/weidai/state?asOf=2020-07-01&include=facts');
    expect(weidai.status).toBe('exited');
    expect((weidai.facts as Entry[]).filter((fact) => fact.type === 'InstitutionExitAnnounced')).toHaveLength(1);
    expect((await get('/v1/jurisdictions/CN-330100/state?asOf=2020-07-01')).counts.exited).toMatchObject({ value: 1 });
  });

  it('Shanxi\'s 26 banned institutions count', async () => {
    // research notes: "| CN-SX Shanxi | P2P banned; exit required by 2020-06-30 | 26 institutions + 15 operating checked and banned |"
    const banned = (await get('/v1/jurisdictions/Shanxi/state?asOf=2020-06-30')).counts.banned as Figure;
    expect(banned?.value).toBe(41);
  });

  it('research rows and summaries are cited as what they are, never as the outlet\'s words', async () => {
    // research notes: "Gathered from public secondary sources"; document 004 ends "- Reportify"
    const bans = (await get('/v1/bans?asOf=2025-12-31&limit=1000')).bans as Entry[];
    const sources = bans.flatMap((ban) => ban.sources);
    for (const source of sources.filter((entry) => entry.document.startsWith('research/'))) {
      expect(source).toMatchObject({ kind: 'secondary', citedOutlet: expect.any(String) });
      expect(source.publisher).not.toBe(source.citedOutlet);
    }
    const fromXinJingBao = sources.filter((source) => source.document.startsWith('004'));
    expect(fromXinJingBao.length).toBeGreaterThan(0);
    expect(fromXinJingBao.every((source) => source.kind === 'summary' && source.publisher === 'Reportify' && source.citedOutlet === 'Xin Jing Bao')).toBe(true);
  });

  it('Weidai\'s loan balance is Weidai\'s, "nearly 5,000" keeps its qualifier, an uncounted ban is unknown, one partner is one partner', async () => {
    // document 000: "as of February 2020, the loan balance of micro-credit network was 8.583 billion yuan"
    const hangzhou = await get('/v1/jurisdictions/CN-330100/state?asOf=2020-06-30');
    const balance = (hangzhou.statistics as Statistic[]).find((entry) => entry.metric === 'loan-balance');
    expect(balance?.institution).toMatchObject({ name: 'Weidai' });
    // documents 001-003: "Since the rectification work began, nearly 5,000 institutions have gradually withdrawn."
    const nation = await get('/v1/state?asOf=2020-06-30');
    expect(nation.national.counts.exited).toMatchObject({ value: 5000, qualifier: 'nearly' });
    // document 000: "Ningxia, Guizhou and other places have disclosed a number of banned online lending institutions"
    expect((await get('/v1/jurisdictions/CN-GZ/state?asOf=2020-12-31')).counts.banned).toMatchObject({ value: null, partial: true });
    // research notes: "Longjiang Bank | its one partner marked \"cooperation stopped\""
    const summaries = ((await get('/v1/bans?asOf=2025-12-31&limit=1000')).bans as Entry[]).map((ban) => ban.summary);
    expect(summaries.filter((summary) => / 1 partners/.test(summary))).toStrictEqual([]);
  });

  it('known and in force are two fields of every fact', async () => {
    const state = await get('/v1/jurisdictions/CN-NX/state?asOf=2020-06-15&knownAt=2020-06-15&include=facts');
    expect(state.facts.length).toBeGreaterThan(0);
    for (const fact of state.facts as Entry[]) expect([fact.inForce, fact.known].every((value) => ['certain', 'possible'].includes(value))).toBe(true);
  });

  it('the 2025 lending-assistance halts are a business line of their own', async () => {
    // document 004: "Several local banks, including Urumqi Bank and Longjiang Bank, have announced a halt to new internet lending partnerships"
    const nation = await get('/v1/state?asOf=2025-12-31');
    const lines = (nation.national.businessLines as Array<{ businessLine: string; facts: Record<string, number> }>);
    expect(lines.find((line) => line.businessLine === 'internet-lending-assistance')?.facts.PartnershipHalted).toBe(2);
    expect(lines.find((line) => line.businessLine === 'online-lending')).toBeDefined();
  });

  it('places are found by official full name, toneless pinyin and exonym', async () => {
    for (const [name, code] of [['Ningxia Hui Autonomous Region', 'CN-NX'], ['Neimenggu', 'CN-NM'], ['Canton', 'CN-440100'], ['Wulumuqi', 'CN-650100']]) {
      expect((await get(`/v1/jurisdictions/${encodeURIComponent(name)}`)).code).toBe(code);
    }
  });

  it('another source of a fact is recorded over HTTP: shown once with both sources; a date that cannot be the same event is a 422', async () => {
    const published = await app.request('POST', '/v1/notices', { body: {
      authority: 'Example LFSA', jurisdiction: 'CN-ZJ', title: 'Example bans', published: '2021-03-02',
      source: { document: 'example.txt', publisher: 'Example News', quote: 'decided to ban 3 online lending institutions' },
      effects: [{ type: 'InstitutionsBanned', jurisdiction: 'CN-ZJ', effective: '2021-03', count: 3 }] } });
    expect(published.status).toBe(201);
    const { noticeId } = published.body;
    const source = { document: 'wire.txt', publisher: 'Example Wire', kind: 'translation', citedOutlet: 'Example Daily', quote: 'three platforms were banned' };
    const corroborated = await app.request('POST', `/v1/notices/${noticeId}/corroborations`, { body: {
      factId: `${noticeId}:1`, title: 'Wire', authority: 'Example LFSA', published: '2021-03-05', effective: '2021-03-01/2021-03-02', source } });
    expect(corroborated.status).toBe(201);
    expect(corroborated.body.events[0].type).toBe('FactCorroborated.v1');
    const bans = ((await get(`/v1/bans?asOf=2021-03-31&jurisdiction=CN-ZJ&minPosition=${corroborated.body.position}`)).bans as Entry[])
      .filter((ban) => ban.factId.startsWith(noticeId));
    expect(bans).toHaveLength(1);
    expect(bans[0]).toMatchObject({ effective: { text: '2021-03-01/2021-03-02' }, count: 3 });
    expect(bans[0]!.sources.map((entry) => [entry.publisher, entry.kind, entry.citedOutlet]))
      .toStrictEqual([['Example News', 'primary', null], ['Example Wire', 'translation', 'Example Daily']]);
    const refused = await app.request('POST', `/v1/notices/${noticeId}/corroborations`, { body: {
      factId: `${noticeId}:1`, title: 'Wire', authority: 'Example LFSA', published: '2021-05-05', effective: '2021-05', source } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].field).toBe('effective');
  });
});
