import { Controller, Get, Query as QueryParam, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { LogPageQueries, logPageOf } from './log-page.js';
import { ListEventsQuery } from './list-events.query.js';
import { PageLinkInterceptor } from '../timeline/page-link.js';

@ApiTags('log')
@Controller('v1/events')
export class EventsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'The log in order, paginated: position, stream, revision, type, data, metadata' })
  @LogPageQueries()
  @UseInterceptors(PageLinkInterceptor)
  list(@QueryParam('after') after?: string, @QueryParam('limit') limit?: string) {
    const page = logPageOf(after, limit);
    return this.queryBus.execute(new ListEventsQuery(page.after, page.limit));
  }
}
