import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { paths } from './openapi.js';

/** A client of the service's HTTP API, typed from its OpenAPI document (openapi-fetch over ./openapi.ts). */
export type TimelineClient = Client<paths>;

export interface TimelineClientOptions {
  /** a bearer API key (editor, auditor or subscriber) */
  readonly apiKey?: string | undefined;
  /** headers sent with every request */
  readonly headers?: Record<string, string>;
  /** another fetch (tests, proxies) */
  readonly fetch?: ClientOptions['fetch'];
}

/** The client for a running service, e.g. `timelineClient('http://127.0.0.1:3000')`. */
export function timelineClient(baseUrl: string, options: TimelineClientOptions = {}): TimelineClient {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  return createClient<paths>({ baseUrl: baseUrl.replace(/\/+$/, ''), headers, ...(options.fetch ? { fetch: options.fetch } : {}) });
}

/** An RFC 9457 problem as the service answers it (application/problem+json). */
export interface Problem {
  readonly type?: string;
  readonly title?: string;
  readonly status?: number;
  readonly detail?: string;
  readonly errors?: ReadonlyArray<{ readonly field?: string; readonly message?: string }>;
}

/** One line for a refused request: its status, title and detail, and the fields the problem names. */
export function describeProblem(status: number, body: unknown): string {
  if (typeof body !== 'object' || body === null) return `HTTP ${status}${body ? `: ${String(body)}` : ''}`;
  const problem = body as Problem;
  const fields = (problem.errors ?? []).map((error) => error.message ?? error.field).filter(Boolean);
  const detail = problem.detail ?? problem.title ?? '';
  const extra = fields.length > 0 && !fields.every((field) => detail.includes(String(field))) ? ` (${fields.join('; ')})` : '';
  return `HTTP ${status} ${problem.title ?? ''}: ${detail}${extra}`.replace(/\s+:/, ':');
}
