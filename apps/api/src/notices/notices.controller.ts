import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { LIMITS, type FactInput } from '../../../../libs/domain/src/index.js';
import { RequireRole, type AuthenticatedRequest } from '../auth/roles.guard.js';
import { presentEvent } from '../events/present-event.js';
import { positionToJson } from '../../../../libs/event-store/src/index.js';
import { QuotePositions } from '../documents/quote-positions.js';
import { callerOf } from './caller.js';
import {
  collectProblems, CorrectionRequestDto, CorroborationRequestDto, type NoticeOutcome, NoticeRequestDto, RequestValidationError, RetractionRequestDto, validateDto, validateFact,
} from '../../../../libs/application/src/index.js';
import { GetNoticeQuery } from './get-notice.query.js';
import { CorrectFactCommand, CorroborateFactCommand, PublishNoticeCommand, RetractFactCommand } from './notice-commands.handlers.js';

const idempotencyHeader = { name: 'Idempotency-Key', required: false, description: 'a retry with the same key returns the first result' };
const ifMatchHeader = { name: 'If-Match', required: false, description: 'the notice revision you read (ETag); a stale one gets 412 Precondition Failed' };

function respond(reply: FastifyReply, outcome: NoticeOutcome) {
  void reply.header('etag', `"${outcome.revision}"`).header('location', `/v1/notices/${outcome.noticeId}`);
  if (outcome.replayed) void reply.header('idempotent-replayed', 'true');
  return {
    noticeId: outcome.noticeId,
    position: positionToJson(outcome.position),
    revision: outcome.revision,
    replayed: outcome.replayed,
    events: outcome.events.map(presentEvent),
  };
}

@ApiTags('notices')
@Controller('v1/notices')
export class NoticesController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    private readonly quotePositions: QuotePositions,
  ) {}

  @Post()
  @HttpCode(201)
  @RequireRole('editor')
  @ApiOperation({ summary: 'Record a notice and the facts it states; all its events append atomically' })
  @ApiHeader(idempotencyHeader)
  @ApiBody({ type: NoticeRequestDto })
  async publish(@Body() body: unknown, @Req() request: AuthenticatedRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    let notice: NoticeRequestDto | undefined;
    const effects: unknown[] = Array.isArray((body as { effects?: unknown })?.effects) ? (body as { effects: unknown[] }).effects : [];
    // the bound first: a request past it is refused before any of its effects is looked at
    if (effects.length > LIMITS.effects) {
      throw new RequestValidationError([{ field: 'effects', message: `effects must have at most ${LIMITS.effects} items; got ${effects.length}` }]);
    }
    const validated: FactInput[] = [];
    collectProblems([
      () => (notice = validateDto(NoticeRequestDto, body)),
      ...effects.map((effect, index) => () => validated.push(validateFact(effect, `effects[${index}]`) as FactInput)),
    ]);
    const caller = callerOf(request);
    const outcome = await this.commandBus.execute(new PublishNoticeCommand({ ...(notice as NoticeRequestDto), effects: validated }, caller));
    return respond(reply, outcome);
  }

  @Get(':noticeId')
  @ApiOperation({ summary: 'A notice as recorded, its facts as corrected, and its revision (ETag) for If-Match',
    description: 'Each source (`notice.source`, `facts.*.current.source`) carries `quoteAt` and `documentSha256` (docs/provenance.md).' })
  async get(@Param('noticeId') noticeId: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const view = await this.queryBus.execute(new GetNoticeQuery(noticeId));
    void reply.header('etag', `"${view.revision}"`);
    // the notice's and its facts' sources placed in their documents; the stored events as they are
    return this.quotePositions.annotate(view, ['events']);
  }

  @Post(':noticeId/corrections')
  @HttpCode(201)
  @RequireRole('editor')
  @ApiOperation({ summary: 'Correct a fact of a notice; the original stays in the log beside the correction' })
  @ApiHeader(idempotencyHeader)
  @ApiHeader(ifMatchHeader)
  @ApiBody({ type: CorrectionRequestDto })
  async correct(@Param('noticeId') noticeId: string, @Body() body: unknown, @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply) {
    let correction: CorrectionRequestDto | undefined;
    let corrected: FactInput | undefined;
    const { corrected: fact, ...rest } = (body ?? {}) as Record<string, unknown>;
    collectProblems([
      () => (correction = validateDto(CorrectionRequestDto, rest)),
      () => (corrected = validateFact(fact ?? null, 'corrected') as FactInput),
    ]);
    const caller = callerOf(request);
    const { factId, reason, source } = correction as CorrectionRequestDto;
    return respond(reply, await this.commandBus.execute(new CorrectFactCommand(noticeId, factId, reason, corrected as FactInput, caller, source)));
  }

  @Post(':noticeId/corroborations')
  @HttpCode(201)
  @RequireRole('editor')
  @ApiOperation({ summary: 'Record that another source reports a fact: answers show the fact once, with every source, and count it once' })
  @ApiHeader(idempotencyHeader)
  @ApiHeader(ifMatchHeader)
  @ApiBody({ type: CorroborationRequestDto })
  async corroborate(@Param('noticeId') noticeId: string, @Body() body: unknown, @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply) {
    const { factId, ...corroboration } = validateDto(CorroborationRequestDto, body);
    const caller = callerOf(request);
    return respond(reply, await this.commandBus.execute(new CorroborateFactCommand(noticeId, factId, corroboration, caller)));
  }

  @Post(':noticeId/retractions')
  @HttpCode(201)
  @RequireRole('editor')
  @ApiOperation({ summary: 'Retract a fact of a notice: it stops holding from now on; history keeps it' })
  @ApiHeader(idempotencyHeader)
  @ApiHeader(ifMatchHeader)
  @ApiBody({ type: RetractionRequestDto })
  async retract(@Param('noticeId') noticeId: string, @Body() body: unknown, @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply) {
    const { factId, reason } = validateDto(RetractionRequestDto, body);
    const caller = callerOf(request);
    return respond(reply, await this.commandBus.execute(new RetractFactCommand(noticeId, factId, reason, caller)));
  }
}
