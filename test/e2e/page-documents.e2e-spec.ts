import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from '../support/app-harness.js';
import { describeInBrowser, launchBrowser, openServicePage, README_SCREENSHOT, waitShown } from '../support/browser.js';

type Source = { document: string; kind: string; quote: string; quoteAt: { start: number; end: number } | null; citedOutlet: string | null };
type Fact = { factId: string; type: string; sources: Source[] };

/** Provenance (the document viewer), the facts in Chinese and the keyboard at phone width (Chromium, outside requests blocked). */
describeInBrowser('the timeline page: documents, languages and keyboard (Chromium)', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
    app = await startApp({}, { seed: true });
    mkdirSync(path.dirname(README_SCREENSHOT), { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const open = (url: string, viewport?: { width: number; height: number }) => openServicePage(browser, app.baseUrl, url, viewport);
  const timeline = async (code: string) => (await app.request('GET', `/v1/jurisdictions/${code}/timeline?limit=1000`)).body.facts as Fact[];
  const documentText = async (id: string) => (await app.request('GET', `/v1/documents/${encodeURIComponent(id)}`)).body.text as string;

  /** The dialog once its document has loaded, with the highlighted words. */
  async function viewerShows(page: Page, document: string) {
    await page.waitForSelector(`dialog.viewer[open][data-document="${document}"][data-status="ready"]`, { timeout: 10_000 });
    return page.textContent('dialog.viewer mark.quote-mark');
  }

  it('clicking a fact opens its document with the quote highlighted where the service located it', async () => {
    // document 000: "the autonomous region leading group for preventing and resolving financial risks decided to ban 28 online
    // lending institutions in three batches in the region" (Ningxia's ban, the words the fact rests on)
    const fact = (await timeline('CN-NX')).find((candidate) => candidate.sources[0]?.quote.includes('decided to ban 28'));
    const source = fact?.sources[0] as Source;
    expect(source.quoteAt).not.toBeNull();
    const text = await documentText(source.document);

    const { page, outside, failed, close } = await open('/?asOf=2020-06-30&j=CN-NX');
    await waitShown(page, '2020-06-30');
    await page.click(`.timeline .fact[data-fact="${fact?.factId}"] .fact-open`);
    const marked = await viewerShows(page, source.document);
    expect(marked).toBe(text.slice(source.quoteAt!.start, source.quoteAt!.end));
    expect(marked).toContain('decided to ban 28 online lending institutions');
    expect(await page.getAttribute('dialog.viewer', 'data-quote')).toBe('service');
    // the whole text is there, the highlight inside it and scrolled into view
    expect((await page.textContent('dialog.viewer .document-text'))?.length).toBe(text.length);
    const box = await page.$eval('dialog.viewer mark', (node) => node.getBoundingClientRect().top);
    expect(box).toBeGreaterThan(0);
    expect(box).toBeLessThan(1000);
    // what kind of source it is, its writer and, apart, the outlet it cites
    expect(await page.textContent('dialog.viewer .attribution .kind')).toBe('translation');
    expect(await page.textContent('dialog.viewer .attribution .writer')).toBe('Translator: not named in the document');
    expect(await page.textContent('dialog.viewer .viewer-fact')).toBe('28 online lending institutions banned');
    await page.screenshot({ path: path.join(path.dirname(README_SCREENSHOT), 'page-document.png') });
    // the link names the open document's fact: sent to someone, it opens the same view
    await page.waitForURL((url) => url.searchParams.get('fact') === fact?.factId);
    const link = page.url();
    await page.keyboard.press('Escape');
    await page.waitForFunction("!document.querySelector('dialog.viewer').open");
    await page.waitForURL((url) => !url.searchParams.has('fact'));
    expect(outside).toEqual([]);
    expect(failed).toEqual([]);
    await close();

    const again = await openServicePage(browser, app.baseUrl, link.slice(app.baseUrl.length));
    expect(await viewerShows(again.page, source.document)).toBe(marked);
    expect(again.failed).toEqual([]);
    await again.close();
  });

  it('a research-notes source opens the notes (an id with a slash) with its table row highlighted, and says it is secondary', async () => {
    // research/timeline-facts.md: "Gathered from public secondary sources." and its row "| 2019-10-16 (day) | CN-HN Hunan | all
    // P2P business under review banned, incl. out-of-province branches | 24 institutions | globaltimes.cn/content/1167153.shtml; ..."
    const { page, failed, close } = await open('/?asOf=2020-06-30&j=CN-HN');
    await waitShown(page, '2020-06-30');
    await page.click('.timeline .source[data-document="research/timeline-facts.md"] .open-document');
    const marked = await viewerShows(page, 'research/timeline-facts.md');
    expect(marked).toContain('2019-10-16');
    expect(await page.textContent('dialog.viewer .attribution .kind')).toBe('secondary source');
    expect(await page.textContent('dialog.viewer .attribution .outlet')).toBe('Cites: Global Times');
    await page.click('dialog.viewer button.close');
    await page.waitForFunction("!document.querySelector('dialog.viewer').open");
    expect(failed).toEqual([]);
    await close();
  });

  it('in Chinese the facts are worded in Chinese from their fields, with Chinese dates', async () => {
    // document 000: "decided to ban 28 online lending institutions in three batches in the region" -> 取缔28家网络借贷机构;
    // document 004: "Several local banks, including Urumqi Bank and Longjiang Bank, have announced a halt to new internet
    // lending partnerships" -> 乌鲁木齐银行停止新增互联网助贷合作
    const { page, failed, close } = await open('/?asOf=2025-12-31&j=CN&lang=zh');
    await waitShown(page, '2025-12-31');
    await page.waitForSelector('.bans .fact-summary[data-generated="true"]');
    const summaries = await page.$$eval('.bans .fact-summary', (nodes) => nodes.map((node) => [node.getAttribute('data-generated'), node.textContent]));
    expect(summaries.every(([generated]) => generated === 'true')).toBe(true);
    const texts = summaries.map(([, text]) => text as string);
    expect(texts).toEqual(expect.arrayContaining(['取缔28家网络借贷机构', '全面禁止网络借贷业务', '乌鲁木齐银行停止新增互联网助贷合作']));
    // nothing left in English (no Latin letters) in what the page generated
    expect(texts.filter((text) => /[A-Za-z]/.test(text))).toEqual([]);
    expect(await page.textContent('.bans .ban .when')).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日/);
    expect(await page.textContent('.date-shown')).toBe('2025年12月31日');
    await page.waitForSelector('.timeline .fact-summary[data-generated="true"]');
    expect(await page.$$eval('.timeline .type', (nodes) => nodes.map((node) => node.textContent))).toContain('统计数据');
    expect(failed).toEqual([]);
    await close();
  });

  it('keyboard only at 375 px: choose a layer, a province, open a fact\'s document and close it', async () => {
    // document 000: "On May 29th, Hubei Provincial Local Financial Supervision Administration announced ... Up to now, 147
    // corporate online lending institutions have all closed down."
    const { page, outside, failed, close } = await open('/?asOf=2020-06-30', { width: 375, height: 812 });
    await waitShown(page, '2020-06-30');
    const tabTo = async (selector: string) => {
      for (let i = 0; i < 120; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate<boolean>(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`)) return;
      }
      throw new Error(`Tab never reached ${selector}`);
    };
    await tabTo('#layer-kind');
    await page.keyboard.press('ArrowDown'); // prohibited -> institutions banned
    await page.keyboard.press('ArrowDown'); // -> institutions closed
    await page.waitForSelector('.map[data-layer="online-lending:closed"]');
    await tabTo('.tile[data-code="CN-HB"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.counters-of[data-scope="CN-HB"]');
    expect(await page.textContent('.counters-of .counter[data-count="closed"] .value')).toBe('147');
    await page.waitForSelector('.timeline[data-code="CN-HB"] .fact-open');
    await tabTo('.timeline .fact-open');
    await page.keyboard.press('Enter');
    await page.waitForSelector('dialog.viewer[open][data-status="ready"] mark');
    expect(await page.evaluate<boolean>("document.activeElement?.closest('dialog') !== null")).toBe(true);
    await page.keyboard.press('Escape');
    await page.waitForFunction("!document.querySelector('dialog.viewer').open");
    expect(await page.evaluate<boolean>("document.activeElement?.matches('.fact-open') ?? false")).toBe(true);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    expect(outside).toEqual([]);
    expect(failed).toEqual([]);
    await close();
  });
});
