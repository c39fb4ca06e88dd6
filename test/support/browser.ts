import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from '@jest/globals';
import { chromium, type Browser } from 'playwright-core';

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
