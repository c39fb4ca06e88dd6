import { BadRequestException, Controller, Get, Query as QueryParam } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { parsePosition } from '../../../../libs/event-store/src/event-store.js';
import { ListEventsQuery } from './list-events.query.js';

const MAX_LIMIT = 1000;

function badParam(name: string, message: string): BadRequestException {
  return new BadRequestException({ code: 'invalid-query', message, errors: [{ field: name, pointer: `/query/${name}`, message }] });
}

@ApiTags('log')
@Controller('v1/events')
export class EventsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'The log in order, paginated: position, stream, revision, type, data, metadata' })
  @ApiQuery({ name: 'after', required: false, description: 'position to start after (exclusive); the `next` of the previous page' })
  @ApiQuery({ name: 'limit', required: false, description: `1-${MAX_LIMIT}, default 100` })
  list(@QueryParam('after') after?: string, @QueryParam('limit') limit?: string) {
    const position = after === undefined || after === '' ? undefined : parsePosition(after);
    if (position === null) throw badParam('after', 'after must be a log position, e.g. 42');
    const size = limit === undefined || limit === '' ? 100 : Number(limit);
    if (!Number.isInteger(size) || size < 1 || size > MAX_LIMIT) throw badParam('limit', `limit must be an integer from 1 to ${MAX_LIMIT}`);
    return this.queryBus.execute(new ListEventsQuery(position, size));
  }
}
