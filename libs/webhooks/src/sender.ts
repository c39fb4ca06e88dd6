import { EventEmitter } from 'node:events';
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

/** endpoints' URLs checked and parsed, by their text (a subscription sends to one URL thousands of times) */
const CHECKED_URLS = 1000;

/**
 * A send in flight, and its abort signal for undici (which takes an EventEmitter as well as an
 * AbortSignal: an AbortController per send cost 4% of the sender, an EventTarget's setup mostly).
 * The sweep aborts it once its deadline has passed.
 */
class InFlight extends EventEmitter {
  reason: Error | undefined;

  constructor(readonly deadline: number) {
    super();
  }

  expire(): void {
    this.reason = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    this.emit('abort');
  }
}

/** POSTs webhook bodies; with allowPrivate false every connection is checked at connect time. */
export class WebhookSender {
  private readonly agent: Agent;
  /** the sends in flight, in the order they started (so in deadline order) */
  private readonly inFlight = new Set<InFlight>();
  private sweeper: NodeJS.Timeout | null = null;
  private readonly checked = new Map<string, URL>();

  constructor(private readonly options: { timeoutMs: number; allowPrivate: boolean }) {
    this.agent = new Agent({
      connect: { timeout: options.timeoutMs, ...(options.allowPrivate ? {} : { lookup: guardedLookup as never }) },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  }

  async send(url: string, headers: Readonly<Record<string, string>>, body: string): Promise<SendResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    // the whole attempt (connect, send, headers, the answer's body) is bounded by the timeout: a
    // deadline checked by one timer, not a timer per send (AbortSignal.timeout cost 3% of the sender)
    const sending = new InFlight(started + this.options.timeoutMs);
    this.inFlight.add(sending);
    this.sweeper ??= this.sweepEvery();
    try {
      const response = await request(this.target(url), {
        method: 'POST',
        dispatcher: this.agent,
        headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'regulatory-timeline-webhooks/1' },
        body,
        signal: sending,
      });
      const ok = response.statusCode >= 200 && response.statusCode < 300;
      let error: string | null = null;
      if (ok) await response.body.dump();
      else error = `HTTP ${response.statusCode}: ${(await response.body.text()).slice(0, MAX_ERROR_TEXT)}`;
      return { statusCode: response.statusCode, latencyMs: elapsed(), error, retryAfterSeconds: parseRetryAfter(response.headers['retry-after']) };
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}${causeOf(error)}` : String(error);
      return { statusCode: null, latencyMs: elapsed(), error: message.slice(0, MAX_ERROR_TEXT), retryAfterSeconds: null };
    } finally {
      this.inFlight.delete(sending);
    }
  }

  close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    return this.agent.close();
  }

  /** The endpoint's URL, checked (shape, a literal address) once per text; a refusal is thrown each time. */
  private target(url: string): URL {
    let target = this.checked.get(url);
    if (target) return target;
    target = checkUrlShape(url, this.options.allowPrivate);
    if (!this.options.allowPrivate) checkLiteralHost(target);
    if (this.checked.size >= CHECKED_URLS) this.checked.clear();
    this.checked.set(url, target);
    return target;
  }

  /** Aborts the sends past their deadline, a tenth of the timeout late at most; stops when none is in flight. */
  private sweepEvery(): NodeJS.Timeout {
    const period = Math.max(10, Math.min(1000, Math.round(this.options.timeoutMs / 10)));
    const sweeper = setInterval(() => {
      const now = performance.now();
      for (const sending of this.inFlight) {
        if (sending.deadline > now) break;
        this.inFlight.delete(sending);
        sending.expire();
      }
      if (this.inFlight.size === 0) {
        clearInterval(sweeper);
        this.sweeper = null;
      }
    }, period);
    sweeper.unref();
    return sweeper;
  }
}

const causeOf = (error: Error): string => (error.cause instanceof Error ? ` (${error.cause.message})` : '');
