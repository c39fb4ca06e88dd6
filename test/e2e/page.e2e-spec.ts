import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from '../support/app-harness.js';
import { ARTIFACTS, describeInBrowser, launchBrowser, openServicePage, README_SCREENSHOT } from '../support/browser.js';

type Jurisdiction = { code: string; level: string };
type BusinessLine = { businessLine: string; prohibited: boolean; certainty: string | null; facts: Record<string, number> };
type JurisdictionState = { code: string; businessLines?: BusinessLine[]; onlineLendingProhibited: boolean; certainty: string | null };
type Count = { value: number | null; partial: boolean; disputed: boolean; qualifier: string | null };
type NationalState = {
  jurisdictions: JurisdictionState[];
  national: { counts: Record<string, Count | null>; businessLines: BusinessLine[] };
};
type Source = { document: string; publisher: string; kind: string; citedOutlet: string | null };

/** How the page words a statistic's qualifier in English. */
const QUALIFIERS: Record<string, string> = {
  approximately: 'about', nearly: 'nearly', 'at-least': 'at least', 'more-than': 'more than', 'at-most': 'at most',
};

/** The online-lending prohibition of a place as the answer gives it: its business line, else the deprecated fields. */
const onlineLending = (j: JurisdictionState): { prohibited: boolean; certainty: string | null } => {
  if (!j.businessLines) return { prohibited: j.onlineLendingProhibited, certainty: j.certainty };
  const line = j.businessLines.find((candidate) => candidate.businessLine === 'online-lending');
  return { prohibited: line?.prohibited ?? false, certainty: line?.certainty ?? null };
};

