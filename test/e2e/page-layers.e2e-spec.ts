import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from '../support/app-harness.js';
import { describeInBrowser, launchBrowser, openServicePage, README_SCREENSHOT, tileStates, waitShown } from '../support/browser.js';

type Count = { value: number | null; partial: boolean; qualifier: string | null } | null;
type Ban = { factId: string; type: string; jurisdiction: string; inForce: string; count: number | null };

const DOCS = path.dirname(README_SCREENSHOT);
const QUALIFIERS: Record<string, string> = {
  approximately: 'about', nearly: 'nearly', 'at-least': 'at least', 'more-than': 'more than', 'at-most': 'at most',
};

/** How the page words a count in English: "unknown", "≥ 157", "nearly 5,000", "28", or "–" when there is none. */
const worded = (count: Count): string => {
  if (!count) return '–';
  if (count.value === null) return 'unknown';
  return `${count.qualifier ? `${QUALIFIERS[count.qualifier]} ` : ''}${count.partial ? '≥ ' : ''}${count.value.toLocaleString('en-US')}`;
};

/** The map's layers, the scope of a selected place and the three dates of the README (Chromium, outside requests blocked). */
describeInBrowser('the timeline page: layers and scope (Chromium)', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
    app = await startApp({}, { seed: true });
    mkdirSync(DOCS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const open = (url: string, viewport?: { width: number; height: number }) => openServicePage(browser, app.baseUrl, url, viewport);
  const withState = async (page: Page, wanted: string) =>
    (await tileStates(page)).filter(([, state]) => state === wanted).map(([code]) => code).sort();

  it('2016-01-01: no province prohibits online lending, not even possibly', async () => {
    // research/timeline-facts.md dates the first provincial ban "| 2019-10-16 (day) | CN-HN Hunan | all P2P business under
    // review banned ..."; document 000's "So far, Hunan, Shandong, ... 16 have all announced that all online lending businesses
    // within their jurisdiction are prohibited" was published in 2020 and its bans are bounded by 2019: none holds in 2016.
    const { page, outside, failed, close } = await open('/?asOf=2016-01-01', { width: 1280, height: 1150 });
    await waitShown(page, '2016-01-01');
    expect(await withState(page, 'in-force')).toEqual([]);
    expect(await withState(page, 'possible')).toEqual([]);
    expect(await page.textContent('[data-legend="possible"]')).toContain('possibly prohibited');
    await page.screenshot({ path: path.join(DOCS, 'page-2016-01-01.png') });
    expect(outside).toEqual([]);
    expect(failed).toEqual([]);
    await close();
  });

  it('2020-06-30: the sixteen provinces prohibit online lending; Ningxia\'s and Guizhou\'s bans show in the bans layer', async () => {
    // document 000: "So far, Hunan, Shandong, Chongqing, Henan, Sichuan, Yunnan, Hebei, Gansu, Shanxi, Inner Mongolia, Shaanxi,
    // Jilin, Heilongjiang, Jiangxi, Anhui, and Hubei *** 16 have all announced that all online lending businesses within their
    // jurisdiction are prohibited; In addition, Ningxia, Guizhou and other places have disclosed a number of banned online
    // lending institutions" and "decided to ban 28 online lending institutions in three batches in the region" (Ningxia: 28;
    // Guizhou: "a number of", so its count is unknown).
    const { page, outside, failed, close } = await open('/?asOf=2020-06-30', { width: 1280, height: 1150 });
    await waitShown(page, '2020-06-30');
    expect(await withState(page, 'in-force')).toEqual([
      'CN-AH', 'CN-CQ', 'CN-GS', 'CN-HA', 'CN-HB', 'CN-HE', 'CN-HL', 'CN-HN', 'CN-JL', 'CN-JX', 'CN-NM', 'CN-SC', 'CN-SD', 'CN-SN', 'CN-SX', 'CN-YN',
    ]);
    expect(await page.getAttribute('.tile[data-code="CN-GZ"]', 'data-state')).toBe('none');
    // the tiles name their provinces: Hebei, Henan, Hunan, Hubei and Hainan apart, no code suffixes
    const names = await page.$$eval('.tile', (tiles) => tiles.map((tile) => (tile.textContent ?? '').replace(/\u00AD/g, '')));
    expect(names).toEqual(expect.arrayContaining(['Hebei', 'Henan', 'Hunan', 'Hubei', 'Hainan', 'Heilongjiang']));
    await page.screenshot({ path: path.join(DOCS, 'page-2020-06-30.png') });

    await page.selectOption('#layer-kind', 'banned');
    await page.waitForURL(/kind=banned/);
    await page.waitForSelector('.map[data-layer="online-lending:banned"]');
    expect(await page.getAttribute('.tile[data-code="CN-NX"]', 'data-state')).toBe('in-force');
    expect(await page.getAttribute('.tile[data-code="CN-GZ"]', 'data-state')).toBe('unknown-count');
    expect(await page.getAttribute('.tile[data-code="CN-GZ"]', 'aria-label')).toBe('Guizhou: Online lending: institutions banned, number unknown ("a number of")');
    expect(await page.textContent('[data-legend="unknown-count"]')).toContain('number unknown');
    // every province with a ban in force is coloured, none without one
    const bans = (await app.request('GET', '/v1/bans?asOf=2020-06-30&limit=200')).body.bans as Ban[];
    const banned = [...new Set(bans.filter((ban) => ban.type === 'InstitutionsBanned').map((ban) => ban.jurisdiction))].sort();
    expect([...await withState(page, 'in-force'), ...await withState(page, 'unknown-count')].sort()).toEqual(banned);
    // the list says what kind each action is, in words, and shows each once
    const kinds = await page.$$eval('.bans .kind-group h3', (nodes) => nodes.map((node) => node.textContent));
    expect(kinds).toEqual(['Prohibitions', 'Bans', 'Closures', 'Revocations', 'Exits']);
    expect(await page.textContent('.bans')).not.toMatch(/InstitutionsClosed|InstitutionsBanned|document 000|\| CN-/);
    expect(outside).toEqual([]);
    expect(failed).toEqual([]);
    await close();
  });

  it('2025-12-31: the banks\' lending-assistance halts show in their own layer', async () => {
    // document 004: "Several local banks, including Urumqi Bank and Longjiang Bank, have announced a halt to new internet
    // lending partnerships" (Urumqi: Xinjiang; Longjiang Bank: Harbin, Heilongjiang)
    const { page, outside, failed, close } = await open('/?asOf=2025-12-31', { width: 1280, height: 1150 });
    await waitShown(page, '2025-12-31');
    // the business line's summary shows it on the map; the link keeps the layer
    await page.click('.business-lines li[data-line="internet-lending-assistance"] button.line-name');
    await page.waitForURL(/line=internet-lending-assistance&kind=halts/);
    expect(await page.getAttribute('.map', 'data-layer')).toBe('internet-lending-assistance:halts');
    expect(await withState(page, 'in-force')).toEqual(['CN-HL', 'CN-XJ']);
    expect(await page.getAttribute('.city[data-code="CN-650100"]', 'data-state')).toBe('in-force');
    expect(await page.getAttribute('.city[data-code="CN-230100"]', 'data-state')).toBe('in-force');
    expect(await page.textContent('.bans .kind-group[data-type="PartnershipHalted"]')).toMatch(/Urumqi Bank halted new internet lending assistance partnerships/);
    await page.screenshot({ path: path.join(DOCS, 'page-2025-12-31.png') });
    expect(outside).toEqual([]);
    expect(failed).toEqual([]);
    await close();
  });

  it('a selected province scopes the counters, the list and the chart: its counters are its /v1/jurisdictions/{code}/state', async () => {
    // document 000: "decided to ban 28 online lending institutions in three batches in the region" (Ningxia) and "Up to now,
    // 147 corporate online lending institutions have all closed down" (Hubei)
    for (const code of ['CN-NX', 'CN-HB']) {
      const { page, failed, close } = await open(`/?asOf=2020-06-30&j=${code}`);
      await waitShown(page, '2020-06-30');
      await page.waitForSelector(`.counters-of[data-scope="${code}"]`);
      const counts = (await app.request('GET', `/v1/jurisdictions/${code}/state?asOf=2020-06-30`)).body.counts as Record<string, Count>;
      for (const [name, count] of Object.entries(counts)) {
        expect([code, name, await page.textContent(`.counters-of .counter[data-count="${name}"] .value`)]).toEqual([code, name, worded(count)]);
      }
      // the list holds only the place and the places inside it
      const places = await page.$$eval('.bans .ban', (nodes) => nodes.map((node) => node.getAttribute('data-code')));
      const inside = ((await app.request('GET', `/v1/bans?asOf=2020-06-30&jurisdiction=${code}&limit=200`)).body.bans as Ban[]).map((ban) => ban.jurisdiction);
      expect(places.length).toBeGreaterThan(0);
      expect([...new Set(places)].sort()).toEqual([...new Set(inside)].sort());
      expect(await page.textContent('.chart figcaption')).toContain(code === 'CN-NX' ? 'Ningxia' : 'Hubei');
      expect(page.url()).toContain(`j=${code}`);
      expect(failed).toEqual([]);
      await close();
    }
    const hubei = await open('/?asOf=2020-06-30&j=CN-HB');
    await waitShown(hubei.page, '2020-06-30');
    expect(await hubei.page.textContent('.counters-of .counter[data-count="closed"] .value')).toBe('147');
    await hubei.close();
  });

  it('at 375 px the selected place\'s answer opens directly under the map', async () => {
    // document 000: "decided to ban 28 online lending institutions in three batches in the region" (Ningxia's answer: 28 banned)
    const { page, failed, close } = await open('/?asOf=2020-06-30&j=CN-NX', { width: 375, height: 812 });
    await waitShown(page, '2020-06-30');
    const map = await page.$eval('.area-map', (node) => node.getBoundingClientRect().bottom);
    const answer = await page.$eval('#answer', (node) => node.getBoundingClientRect().top);
    expect(answer - map).toBeGreaterThanOrEqual(0);
    expect(answer - map).toBeLessThan(40);
    expect(await page.textContent('#answer .counters-of h2')).toBe('Counters: Ningxia');
    expect(await page.textContent('#answer .counter[data-count="banned"] .value')).toBe('28');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    expect(failed).toEqual([]);
    await close();
  });

  it('compare mode colours what started and what ended, as /v1/diff answers', async () => {
    // research/timeline-facts.md: "| 2019-10-16 (day) | CN-HN Hunan | all P2P business under review banned ..." (Hunan's
    // prohibition starts between mid-2019 and mid-2020)
    const { page, failed, close } = await open('/?asOf=2020-06-30&from=2019-06-30');
    await waitShown(page, '2020-06-30');
    await page.waitForSelector('.changes[aria-busy="false"] .change-list-started');
    const diff = (await app.request('GET', '/v1/diff?from=2019-06-30&to=2020-06-30&limit=1000')).body as
      { started: { factId: string; type: string; jurisdiction: string }[]; ended: { factId: string }[] };
    expect(await page.$$eval('.change-list-started .ban', (nodes) => nodes.length)).toBe(diff.started.length);
    expect(await page.$$eval('.change-list-ended .ban', (nodes) => nodes.length)).toBe(diff.ended.length);
    expect(diff.started.some((fact) => fact.type === 'BusinessLineProhibited' && fact.jurisdiction === 'CN-HN')).toBe(true);
    expect(await page.getAttribute('.tile[data-code="CN-HN"]', 'data-change')).toBe('started');
    expect(await page.getAttribute('.tile[data-code="CN-GD"]', 'data-change')).toBe('none');
    expect(await page.textContent('[data-legend="ended"]')).toBe('ended');
    expect(page.url()).toContain('from=2019-06-30');
    expect(failed).toEqual([]);
    await close();
  });
});
