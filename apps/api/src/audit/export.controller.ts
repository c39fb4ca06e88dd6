import { Readable } from 'node:stream';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { EventStore } from '../../../../libs/event-store/src/index.js';
import { toExportLine } from '../../../../libs/audit/src/index.js';
import { RequireRole } from '../auth/roles.guard.js';
import { EVENT_STORE } from '../store/store.tokens.js';

/** The log as NDJSON lines, read page by page and written as read. */
export async function* exportLines(store: EventStore): AsyncGenerator<string> {
  for await (const event of store.readAll()) yield `${JSON.stringify(toExportLine(event))}\n`;
}

/** GET /v1/events.ndjson: the whole log, one event per line with its hashes: the input of offline verify and replay. */
@Controller('v1')
export class ExportController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('events.ndjson')
  @RequireRole('auditor')
  @ApiTags('audit')
  @ApiOperation({ summary: 'The whole log as NDJSON, streamed: one event per line with its hashes (input of offline verify and replay)' })
  @ApiProduces('application/x-ndjson')
  export(@Res() reply: FastifyReply): void {
    // a Readable pulls the next page only when the socket drains: memory stays flat at any log size
    void reply.type('application/x-ndjson; charset=utf-8').header('content-disposition', 'inline; filename="events.ndjson"')
      .send(Readable.from(exportLines(this.store)));
  }
}
