import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedDelivery {
  readonly webhookId: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly payload: any;
  /** the secrets (of `secrets`) that verified the signature, checked with the standardwebhooks package */
  readonly verifiedWith: readonly string[];
  readonly status: number;
  readonly at: number;
}

/** Decides the status of the n-th request (1-based) and optional extra headers. */
export type Responder = (n: number, delivery: { webhookId: string; payload: any }) => number | { status: number; headers?: Record<string, string>; delayMs?: number };

/**
 * A real HTTP receiver on 127.0.0.1 that verifies every request with the standardwebhooks npm
 * package, the way a subscriber would, and records what it saw.
 */
export class Receiver {
  readonly deliveries: ReceivedDelivery[] = [];
  /** verify with these (set after the subscription is created) */
  secrets: string[] = [];
  respond: Responder = () => 204;
  private server: Server | null = null;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async start(port = 0): Promise<this> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const headers = request.headers;
        const webhookId = String(headers['webhook-id']);
        const verifiedWith = this.secrets.filter((secret) => {
          try {
            new Webhook(secret).verify(body, headers as Record<string, string>);
            return true;
          } catch {
            return false;
          }
        });
        let payload: any = null;
        try {
          payload = JSON.parse(body);
        } catch {
          // recorded as null
        }
        const answer = this.respond(this.deliveries.length + 1, { webhookId, payload });
        const { status, headers: extra, delayMs } = typeof answer === 'number' ? { status: answer, headers: {}, delayMs: 0 } : answer;
        this.deliveries.push({ webhookId, headers, body, payload, verifiedWith, status, at: Date.now() });
        setTimeout(() => response.writeHead(status, extra ?? {}).end(), delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Deliveries answered 2xx. */
  accepted(): ReceivedDelivery[] {
    return this.deliveries.filter((delivery) => delivery.status >= 200 && delivery.status < 300);
  }
}

/** Polls until `check` holds; fails with `what` after `timeoutMs`. */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A notice in `jurisdiction` with one ban effect there (or in `effectJurisdiction`). */
export const noticeIn = (jurisdiction: string, title: string, effectJurisdiction = jurisdiction) => ({
  authority: 'Example Local Financial Supervision Administration',
  jurisdiction,
  title,
  published: '2021-03-02',
  source: { document: 'example.txt', publisher: 'Example News', url: 'https://example.org/n/1', quote: 'decided to ban 3 online lending institutions' },
  effects: [{ type: 'InstitutionsBanned', jurisdiction: effectJurisdiction, effective: '2021-03', count: 3 }],
});
