import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from '@jest/globals';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium; CI installs it and sets REQUIRE_BROWSER=1 so a missing browser fails the run. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PAGE_BUNDLE = path.join(root, 'dist/web/index.html');
export const ARTIFACTS = path.join(root, 'test-artifacts');
export const README_SCREENSHOT = path.join(root, 'docs/timeline-page.png');

/**
 * `describe` for suites that drive a real browser. Without /usr/bin/chromium the suite is
 * skipped under a name that says why, or fails when REQUIRE_BROWSER=1.
 */
export function describeInBrowser(name: string, suite: () => void): void {
  if (existsSync(CHROMIUM_PATH)) {
    describe(name, suite);
    return;
  }
  const reason = `no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`;
  describe(name, () => {
    if (process.env.REQUIRE_BROWSER === '1') {
      it('needs a browser', () => {
        throw new Error(`REQUIRE_BROWSER=1 but there is ${reason}`);
      });
    } else {
      it.skip(`skipped: ${reason}; set REQUIRE_BROWSER=1 to fail instead`, () => undefined);
    }
  });
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(PAGE_BUNDLE)) {
    throw new Error(`the page bundle is missing (${PAGE_BUNDLE}): run \`npm run build\` (or \`npm run build:web\`) before these tests`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** A page of a browser context whose requests may only go to the service; anything else is aborted and reported. */
export async function openServicePage(browser: Browser, baseUrl: string, url: string, viewport = { width: 1280, height: 1000 }) {
  const context = await browser.newContext({ viewport });
  const outside: string[] = [];
  const failed: string[] = [];
  await context.route('**/*', (route) => {
    if (route.request().url().startsWith(baseUrl + '/')) return route.continue();
    outside.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  // a request the page aborts itself (the date moved on before its answer came: use-remote.ts) is not a failure
  page.on('requestfailed', (request) => {
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') failed.push(`${request.url()}: ${request.failure()?.errorText}`);
  });
  page.on('response', (response) => { if (response.status() >= 400) failed.push(`${response.url()}: HTTP ${response.status()}`); });
  page.on('pageerror', (error) => failed.push(`page error: ${error.message}`));
  await page.goto(baseUrl + url);
  return { page, outside, failed, close: () => context.close() };
}

/** Waits until the page shows `asOf` with everything loaded; on timeout, says what the page shows instead. */
export async function waitShown(page: Page, asOf: string): Promise<void> {
  await page.waitForSelector(`main[data-as-of="${asOf}"][aria-busy="false"] .tile[data-state]`, { timeout: 15_000 }).catch(async (error: Error) => {
    const main = await page.$eval('main', (node) => node.outerHTML.slice(0, 300)).catch(() => 'no <main>');
    throw new Error(`${error.message}\n${page.url()}\n${main}\n${(await page.textContent('body'))?.slice(0, 500)}`);
  });
}

/** The tiles of the map as [code, state] (state: in-force, possible, unknown-count, none). */
export const tileStates = (page: Page) =>
  page.$$eval('.tile', (tiles) => tiles.map((tile) => [tile.getAttribute('data-code') as string, tile.getAttribute('data-state') as string] as const));
