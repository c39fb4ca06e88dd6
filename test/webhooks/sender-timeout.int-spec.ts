import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookSender } from '../../libs/webhooks/src/sender.js';

/** A receiver that answers as `answer` says, on 127.0.0.1. */
async function receiver(answer: (response: import('node:http').ServerResponse) => void): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => request.resume().on('end', () => answer(response)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, server };
}

describe('a POST to a subscriber is bounded by the timeout, from start to end', () => {
  const TIMEOUT_MS = 400;
  let sender: WebhookSender;
  const servers: Server[] = [];
  beforeEach(() => {
    sender = new WebhookSender({ timeoutMs: TIMEOUT_MS, allowPrivate: true });
  });
  afterEach(async () => {
    await sender.close();
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('given a receiver that never answers, the attempt fails after the timeout with no status', async () => {
    const { url, server } = await receiver(() => undefined);
    servers.push(server);
    const started = Date.now();
    const result = await sender.send(url, {}, '{}');
    expect(result.statusCode).toBeNull();
    expect(result.error).toMatch(/timeout/i);
    expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 3);
  });

  it('given a receiver that answers 500 and trickles its body byte by byte, the attempt still ends by the timeout', async () => {
    const { url, server } = await receiver((response) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      // a byte every 100 ms: no gap reaches the timeout, the whole answer would take 20 s
      const timer = setInterval(() => (response.destroyed ? clearInterval(timer) : response.write('x')), 100);
    });
    servers.push(server);
    const started = Date.now();
    const result = await sender.send(url, {}, '{}');
    expect(result.error).not.toBeNull();
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 3);
  });

  it('given a receiver that refuses with a long text and Retry-After, the attempt keeps its status, the delay and the first 300 characters', async () => {
    const { url, server } = await receiver((response) => response.writeHead(503, { 'retry-after': '120', 'content-type': 'text/plain' }).end('busy '.repeat(4000)));
    servers.push(server);
    const result = await sender.send(url, {}, '{}');
    expect(result).toMatchObject({ statusCode: 503, retryAfterSeconds: 120 });
    expect(result.error).toBe(`HTTP 503: ${'busy '.repeat(60)}`);
  });

  it('given a receiver answering 200 with a body, the connection is used again for the next sends', async () => {
    const connections = new Set<unknown>();
    const { url, server } = await receiver((response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
    server.on('connection', (socket) => connections.add(socket));
    servers.push(server);
    for (let i = 0; i < 20; i++) expect(await sender.send(url, { 'webhook-id': `msg_${i}` }, '{}')).toMatchObject({ statusCode: 200, error: null });
    // kept alive (undici opens a second one while the first is being freed after its first answer)
    expect(connections.size).toBeLessThanOrEqual(2);
  });

  it('given an address the sender may not reach, the attempt fails with no status and says why', async () => {
    const guarded = new WebhookSender({ timeoutMs: TIMEOUT_MS, allowPrivate: false });
    try {
      // a literal address is refused before any connection; a name, when it resolves at connect time
      expect(await guarded.send('https://127.0.0.1:9/hook', {}, '{}')).toMatchObject({ statusCode: null, error: expect.stringMatching(/127\.0\.0\.1 is a non-public address/) });
      expect(await guarded.send('https://localhost:9/hook', {}, '{}')).toMatchObject({ statusCode: null, error: expect.stringMatching(/localhost resolves to .*, a non-public address/) });
    } finally {
      await guarded.close();
    }
  });

  it('given a prompt receiver, the attempt answers its status', async () => {
    const { url, server } = await receiver((response) => response.writeHead(204).end());
    servers.push(server);
    expect(await sender.send(url, {}, '{}')).toMatchObject({ statusCode: 204, error: null });
  });
});
