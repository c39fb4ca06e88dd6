import { applyDecorators, BadRequestException } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { parsePosition, type LogPosition } from '../../../../libs/event-store/src/index.js';

const MAX_LIMIT = 1000;

function badParam(name: string, message: string): BadRequestException {
  return new BadRequestException({ code: 'invalid-query', message, errors: [{ field: name, pointer: `/query/${name}`, message }] });
}

/**
 * The two query parameters of a page of the log (`/v1/events`, `/v1/documents`), documented once:
 * the one paging style of every list (`after` = the body's `next`, a `Link` rel="next" header),
 * where the cursor is the log position itself.
 */
export const LogPageQueries = () => applyDecorators(
  ApiQuery({ name: 'after', required: false, description: 'position to start after (exclusive); the `next` of the previous page (a `Link` header, rel="next", names that page)' }),
  ApiQuery({ name: 'limit', required: false, description: `1-${MAX_LIMIT}, default 100` }),
);

/** `after` and `limit` of a page of the log, or a 400 naming the parameter. */
export function logPageOf(after: string | undefined, limit: string | undefined): { after: LogPosition | undefined; limit: number } {
  const position = after === undefined || after === '' ? undefined : parsePosition(after);
  if (position === null) throw badParam('after', 'after must be a log position, e.g. 42');
  const size = limit === undefined || limit === '' ? 100 : Number(limit);
  if (!Number.isInteger(size) || size < 1 || size > MAX_LIMIT) throw badParam('limit', `limit must be an integer from 1 to ${MAX_LIMIT}`);
  return { after: position, limit: size };
}
