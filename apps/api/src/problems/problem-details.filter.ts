import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type DomainErrorCode } from '../../../../libs/domain/src/index.js';
import { WrongExpectedRevisionError } from '../../../../libs/event-store/src/index.js';
import { PreconditionFailedError, RequestValidationError } from '../../../../libs/application/src/index.js';
import { frameworkProblem } from './framework-errors.js';
import { problem, PROBLEM_CONTENT_TYPE, withFields, type ProblemDetails } from './problem-details.js';
import { isProblemCode, type ProblemCode } from './problem-types.js';

const DOMAIN_STATUS: Record<DomainErrorCode, [number, string]> = {
  'invalid-input': [422, 'The request breaks a rule of the domain'],
  'notice-already-published': [409, 'Notice already published'],
  'notice-not-found': [404, 'Notice not found'],
  'fact-not-found': [422, 'Fact not found in this notice'],
  'fact-retracted': [409, 'Fact was retracted'],
  'revision-conflict': [409, 'The notice kept changing while your write was applied'],
  'idempotency-key-reused': [422, 'Idempotency-Key reused for a different request'],
  'quote-not-in-document': [422, 'The quote is not in the registered text of its document'],
  'document-text-differs': [409, 'The document is registered with another text'],
};

/** Fastify's own errors (body parsing, size, media type) carry a code and a status. */
interface FastifyError extends Error {
  code?: string;
  statusCode?: number;
}

/** Maps every error to RFC 9457 problem+json: the one place where errors become responses. */
export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof RequestValidationError) {
    return problem(400, 'invalid-request', 'The request is not valid', error.message, { errors: withFields(error.problems) });
  }
  if (error instanceof DomainError) {
    const [status, title] = DOMAIN_STATUS[error.code];
    const errors = error.field ? withFields([{ field: error.field, message: error.message }]) : undefined;
    return problem(status, error.code, title, error.message, errors ? { errors } : {});
  }
  if (error instanceof PreconditionFailedError) {
    return problem(412, 'precondition-failed', 'The notice changed since you read it', error.message, {
      currentRevision: error.actual,
    });
  }
  if (error instanceof WrongExpectedRevisionError) {
    return problem(409, 'revision-conflict', 'The notice kept changing while your write was applied', error.message, {
      currentRevision: error.actual,
    });
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    // a Fastify error Nest wrapped (body parser, size) or a bare HttpException: the framework's table, never "Http"
    const cause = error.cause as FastifyError | undefined;
    const bare = error.constructor === HttpException && (typeof body !== 'object' || body === null || !('code' in body));
    const framework = bare || cause?.code ? frameworkProblem(status, cause?.code, error.message) : null;
    if (framework) return framework;
    const extensions = typeof body === 'object' && body !== null && 'errors' in body ? { errors: (body as { errors: unknown }).errors }
      : status === 413 ? { errors: withFields([{ field: 'body', message: error.message }]) } : {};
    // the exception's own code (a type of problem-types.ts); else the type of its status
    const named = typeof body === 'object' && body !== null && 'code' in body ? (body as { code: unknown }).code : undefined;
    const code: ProblemCode = isProblemCode(named) ? named : frameworkProblem(status, undefined, '')?.type.replace('/problems/', '') as ProblemCode | undefined
      ?? (status >= 500 ? 'internal-error' : 'bad-request');
    return problem(status, code, error.name.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'), error.message, extensions);
  }
  const fastify = error as FastifyError;
  if (typeof fastify?.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    const framework = frameworkProblem(fastify.statusCode, fastify.code, fastify.message);
    if (framework) return framework;
    const field = fastify.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fastify.code?.startsWith('FST_ERR_CTP') ? 'body' : undefined;
    return problem(fastify.statusCode, 'bad-request', 'The request cannot be read',
      fastify.message, field ? { errors: withFields([{ field, message: fastify.message }]) } : {});
  }
  return problem(500, 'internal-error', 'Internal error', 'The server failed; the incident is logged.');
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, details: ProblemDetails): void {
  void reply.status(details.status).header('content-type', PROBLEM_CONTENT_TYPE).send({ ...details, instance: request.url });
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problems');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const details = toProblem(error);
    // a failure of ours is an error with its stack; a 503 (e.g. the projector behind) is expected load
    if (details.status === 503) this.logger.warn(details.detail);
    else if (details.status >= 500) this.logger.error(error instanceof Error ? error.stack : String(error));
    sendProblem(http.getResponse<FastifyReply>(), http.getRequest<FastifyRequest>(), details);
  }
}
