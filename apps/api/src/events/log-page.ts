import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { parsePosition, type LogPosition } from '../../../../libs/event-store/src/index.js';
import { RequestValidationError } from '../../../../libs/application/src/index.js';

const MAX_LIMIT = 1000;

/** A bad query parameter is an invalid request like any other (one problem type, `invalid-request`). */
const badParam = (name: string, message: string) => new RequestValidationError([{ field: name, message }]);

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
