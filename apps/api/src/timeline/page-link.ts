import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ListPage } from '../../../../libs/domain/src/index.js';

/**
 * `Link: <…offset=N&limit=L>; rel="next"` (RFC 8288) when a paged list goes on past this page:
 * the same question with the next offset, every other parameter as asked. `total` is the longest
 * list of the answer (a diff pages `started` and `ended` together).
 */
export function setPageLinks(request: FastifyRequest, reply: FastifyReply, page: ListPage, total: number): void {
  const next = page.offset + page.limit;
  if (next >= total) return;
  const url = new URL(request.url, 'http://link.invalid');
  url.searchParams.set('offset', String(next));
  url.searchParams.set('limit', String(page.limit));
  void reply.header('link', `<${url.pathname}${url.search}>; rel="next"`);
}
