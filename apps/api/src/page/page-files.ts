import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The built page (`vite build` writes it to dist/web), or `PAGE_DIR` when set. Compiled, this
 * file sits in dist/apps/api/src/page; run from source (tests), in apps/api/src/page.
 */
export function findPageDirectory(configured: string | undefined = process.env.PAGE_DIR): string | null {
  const above = path.resolve(here, '../../../..');
  const directory = configured ? path.resolve(configured)
    : path.basename(above) === 'dist' ? path.join(above, 'web') : path.join(above, 'dist', 'web');
  return existsSync(path.join(directory, 'index.html')) ? directory : null;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

export interface PageFile {
  readonly body: Buffer;
  readonly contentType: string;
}

/** One file of the bundle's assets folder; null for anything outside it or missing. */
export async function readAsset(pageDirectory: string, name: string): Promise<PageFile | null> {
  if (!/^[\w.-]+$/.test(name) || name.startsWith('.')) return null;
  const file = path.join(pageDirectory, 'assets', name);
  const body = await readFile(file).catch(() => null);
  if (!body) return null;
  return { body, contentType: CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream' };
}

export const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Regulatory Timeline: page not built</title></head>
<body style="font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem">
<h1>The timeline page has not been built</h1>
<p>The API is running, but the page bundle (<code>dist/web</code>) is missing.
Build it with <code>npm run build</code> (or <code>npm run build:web</code>) and reload.</p>
<p>Meanwhile the API answers: <a href="/v1/state?asOf=2020-06-30">/v1/state?asOf=2020-06-30</a>,
<a href="/docs">OpenAPI</a>, <a href="/health">health</a>.</p>
</body></html>
`;
