import type { Command } from 'commander';
import { describeProblem, timelineClient, type TimelineClient } from '../../../libs/client/src/index.js';
import { usage } from './failure.js';

export const DEFAULT_URL = 'http://localhost:3000';

export interface ServiceOptions {
  readonly url: string;
  readonly apiKey?: string;
  readonly json?: boolean;
}

/** `--url`, `--api-key` and `--json` of the commands that ask a running service. */
export const withService = (command: Command, json = true): Command => {
  command
    .option('-u, --url <url>', 'the running service (default: $REGTL_URL or http://localhost:3000)', process.env.REGTL_URL || DEFAULT_URL)
    .option('-k, --api-key <key>', 'bearer API key (default: $REGTL_API_KEY)', process.env.REGTL_API_KEY || undefined);
  if (json) command.option('--json', 'print the service\'s JSON answer instead of the summary');
  return command;
};

export function clientOf(options: ServiceOptions): TimelineClient {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw usage(`--url ${JSON.stringify(options.url)} is not a URL (e.g. http://localhost:3000)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw usage(`--url ${options.url}: only http and https`);
  return timelineClient(url.href, { apiKey: options.apiKey });
}

interface FetchResult<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

/**
 * The answer of a request made with the client, or a one-line failure (exit 2): a refused request
 * names the problem the service gave; an unreachable service names the URL.
 */
export async function answerOf<T>(url: string, what: string, request: Promise<FetchResult<T>>): Promise<{ data: T; response: Response }> {
  let result: FetchResult<T>;
  try {
    result = await request;
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
    throw usage(`cannot reach the service at ${url}: ${cause} (is it running? --url or REGTL_URL)`);
  }
  if (!result.response.ok || result.data === undefined) {
    throw usage(`${what}: ${describeProblem(result.response.status, result.error)}`);
  }
  return { data: result.data, response: result.response };
}

/** Prints a JSON answer as the service gave it. */
export const printJson = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};
