import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startApp, type RunningApp } from '../support/app-harness.js';

/** A service started without the page bundle still answers the API, and says how to build the page. */
describe('the page before it is built', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.stop());
  afterEach(() => {
    delete process.env.PAGE_DIR;
  });

  it('a browser gets a 503 page naming the build command; an API client a problem; the API still answers', async () => {
    process.env.PAGE_DIR = mkdtempSync(path.join(tmpdir(), 'no-page-'));
    const html = await fetch(`${app.baseUrl}/`, { headers: { accept: 'text/html' } });
    expect(html.status).toBe(503);
    expect(html.headers.get('retry-after')).toBe('60');
    expect(await html.text()).toContain('npm run build');
    const json = await fetch(`${app.baseUrl}/assets/index.js`, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(503);
    expect(json.headers.get('content-type')).toContain('application/problem+json');
    expect(await json.json()).toMatchObject({ status: 503, detail: expect.stringContaining('npm run build') });
    expect((await app.request('GET', '/v1/jurisdictions/CN-HB')).status).toBe(200);
  });
});
