import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RequestValidationError } from '../../../libs/application/src/index.js';

/**
 * Request bodies and query strings as an attacker may send them: read by Fastify's own parsers,
 * refused (400 naming the body or the parameter) when they cannot be what a client means.
 */

/** The deepest nesting of arrays and objects a JSON body may have (a notice needs five). */
export const MAX_JSON_DEPTH = 32;

const utf8 = new TextDecoder('utf-8', { fatal: true });

const bodyProblem = (message: string) => new RequestValidationError([{ field: 'body', message }]);

/**
 * Whether a JSON text nests arrays and objects deeper than `max`: one pass over its characters,
 * skipping strings, before it is parsed (a deep document would overflow the stack of whatever
 * walks it later: validation, hashing, canonical JSON). A text that is not JSON may be
 * counted wrongly here; the parser refuses it anyway.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index++; // a backslash: the next character is escaped
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x7b || code === 0x5b) {
      if (++depth > max) return true;
    } else if (code === 0x7d || code === 0x5d) {
      depth--;
    }
  }
  return false;
}

type Done = (error: Error | null, body?: unknown) => void;

/**
 * The application/json parser: the bytes must be UTF-8 (never replaced by U+FFFD), nest at most
 * MAX_JSON_DEPTH deep, then Fastify's default JSON parser (secure-json-parse, `__proto__` and
 * `constructor.prototype` members refused) reads them.
 */
export function jsonBodyParser(fastify: FastifyInstance): (request: FastifyRequest, body: Buffer, done: Done) => void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  return (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      done(bodyProblem('body is not valid UTF-8'), undefined);
      return;
    }
    if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
      done(bodyProblem(`body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels`), undefined);
      return;
    }
    parse(request, text, done);
  };
}

/**
 * Every query parameter is a single value: one given twice (`?q=a&q=b`) is refused, naming it,
 * rather than read as a list by code that expects a string.
 */
export function repeatedQueryParameters(query: unknown): RequestValidationError | null {
  if (query === null || typeof query !== 'object') return null;
  const repeated = Object.entries(query as Record<string, unknown>).filter(([, value]) => Array.isArray(value));
  if (repeated.length === 0) return null;
  return new RequestValidationError(repeated.map(([name, value]) => ({
    field: name, message: `${name} must be given once; got it ${(value as unknown[]).length} times`,
  })));
}
