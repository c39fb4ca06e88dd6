import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, map, of, switchMap, type Observable } from 'rxjs';
import { AnswerCache } from './answer-cache.js';
import { answerCacheControl } from '../http/cache-control.js';
import { wantsCsv } from '../csv/csv-representation.js';
import { ReadYourWrites } from './read-your-writes.js';
import { minPositionParam } from './time-params.js';
import { PreparedAnswer } from './prepared-answer.js';

export const READ_MODEL_POSITION_HEADER = 'read-model-position';

/**
 * If-None-Match by weak comparison (RFC 9110 13.1.2): a list of tags or `*`, a `W/` prefix
 * ignored (a proxy that compresses may weaken the tag it passes on).
 */
function matchesNoneOf(header: string | string[] | undefined, etag: string): boolean {
  if (typeof header !== 'string') return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.trim() === '*' || header.split(',').some((tag) => opaque(tag) === etag);
}
const JSON_TYPE = 'application/json; charset=utf-8';

/** An answer as Fastify is to send it: one a worker wrote goes as its bytes (JSON), any other as it is (the route's serializer writes it). */
function sent(reply: FastifyReply, answer: unknown): unknown {
  if (!(answer instanceof PreparedAnswer)) return answer;
  void reply.type(JSON_TYPE);
  return answer.body;
}

/**
 * Read-your-writes for every query: `minPosition` (query parameter or `Min-Position` header)
 * waits for the projector; every answer says in `Read-Model-Position` which log position it reflects.
 * A question that names its instant (`asOf`) is answered once per position: later askers get the
 * same text from the answer cache, and `If-None-Match` with its ETag gets 304 Not Modified.
 */
@Injectable()
export class ReadModelPositionInterceptor implements NestInterceptor {
  constructor(
    private readonly readYourWrites: ReadYourWrites,
    private readonly answers: AnswerCache,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest<{ Querystring: Record<string, unknown> }>>();
    const reply = http.getResponse<FastifyReply>();
    const header = request.headers['min-position'];
    const minPositionText = request.query?.minPosition;
    const minPosition = minPositionParam(typeof minPositionText === 'string' ? minPositionText : typeof header === 'string' ? header : undefined);
    return from(this.readYourWrites.positionFrom(minPosition)).pipe(
      switchMap((position) => {
        void reply.header(READ_MODEL_POSITION_HEADER, position === null ? '0' : String(position));
        void reply.header('cache-control', answerCacheControl(request.url, request.query, position));
        const cacheable = request.method === 'GET' ? AnswerCache.keyOf(position, request.url, request.query, wantsCsv(request) ? 'csv' : 'json') : null;
        if (!cacheable) return next.handle().pipe(map((answer: unknown) => sent(reply, answer)));
        void reply.header('etag', cacheable.etag);
        if (matchesNoneOf(request.headers['if-none-match'], cacheable.etag)) {
          void reply.status(304);
          return of(undefined);
        }
        const known = this.answers.get(cacheable.key);
        if (known) {
          void reply.type(JSON_TYPE);
          if (known.link !== null) void reply.header('link', known.link);
          return of(known.body);
        }
        return next.handle().pipe(map((answer: unknown) => {
          // the route's serializer: the schema routes.ts names for the answer (openapi/answer-serialization.ts),
          // unless a worker wrote the answer with it already
          const body = answer instanceof PreparedAnswer ? answer.body : Buffer.from(reply.serialize(answer) as string, 'utf8');
          const link = reply.getHeader('link');
          this.answers.set(cacheable.key, { body, link: typeof link === 'string' ? link : null });
          void reply.type(JSON_TYPE);
          return body;
        }));
      }),
    );
  }
}
