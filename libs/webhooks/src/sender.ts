import { Agent, request } from 'undici';
import { checkLiteralHost, checkUrlShape, guardedLookup } from './address-guard.js';
import { parseRetryAfter } from './retry-schedule.js';

export interface SendResult {
  /** null when no response came (refused address, connection error, timeout) */
  readonly statusCode: number | null;
  readonly latencyMs: number;
  readonly error: string | null;
  readonly retryAfterSeconds: number | null;
}

/** Reads at most this much of a receiver's answer (kept as the attempt's error text). */
const MAX_ERROR_TEXT = 300;

/** POSTs webhook bodies; with allowPrivate false every connection is checked at connect time. */
export class WebhookSender {
  private readonly agent: Agent;

  constructor(private readonly options: { timeoutMs: number; allowPrivate: boolean }) {
    this.agent = new Agent({
      connect: { timeout: options.timeoutMs, ...(options.allowPrivate ? {} : { lookup: guardedLookup as never }) },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  }

  async send(url: string, headers: Record<string, string>, body: string): Promise<SendResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const target = checkUrlShape(url, this.options.allowPrivate);
      if (!this.options.allowPrivate) checkLiteralHost(target);
      const response = await request(target, {
        method: 'POST',
        dispatcher: this.agent,
        headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'regulatory-timeline-webhooks/1' },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      const ok = response.statusCode >= 200 && response.statusCode < 300;
      let error: string | null = null;
      if (ok) await response.body.dump();
      else error = `HTTP ${response.statusCode}: ${(await response.body.text()).slice(0, MAX_ERROR_TEXT)}`;
      return { statusCode: response.statusCode, latencyMs: elapsed(), error, retryAfterSeconds: parseRetryAfter(response.headers['retry-after']) };
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}${causeOf(error)}` : String(error);
      return { statusCode: null, latencyMs: elapsed(), error: message.slice(0, MAX_ERROR_TEXT), retryAfterSeconds: null };
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

const causeOf = (error: Error): string => (error.cause instanceof Error ? ` (${error.cause.message})` : '');
