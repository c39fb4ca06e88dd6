import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { nextOf } from './prepared-answer.js';

/**
 * The `Link` header (RFC 8288) of the page after this one: the same question with `after` set to
 * the answer's `next` cursor, every other parameter as asked (a relative reference).
 */
export function nextPageLink(requestUrl: string, next: string | number): string {
  const url = new URL(requestUrl, 'http://link.invalid');
  url.searchParams.delete('offset');
  url.searchParams.set('after', String(next));
  return `<${url.pathname}${url.search}>; rel="next"`;
}

/**
 * One paging style for every list: the body's `next` (the cursor to pass as `after`, null on the
 * last page) is also the `Link: <…after=next>; rel="next"` header. Listed inside the answer cache
 * (ReadModelPositionInterceptor), which keeps the header with the answer.
 */
@Injectable()
export class PageLinkInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(map((answer: unknown) => {
      const cursor = nextOf(answer);
      if (cursor !== null) void reply.header('link', nextPageLink(request.url, cursor));
      return answer;
    }));
  }
}
