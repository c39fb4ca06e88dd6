import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from '../support/app-harness.js';
import { ARTIFACTS, describeInBrowser, launchBrowser, README_SCREENSHOT } from '../support/browser.js';

type Jurisdiction = { code: string; level: string };
type JurisdictionState = { code: string; onlineLendingProhibited: boolean; certainty: string | null };

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
  async function openPage(url: string, viewport = { width: 1280, height: 1000 }) {
    const context = await browser.newContext({ viewport });
    const outside: string[] = [];
    const failed: string[] = [];
    await context.route('**/*', (route) => {
      if (route.request().url().startsWith(app.baseUrl + '/')) return route.continue();
      outside.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.on('requestfailed', (request) => failed.push(`${request.url()}: ${request.failure()?.errorText}`));
    page.on('response', (response) => { if (response.status() >= 400) failed.push(`${response.url()}: HTTP ${response.status()}`); });
    page.on('pageerror', (error) => failed.push(`page error: ${error.message}`));
    await page.goto(app.baseUrl + url);
    return { page, outside, failed, close: () => context.close() };
  }

  /** Waits until the map shows `asOf` with everything loaded; on timeout, says what the page shows instead. */
  async function shown(page: Page, asOf: string): Promise<void> {
    await page.waitForSelector(`main[data-as-of="${asOf}"][aria-busy="false"] .tile[data-state]`, { timeout: 10_000 }).catch(async (error: Error) => {
      const main = await page.$eval('main', (node) => node.outerHTML.slice(0, 300)).catch(() => 'no <main>');
      throw new Error(`${error.message}\n${page.url()}\n${main}\n${(await page.textContent('body'))?.slice(0, 500)}`);
    });
  }

  const tileStates = (page: Page) =>
    page.$$eval('.tile', (tiles) => tiles.map((tile) => [tile.getAttribute('data-code'), tile.getAttribute('data-state')] as const));

  async function expectMapMatchesApi(page: Page, asOf: string): Promise<string[]> {
    const state = (await app.request('GET', `/v1/state?asOf=${asOf}`)).body as { jurisdictions: JurisdictionState[] };
    const inProvinces = state.jurisdictions.filter((j) => provinces.has(j.code) && j.onlineLendingProhibited);
    const tiles = await tileStates(page);
    const withState = (wanted: string) => tiles.filter(([, state]) => state === wanted).map(([code]) => code).sort();
    const prohibited = withState('prohibited');
    expect(tiles).toHaveLength(34);
    expect(prohibited).toEqual(inProvinces.filter((j) => j.certainty === 'certain').map((j) => j.code).sort());
    expect(withState('possible')).toEqual(inProvinces.filter((j) => j.certainty !== 'certain').map((j) => j.code).sort());
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
    expect(await page.textContent('.national')).toMatch(/Operating institutions\s*139\s*figure for 2020-03-31/);
    expect(await page.$$eval('.ban', (bans) => bans.length)).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'page-2020-06-30.png') });
    expect(failed).toEqual([]);
    await close();
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
    expect(await page.textContent('.timeline .attribution')).toMatch(/Source: .+, published /);
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
    expect(await page.getAttribute('.tile[data-code="CN-NX"]', 'data-state')).toBe('banned-or-closed');
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
