import { Body, Controller, Get, HttpCode, Param, Post, Query as QueryParam, Req, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiHeader, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { positionToJson } from '../../../../libs/event-store/src/index.js';
import { RequireRole, type AuthenticatedRequest } from '../auth/roles.guard.js';
import { LogPageQueries, logPageOf } from '../events/log-page.js';
import { presentEvent } from '../events/present-event.js';
import { PageLinkInterceptor } from '../timeline/page-link.js';
import { callerOf } from '../notices/caller.js';
import { DocumentRequestDto, validateDto } from '../../../../libs/application/src/index.js';
import { decodeDocumentEvent } from '../../../../libs/domain/src/index.js';
import { GetDocumentQuery, ListDocumentsQuery, RegisterDocumentCommand } from './documents.cqrs.js';

const idempotencyHeader = { name: 'Idempotency-Key', required: false, description: 'a retry with the same key returns the first result' };

/** The path of a document: its id URL-encoded as one segment (research/timeline-facts.md -> research%2Ftimeline-facts.md). */
export const documentPath = (document: string): string => `/v1/documents/${encodeURIComponent(document)}`;

@ApiTags('documents')
@Controller('v1/documents')
export class DocumentsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @RequireRole('editor')
  @ApiOperation({
    summary: 'Register a source document: its text and SHA-256 (DocumentRegistered); quotes of it are then checked on every write',
    description: 'The same text under the same id again changes nothing (201, `replayed: true`); another text under a registered id ' +
      'is a 409 `document-text-differs` (a document id names one text: register a new version under a new id). See docs/provenance.md.',
  })
  @ApiHeader(idempotencyHeader)
  @ApiBody({ type: DocumentRequestDto })
  async register(@Body() body: unknown, @Req() request: AuthenticatedRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const input = validateDto(DocumentRequestDto, body);
    const outcome = await this.commandBus.execute(new RegisterDocumentCommand({ ...input }, callerOf(request)));
    void reply.header('location', documentPath(outcome.document));
    if (outcome.replayed) void reply.header('idempotent-replayed', 'true');
    return {
      document: outcome.document,
      sha256: outcome.sha256,
      position: positionToJson(outcome.position),
      revision: outcome.revision,
      replayed: outcome.replayed,
      // the registration event without the text (GET the document for it)
      events: outcome.events.map(decodeDocumentEvent).map((event) => presentEvent({ ...event, data: { ...event.data, text: undefined } })),
    };
  }

  @Get()
  @ApiOperation({ summary: 'The registered documents in registration order, paginated like /v1/events (without their texts)' })
  @LogPageQueries()
  @UseInterceptors(PageLinkInterceptor)
  list(@QueryParam('after') after?: string, @QueryParam('limit') limit?: string) {
    const page = logPageOf(after, limit);
    return this.queryBus.execute(new ListDocumentsQuery(page.after?.commit ?? null, page.limit));
  }

  @Get(':document')
  @ApiOperation({ summary: 'A registered document: {document, title, language, kind, sha256, text, registeredAt, position}',
    description: 'The id is one path segment, URL-encoded (encodeURIComponent): /v1/documents/research%2Ftimeline-facts.md. ' +
      'quoteAt offsets in answers are UTF-16 offsets into `text`.' })
  @ApiParam({ name: 'document', description: 'the document id, URL-encoded', example: '004_ba8a3840d4a23d3b.txt' })
  get(@Param('document') document: string) {
    return this.queryBus.execute(new GetDocumentQuery(document));
  }
}
