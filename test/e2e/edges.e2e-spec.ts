import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exampleNotice, startApp, type RunningApp } from '../support/app-harness.js';

/** Issue 15 item 9: the edges an attacker or an operator finds first. */

const root = process.cwd();
const MAIN = path.join(root, 'dist/apps/api/src/main.js');

/** Writes `text` on a raw socket and collects what comes back until the server closes it (or `waitMs`). */
function raw(port: number, text: string, waitMs: number): Promise<{ reply: string; closed: boolean; afterMs: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    let reply = '';
    const socket: Socket = connect(port, '127.0.0.1', () => socket.write(text));
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ reply, closed: false, afterMs: Date.now() - started });
    }, waitMs);
    socket.on('data', (chunk) => (reply += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ reply, closed: true, afterMs: Date.now() - started });
    });
  });
}

const bodyOf = (reply: string) => JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4));
const portOf = (app: RunningApp) => Number(new URL(app.baseUrl).port);

describe('SSRF: IPv6 forms that embed an IPv4 address', () => {
  let app: RunningApp;
  beforeAll(async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = 'false';
    app = await startApp();
  });
  afterAll(() => app?.stop());

  it.each(['https://[::127.0.0.1]/hook', 'https://[::7f00:1]/hook', 'https://[::169.254.169.254]/latest', 'https://[::ffff:127.0.0.1]/hook',
    'https://[::ffff:a9fe:a9fe]/', 'https://[::]/', 'https://[64:ff9b::7f00:1]/', 'https://[2002:7f00:1::]/'])('refuses %s', async (url) => {
    const refused = await app.request('POST', '/v1/subscriptions', { body: { url } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ field: 'url' });
    expect((await app.request('GET', '/v1/subscriptions')).body.subscriptions.map((s: any) => s.url)).not.toContain(url);
  });
});

describe('API_KEYS: keys that contain colons', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ API_KEYS: 'editor/newsroom:s3:cr:et,editor:plain-key:desk,auditor:au' });
  });
  afterAll(() => app?.stop());

  it('role/name:key takes everything after the first colon as the key; role:key[:name] still works', async () => {
    const colon = await app.request('POST', '/v1/notices', { headers: { authorization: 'Bearer s3:cr:et' }, body: exampleNotice() });
    expect(colon.status).toBe(201);
    expect(colon.body.events[0].metadata.actor).toBe('newsroom');
    for (const cut of ['s3', 'cr', 'et', 's3:cr']) {
      expect((await app.request('POST', '/v1/notices', { headers: { authorization: `Bearer ${cut}` }, body: exampleNotice() })).status).toBe(401);
    }
    const legacy = await app.request('POST', '/v1/notices', { headers: { authorization: 'Bearer plain-key' }, body: exampleNotice() });
    expect(legacy.body.events[0].metadata.actor).toBe('desk');
    expect((await app.request('GET', '/v1/events.ndjson', { headers: { authorization: 'Bearer au' } })).status).toBe(200);
  });

  it('an ambiguous entry (a colon in a key of the role:key:name form) stops the start, naming API_KEYS', async () => {
    await expect(startApp({ API_KEYS: 'editor:a:b:newsroom' })).rejects.toThrow(/API_KEYS entry 1.*role\/name:key/);
  });
});

describe('header and body timeouts; the framework\'s own errors as problem+json', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ HTTP_HEADERS_TIMEOUT_MS: '500', HTTP_REQUEST_TIMEOUT_MS: '1000' });
  });
  afterAll(() => app?.stop());

  it('a client that never finishes its headers is answered 408 problem+json and cut off', async () => {
    const slow = await raw(portOf(app), 'GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ', 5000);
    expect(slow.closed).toBe(true);
    expect(slow.afterMs).toBeLessThan(3000);
    expect(slow.reply).toMatch(/^HTTP\/1.1 408/);
    expect(slow.reply).toMatch(/content-type: application\/problem\+json/i);
    expect(bodyOf(slow.reply)).toMatchObject({ status: 408, type: '/problems/request-timeout', title: 'Request timeout' });
  });

  it('a client that never finishes its body is cut off', async () => {
    const slow = await raw(portOf(app), 'POST /v1/notices HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":', 5000);
    expect(slow.closed).toBe(true);
    expect(slow.afterMs).toBeLessThan(3000);
  });

  it('431: headers too large', async () => {
    const big = await raw(portOf(app), `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`, 3000);
    expect(big.reply).toMatch(/^HTTP\/1.1 431/);
    expect(big.reply).toMatch(/content-type: application\/problem\+json/i);
    expect(bodyOf(big.reply)).toMatchObject({ status: 431, type: '/problems/headers-too-large', title: 'Request headers too large' });
  });

  it('400: a request line the HTTP parser refuses', async () => {
    const bad = await raw(portOf(app), 'GET /health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n', 3000);
    expect(bad.reply).toMatch(/^HTTP\/1.1 400/);
    expect(bodyOf(bad.reply)).toMatchObject({ status: 400, type: '/problems/malformed-request', title: 'Malformed HTTP request' });
  });

  it('414: a path parameter too long', async () => {
    const long = await app.request('GET', `/v1/notices/${'a'.repeat(200)}`);
    expect(long.status).toBe(414);
    expect(long.headers.get('content-type')).toContain('application/problem+json');
    expect(long.body).toMatchObject({ type: '/problems/uri-too-long', title: 'URI too long', status: 414 });
  });

  it('400: a path that is not a valid URL component', async () => {
    const bad = await app.request('GET', '/v1/notices/%E0%A4%A');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body).toMatchObject({ type: '/problems/invalid-url', status: 400 });
  });

  it('400 / 413 from the body parser have a title of their own, not "Http"', async () => {
    const empty = await app.request('POST', '/v1/notices', { rawBody: '', headers: { 'content-type': 'application/json' } });
    expect(empty.status).toBe(400);
    expect(empty.body.title).not.toBe('Http');
    expect(empty.body.type).not.toBe('/problems/http-400');
    const broken = await app.request('POST', '/v1/notices', { rawBody: '{bad' });
    expect(broken.status).toBe(400);
    expect(broken.body.title).not.toBe('Http');
    const big = await app.request('POST', '/v1/notices', { rawBody: JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(big.status).toBe(413);
    expect(big.headers.get('content-type')).toContain('application/problem+json');
    expect(big.body).toMatchObject({ type: '/problems/body-too-large', title: 'Request body too large' });
  });
});

describe('DATA_DIR that cannot be created', () => {
  it('the server stops at once with a message naming DATA_DIR', async () => {
    const started = Date.now();
    const child = spawn(process.execPath, [MAIN], { env: { ...process.env, DATA_DIR: '/proc/x', PORT: '0', API_KEYS: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(null);
      }, 10_000);
      child.on('exit', (exit) => {
        clearTimeout(timer);
        resolve(exit);
      });
    });
    expect(code).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(output).toMatch(/DATA_DIR/);
    expect(output).toContain('/proc/x');
  }, 20_000);
});
