import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from '../support/app-harness.js';
import { describeInBrowser, launchBrowser, openServicePage, tileStates, waitShown } from '../support/browser.js';

/** Honest edges: a link the page cannot take as written is said so, never silently changed (Chromium, outside requests blocked). */
describeInBrowser('the timeline page: unknown places, dates out of range, knownAt, loading (Chromium)', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
    app = await startApp({}, { seed: true });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const open = (url: string) => openServicePage(browser, app.baseUrl, url);
  const withState = async (page: Page, wanted: string) =>
    (await tileStates(page)).filter(([, state]) => state === wanted).map(([code]) => code).sort();

  it('an unknown place is named in a clear message, never asked of the API, and the page answers for all of China', async () => {
    const { page, failed, close } = await open('/?asOf=2020-06-30&j=CN-ZZ');
    const asked: string[] = [];
    page.on('request', (request) => asked.push(request.url()));
    await waitShown(page, '2020-06-30');
    expect(await page.textContent('[data-problem="unknown-place"]'))
      .toBe('There is no place with the code "CN-ZZ". Showing all of China; choose a place on the map.');
    expect(asked.filter((url) => url.includes('CN-ZZ'))).toEqual([]);
    expect(await page.getAttribute('.counters-of', 'data-scope')).toBe('CN');
    expect(await page.$$('.error')).toHaveLength(0);
    expect(failed).toEqual([]);
    await close();
  });

  it('asOf=1999 is its last day, 1999-12-31, said so and kept (not moved to 2016), with nothing in force', async () => {
    // research/timeline-facts.md and documents 000-004 date nothing before 2016 ("since 2016", document 000): in 1999 nothing holds
    const { page, failed, close } = await open('/?asOf=1999');
    await waitShown(page, '1999-12-31');
    expect(await page.textContent('[data-problem="period"]')).toBe('"1999" is a period: showing its last day, 31 Dec 1999.');
    expect(await page.textContent('[data-problem="before-range"]')).toContain('31 Dec 1999 is before 1 Jan 2016');
    expect(await page.inputValue('#as-of')).toBe('1999-12-31');
    await page.waitForURL(/asOf=1999-12-31/);
    expect(await withState(page, 'in-force')).toEqual([]);
    expect(failed).toEqual([]);
    await close();
  });

  it('a date that is not one says so and shows today; a typed date out of range is kept and said so', async () => {
    const { page, failed, close } = await open('/?asOf=2020-13-45');
    expect(await (await page.waitForSelector('[data-problem="not-a-date"]')).textContent())
      .toBe('"2020-13-45" is not a date (use year-month-day, e.g. 2020-06-30). Showing today.');
    await page.fill('#as-of', '2015-06-30');
    await waitShown(page, '2015-06-30');
    await page.waitForURL(/asOf=2015-06-30/);
    expect(await page.textContent('[data-problem="before-range"]')).toContain('30 Jun 2015 is before 1 Jan 2016');
    // a half-typed date is not taken
    await page.fill('#as-of', '2020-06');
    expect(await page.getAttribute('#as-of', 'aria-invalid')).toBe('true');
    expect(page.url()).toContain('asOf=2015-06-30');
    expect(failed).toEqual([]);
    await close();
  });

  it('"Only what was published by then" does what it says: facts whose sources came later leave the map', async () => {
    // research/timeline-facts.md: "| on or before 2020-01-08 | CN-SC, CN-HA, CN-YN, CN-GS | named among nine provinces that had
    // banned P2P |" (published 2020-01-08); document 000, published at the end of May 2020, is the only source for "Inner
    // Mongolia, Shaanxi, Jilin, Heilongjiang, Jiangxi, Anhui, and Hubei": on 2020-03-31 nothing published said they had.
    const { page, failed, close } = await open('/?asOf=2020-03-31');
    await waitShown(page, '2020-03-31');
    expect(await page.textContent('label.toggle:has(#as-known)')).toBe(
      'Only what was published by thenhides facts whose sources appeared after the date shown (knownAt)');
    const late = ['CN-AH', 'CN-HB', 'CN-HL', 'CN-JL', 'CN-JX', 'CN-NM', 'CN-SN'];
    expect(await withState(page, 'possible')).toEqual(late);
    const asked = page.waitForRequest((request) => request.url().includes('/v1/state?asOf=2020-03-31&knownAt=2020-03-31'));
    await page.check('#as-known');
    await asked;
    await page.waitForSelector('main[data-known="true"][aria-busy="false"]');
    const known = (await app.request('GET', '/v1/state?asOf=2020-03-31&knownAt=2020-03-31')).body
      .prohibitedByBusinessLine['online-lending'] as { code: string; certainty: string }[];
    expect(await withState(page, 'in-force')).toEqual(known.filter((p) => p.certainty === 'certain').map((p) => p.code).sort());
    expect((await tileStates(page)).filter(([code, state]) => late.includes(code) && state !== 'none')).toEqual([]);
    expect(failed).toEqual([]);
    await close();
  });

  it('says it is loading while the answers are on their way', async () => {
    const context = await browser.newContext();
    await context.route('**/*', async (route) => {
      if (!route.request().url().startsWith(app.baseUrl + '/')) return route.abort('blockedbyclient');
      if (route.request().url().includes('/v1/state?asOf=2020-06-30')) await new Promise((resolve) => setTimeout(resolve, 1500));
      return route.continue();
    });
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/?asOf=2020-06-30`);
    const loading = await page.waitForSelector('.messages .loading:not([hidden])');
    expect(await loading.textContent()).toBe('Loading…');
    expect(await page.getAttribute('main', 'aria-busy')).toBe('true');
    await waitShown(page, '2020-06-30');
    expect(await page.$('.messages .loading[hidden]')).not.toBeNull();
    await context.close();
  });
});
