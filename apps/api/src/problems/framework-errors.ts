import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problem, PROBLEM_CONTENT_TYPE, withFields, type ProblemDetails } from './problem-details.js';
import type { ProblemCode } from './problem-types.js';

/**
 * The errors the HTTP layer answers before a route runs (the HTTP parser, the router, the body
 * parser), each as RFC 9457 problem+json with a type and title of its own: never Fastify's
 * `{statusCode, error, message}` nor a bare "Http".
 */
const BY_CODE: Readonly<Record<string, readonly [code: ProblemCode, title: string, field?: string]>> = {
  FST_ERR_BAD_URL: ['invalid-url', 'Invalid URL'],
  FST_ERR_MAX_PARAM_LENGTH: ['uri-too-long', 'URI too long'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['body-too-large', 'Request body too large', 'body'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['invalid-json', 'The body is not valid JSON', 'body'],
  FST_ERR_CTP_INVALID_JSON_BODY: ['invalid-json', 'The body is not valid JSON', 'body'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['invalid-content-length', 'Content-Length does not match the body', 'body'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported-media-type', 'Unsupported media type', 'content-type'],
  ERR_HTTP_REQUEST_TIMEOUT: ['request-timeout', 'Request timeout'],
  HPE_HEADER_OVERFLOW: ['headers-too-large', 'Request headers too large'],
};

const BY_STATUS: Readonly<Record<number, readonly [code: ProblemCode, title: string, field?: string]>> = {
  400: ['bad-request', 'Bad request'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  408: ['request-timeout', 'Request timeout'],
  411: ['length-required', 'Length required'],
  413: ['body-too-large', 'Request body too large', 'body'],
  414: ['uri-too-long', 'URI too long'],
  415: ['unsupported-media-type', 'Unsupported media type', 'content-type'],
  431: ['headers-too-large', 'Request headers too large'],
};

/**
 * A framework error (a Fastify or Node error code, or only a status) as a problem; null when
 * neither its code nor its status is one of the framework's.
 */
export function frameworkProblem(status: number, code: string | undefined, detail: string): ProblemDetails | null {
  const known = (code && BY_CODE[code]) || BY_STATUS[status];
  if (!known) return null;
  const [type, title, field] = known;
  return problem(status, type, title, detail, field ? { errors: withFields([{ field, message: detail }]) } : {});
}

interface CodedError extends Error {
  code?: string;
  statusCode?: number;
}

/** Fastify's `frameworkErrors`: the router's refusals (a bad URL encoding, a parameter too long). */
export function frameworkErrors(error: CodedError, request: FastifyRequest, reply: FastifyReply): void {
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const details = frameworkProblem(status, error.code, error.message)
    ?? problem(status, 'bad-request', 'Bad request', error.message);
  void reply.status(details.status).header('content-type', PROBLEM_CONTENT_TYPE).send({ ...details, instance: request.url });
}

/**
 * Fastify's `clientErrorHandler`: what the HTTP parser refuses before there is a request (headers
 * too large, a malformed request line, a client too slow to send its headers or body). Written
 * on the socket, which is then closed, as Node's own handler does; nothing when a response has
 * already started on it.
 */
export function clientErrorHandler(error: CodedError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const detail = status === 408 ? 'the request (headers and body) did not arrive in time'
    : status === 431 ? 'the request headers are larger than the server accepts'
      : `the HTTP request cannot be parsed (${error.code ?? 'malformed'})`;
  const details = status === 400 ? problem(400, 'malformed-request', 'Malformed HTTP request', detail) : frameworkProblem(status, error.code, detail)!;
  const body = JSON.stringify(details);
  const started = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (socket.writable && !started) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n`
      + `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
}