/** The timeline page in real headless Chromium, against a real server with the seed data. */
describeInBrowser('the timeline page (Chromium)', () => {
  let app: RunningApp;
  let browser: Browser;
  let provinces: Set<string>;

  beforeAll(async () => {
    browser = await launchBrowser();
    app = await startApp({}, { seed: true });
    provinces = new Set(((await app.request('GET', '/v1/jurisdictions')).body as Jurisdiction[])
      .filter((j) => j.level === 'province').map((j) => j.code));
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** A page whose requests may only go to the service; anything else is aborted and reported. */
  const openPage = (url: string, viewport = { width: 1280, height: 1000 }) => openServicePage(browser, app.baseUrl, url, viewport);

  /** Waits until the map shows `asOf` with everything loaded; on timeout, says what the page shows instead. */
  async function shown(page: Page, asOf: string): Promise<void> {
    await page.waitForSelector(`main[data-as-of="${asOf}"][aria-busy="false"] .tile[data-state]`, { timeout: 10_000 }).catch(async (error: Error) => {
      const main = await page.$eval('main', (node) => node.outerHTML.slice(0, 300)).catch(() => 'no <main>');
      throw new Error(`${error.message}\n${page.url()}\n${main}\n${(await page.textContent('body'))?.slice(0, 500)}`);
    });
  }

  const tileStates = (page: Page) =>
    page.$$eval('.tile', (tiles) => tiles.map((tile) => [tile.getAttribute('data-code'), tile.getAttribute('data-state')] as const));

  const nationalState = async (asOf: string) => (await app.request('GET', `/v1/state?asOf=${asOf}`)).body as NationalState;

  /** The tiles prohibited and possibly prohibited are the provinces whose online-lending line the API says is (possibly) prohibited. */
  async function expectMapMatchesApi(page: Page, asOf: string): Promise<string[]> {
    const state = await nationalState(asOf);
    const inProvinces = state.jurisdictions.filter((j) => provinces.has(j.code) && onlineLending(j).prohibited);
    const tiles = await tileStates(page);
    const withState = (wanted: string) => tiles.filter(([, state]) => state === wanted).map(([code]) => code).sort();
    // the default layer is online lending's prohibition: 'in-force' is prohibited, 'possible' possibly so
    expect(await page.getAttribute('.map', 'data-layer')).toBe('online-lending:prohibited');
    const prohibited = withState('in-force');
    expect(tiles).toHaveLength(34);
    expect(prohibited).toEqual(inProvinces.filter((j) => onlineLending(j).certainty === 'certain').map((j) => j.code).sort());
    expect(withState('possible')).toEqual(inProvinces.filter((j) => onlineLending(j).certainty !== 'certain').map((j) => j.code).sort());
    return prohibited;
  }

  it('set 2019-06-30 then 2020-06-30: the provinces shown as prohibited are those of /v1/state', async () => {
    const { page, failed, close } = await openPage('/');
    await page.fill('#as-of', '2019-06-30');
    await shown(page, '2019-06-30');
    expect(await expectMapMatchesApi(page, '2019-06-30')).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'page-2019-06-30.png') });

    await page.fill('#as-of', '2020-06-30');
    await shown(page, '2020-06-30');
    const prohibited = await expectMapMatchesApi(page, '2020-06-30');
    expect(prohibited).toEqual(expect.arrayContaining(['CN-HE', 'CN-SD', 'CN-CQ']));
    expect(page.url()).toContain('asOf=2020-06-30');
    expect(await page.textContent('.national')).toMatch(/Operating institutions\s*139\s*figure for 31 Mar 2020/);
    expect(await page.$$eval('.ban', (bans) => bans.length)).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'page-2020-06-30.png') });
    expect(failed).toEqual([]);
    await close();
  });

  it('2016-06-30: no province is prohibited, not even possibly', async () => {
    // research/timeline-facts.md dates every provincial ban under "## Provincial bans of all P2P business, 2019-2020",
    // the first "| 2019-10-16 (day) | CN-HN Hunan | all P2P business under review banned ..."; document 000's
    // "So far, Hunan, Shandong, ... 16 have all announced that all online lending businesses within their jurisdiction
    // are prohibited" gives no start, so nothing bounds it before that section: in mid-2016 no prohibition can hold.
    const { page, failed, close } = await openPage('/?asOf=2016-06-30');
    await shown(page, '2016-06-30');
    await expectMapMatchesApi(page, '2016-06-30');
    const states = (await tileStates(page)).map(([, state]) => state);
    expect(states).not.toContain('in-force');
    expect(states).not.toContain('possible');
    expect(await page.textContent('.business-lines li[data-line="online-lending"]')).toBe('Online lending: prohibited in no province');
    expect(failed).toEqual([]);
    await close();
  });

  it('2020-12-31: the provinces shown as prohibited are those the API says; the 2025 bank halts are not there yet', async () => {
    // document 000: "So far, Hunan, Shandong, Chongqing, Henan, Sichuan, Yunnan, Hebei, Gansu, Shanxi, Inner Mongolia,
    // Shaanxi, Jilin, Heilongjiang, Jiangxi, Anhui, and Hubei *** 16 have all announced that all online lending businesses
    // within their jurisdiction are prohibited" (published by 2020-06-30, so certain by the end of 2020);
    // document 004 (2025-12-08): "Several local banks, including Urumqi Bank and Longjiang Bank, have announced a halt
    // to new internet lending partnerships": nothing of 2025 may show in 2020.
    const { page, failed, close } = await openPage('/?asOf=2020-12-31');
    await shown(page, '2020-12-31');
    const prohibited = await expectMapMatchesApi(page, '2020-12-31');
    expect(prohibited).toEqual(expect.arrayContaining([
      'CN-HN', 'CN-SD', 'CN-CQ', 'CN-HA', 'CN-SC', 'CN-YN', 'CN-HE', 'CN-GS',
      'CN-SX', 'CN-NM', 'CN-SN', 'CN-JL', 'CN-HL', 'CN-JX', 'CN-AH', 'CN-HB',
    ]));
    expect(await page.textContent('.business-lines li[data-line="online-lending"]'))
      .toMatch(new RegExp(`^Online lending: prohibited in ${prohibited.length} provinces(, possibly in \\d+ more)?$`));
    expect(await page.$$('.business-lines li[data-line="internet-lending-assistance"]')).toHaveLength(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'page-2020-12-31.png') });
    expect(failed).toEqual([]);
    await close();
  });

  it('2025-12-31: the banks halting lending-assistance partnerships are a business line of their own', async () => {
    // document 004: "Several local banks, including Urumqi Bank and Longjiang Bank, have announced a halt to new
    // internet lending partnerships"
    const { page, failed, close } = await openPage('/?asOf=2025-12-31');
    await shown(page, '2025-12-31');
    const line = (await nationalState('2025-12-31')).national.businessLines.find((l) => l.businessLine === 'internet-lending-assistance');
    const halts = line?.facts['PartnershipHalted'] ?? 0;
    expect(halts).toBeGreaterThanOrEqual(2);
    expect(await page.textContent('.business-lines li[data-line="internet-lending-assistance"]'))
      .toBe(`Internet lending assistance: ${halts} halts of partnerships by banks`);
    expect(failed).toEqual([]);
    await close();
  });

  it('a research-notes source is labelled secondary, citing its outlet, never as the outlet\'s own words', async () => {
    // research/timeline-facts.md: "Gathered from public secondary sources. None of these is in `shared/sources/`.", and the
    // row it quotes, "| 2019-10-16 (day) | CN-HN Hunan | all P2P business under review banned, incl. out-of-province
    // branches | 24 institutions | globaltimes.cn/content/1167153.shtml; ..." cites the Global Times.
    const { page, failed, close } = await openPage('/?asOf=2020-06-30&j=CN-HN');
    await shown(page, '2020-06-30');
    const facts = (await app.request('GET', '/v1/jurisdictions/CN-HN/timeline')).body.facts as { sources: Source[] }[];
    const research = facts.flatMap((fact) => fact.sources).filter((source) => source.document === 'research/timeline-facts.md');
    expect(research.length).toBeGreaterThan(0);
    for (const source of research) expect(source).toMatchObject({ kind: 'secondary', citedOutlet: 'Global Times' });

    await page.waitForSelector('.timeline[data-code="CN-HN"] .source');
    // the kind of source, its compiler and, apart, the outlet it cites
    const attributions = await page.$$eval('.timeline .source[data-kind="secondary"] .attribution', (nodes) => nodes.map((node) => node.textContent));
    expect(attributions).toHaveLength(research.length);
    for (const text of attributions) expect(text).toMatch(/^secondary sourceCompiled by: research notesCites: Global Timespublished /);
    const writers = await page.$$eval('.timeline .attribution .writer', (nodes) => nodes.map((node) => node.textContent));
    expect(writers.filter((text) => text?.includes('Global Times'))).toEqual([]);
    // a research-table row is shown as the row it is, cell by cell, not as prose
    expect(await page.$$eval('.timeline .source[data-kind="secondary"] .quote', (nodes) => nodes.map((node) => node.getAttribute('data-table-row'))))
      .toContain('true');

    await page.click('button.language');
    await page.waitForURL(/lang=zh/);
    expect(await page.textContent('.timeline .source[data-kind="secondary"] .attribution')).toMatch(/^二手资料整理者：research notes引用：Global Times/);
    expect(failed).toEqual([]);
    await close();
  });

  it('counters: an unknown count reads "unknown", a lower bound "≥ N", a qualified figure "nearly N", as the API answers', async () => {
    // document 000: "while Shenzhen, Xinjiang and other places have also published a number of revoked online lending
    // institutions" (the only revocations: no number, so the count is unknown); "In addition, Ningxia, Guizhou and other
    // places have disclosed a number of banned online lending institutions" (bans partly without a number: a lower bound);
    // document 002: "Since the start of the rectification work, a total of nearly 5,000 institutions have withdrawn."
    const { page, failed, close } = await openPage('/?asOf=2020-06-30');
    await shown(page, '2020-06-30');
    const counts = (await nationalState('2020-06-30')).national.counts;
    expect(counts['revoked']).toMatchObject({ value: null });
    expect(counts['banned']).toMatchObject({ partial: true });
    expect(counts['exited']).toMatchObject({ qualifier: 'nearly' });
    const valueOf = (name: string) => page.textContent(`.counter[data-count="${name}"] .value`);
    for (const [name, count] of Object.entries(counts)) {
      if (!count) continue;
      const number = count.value?.toLocaleString('en-US');
      const expected = count.value === null ? 'unknown'
        : `${count.qualifier ? `${QUALIFIERS[count.qualifier]} ` : ''}${count.partial ? '≥ ' : ''}${number}`;
      expect([name, await valueOf(name)]).toEqual([name, expected]);
    }
    expect(await page.textContent('.counter[data-count="exited"] .value')).toBe('nearly 5,000');

    await page.click('button.language');
    await page.waitForURL(/lang=zh/);
    expect(await valueOf('revoked')).toBe('未知');
    expect(failed).toEqual([]);
    await close();
  });

  it('marks disputed figures and what is only possibly in force, as the API says', async () => {
    // document 002: "the number of borrowers decreased by 80%; and the number of borrowers decreased by 62%" (two
    // numbers for one figure of one date: disputed); research/timeline-facts.md: "| on or before 2020-01-08 | CN-SC,
    // CN-HA, CN-YN, CN-GS | named among nine provinces that had banned P2P |" (in mid-2019 possibly in force, not certainly).
    const { page, failed, close } = await openPage('/?asOf=2019-06-30');
    await shown(page, '2019-06-30');
    const bans = (await app.request('GET', '/v1/bans?asOf=2019-06-30&limit=200')).body.bans as { factId: string; inForce: string }[];
    expect(bans.some((ban) => ban.inForce === 'possible')).toBe(true);
    for (const ban of bans) {
      const tags = await page.$$eval(`.ban[data-fact="${ban.factId}"] .tag`, (nodes) => nodes.map((node) => node.textContent));
      expect([ban.factId, tags.includes('possibly in force')]).toEqual([ban.factId, ban.inForce === 'possible']);
    }
    expect(failed).toEqual([]);
    await close();

    const national = await openPage('/?asOf=2020-06-30&j=CN');
    await shown(national.page, '2020-06-30');
    const facts = (await app.request('GET', '/v1/jurisdictions/CN/state?asOf=2020-06-30&limit=1000&include=facts')).body.facts as
      { factId: string; disputedWith: string[] }[];
    const disputed = facts.filter((fact) => fact.disputedWith.length > 0).map((fact) => fact.factId).sort();
    expect(disputed.length).toBeGreaterThanOrEqual(2);
    await national.page.waitForSelector('.timeline[data-code="CN"] .fact[data-in-force="certain"]');
    const marked = await national.page.$$eval('.timeline .fact', (nodes) => nodes
      .filter((node) => [...node.querySelectorAll('.tag')].some((tag) => tag.textContent === 'disputed'))
      .map((node) => node.getAttribute('data-fact')));
    expect(marked.sort()).toEqual(disputed);
    expect(national.failed).toEqual([]);
    await national.close();
  });

  it('the slider moves a day per arrow key, and the URL follows', async () => {
    const { page, close } = await openPage('/?asOf=2020-06-30');
    await shown(page, '2020-06-30');
    await page.focus('#date-slider');
    await page.keyboard.press('ArrowRight');
    await shown(page, '2020-07-01');
    expect(await page.inputValue('#as-of')).toBe('2020-07-01');
    await page.waitForURL(/asOf=2020-07-01/);
    await close();
  });

  it('clicking a province shows its timeline with a source quote, publisher, date and link', async () => {
    const { page, failed, close } = await openPage('/?asOf=2020-06-30');
    await shown(page, '2020-06-30');
    await page.click('.tile[data-code="CN-NX"]');
    await page.waitForSelector('.timeline[data-code="CN-NX"] .quote');
    const quotes = await page.$$eval('.timeline .quote', (nodes) => nodes.map((node) => node.textContent));
    expect(quotes).toEqual(expect.arrayContaining([expect.stringContaining('decided to ban 28 online lending institutions')]));
    const attributions = await page.$$eval('.timeline .attribution', (nodes) => nodes.map((node) => node.textContent));
    expect(attributions).toEqual(expect.arrayContaining([expect.stringMatching(/^translationTranslator: .+published /)]));
    expect(await page.$$eval('.timeline .attribution a', (links) => links.map((a) => a.getAttribute('href')))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^https?:\/\//)]));
    await page.waitForURL(/j=CN-NX/);
    expect(failed).toEqual([]);
    await close();
  });

  it('a deep link opens exactly that view; the language switch relabels it in Chinese', async () => {
    const { page, failed, close } = await openPage('/?asOf=2020-06-30&j=CN-NX');
    await shown(page, '2020-06-30');
    expect(await page.inputValue('#as-of')).toBe('2020-06-30');
    expect(await page.getAttribute('.tile[data-code="CN-NX"]', 'aria-pressed')).toBe('true');
    // Ningxia banned institutions but did not prohibit online lending: grey in the default layer (its bans: page-layers)
    expect(await page.getAttribute('.tile[data-code="CN-NX"]', 'data-state')).toBe('none');
    await page.waitForSelector('.timeline[data-code="CN-NX"] .quote');
    expect(await page.textContent('#timeline-heading')).toContain('Ningxia');

    await page.click('button.language');
    await page.waitForURL(/lang=zh/);
    expect(await page.textContent('.tile[data-code="CN-NX"]')).toBe('宁夏');
    expect(await page.textContent('#timeline-heading')).toContain('宁夏回族自治区');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-Hans');
    expect(failed).toEqual([]);
    await close();
  });

  it('"as known on that date" asks the API with knownAt and keeps it in the URL', async () => {
    const { page, close } = await openPage('/?asOf=2020-06-30');
    await shown(page, '2020-06-30');
    const asked = page.waitForRequest((request) => request.url().includes('/v1/state?asOf=2020-06-30&knownAt=2020-06-30'));
    await page.check('#as-known');
    await asked;
    await page.waitForURL(/knownAt=2020-06-30/);
    await page.waitForSelector('main[data-known="true"][aria-busy="false"]');
    await close();
  });

  it('works with every request outside the service blocked, keyboard only, and fits a phone (375 px)', async () => {
    const { page, outside, failed, close } = await openPage('/?asOf=2020-06-30', { width: 375, height: 812 });
    await shown(page, '2020-06-30');
    // keyboard: tab to a province tile and open it with Enter
    await page.focus('.tile[data-code="CN-HB"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.timeline[data-code="CN-HB"] .quote');
    expect(await page.getAttribute('.tile[data-code="CN-HB"]', 'aria-label')).toMatch(/^Hubei: /);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'page-phone.png'), fullPage: true });
    expect(outside).toEqual([]);
    expect(failed).toEqual([]);
    await close();
  });

  it('takes the README screenshot: what was banned as of June 2020', async () => {
    const { page, close } = await openPage('/?asOf=2020-06-30&j=CN-NX', { width: 1280, height: 900 });
    await shown(page, '2020-06-30');
    await page.waitForSelector('.timeline .quote');
    await page.waitForSelector('.chart svg');
    mkdirSync(path.dirname(README_SCREENSHOT), { recursive: true });
    await page.screenshot({ path: README_SCREENSHOT });
    await page.screenshot({ path: path.join(ARTIFACTS, 'page-desktop-full.png'), fullPage: true });
    await close();
  });
});
