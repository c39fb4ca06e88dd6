import { createHash } from 'node:crypto';
import { Body, Controller, Delete, Get, HttpCode, Inject, NotFoundException, Optional, Param, Patch, Post, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { cursorOf, DomainError } from '../../../../libs/domain/src/index.js';
import { pageOf, type PageParams } from '../timeline/time-params.js';
import { PageLinkInterceptor } from '../timeline/page-link.js';
import { canonicalJson, type EventStore, type RecordedEvent } from '../../../../libs/event-store/src/index.js';
import { presentSubscription, sendTestDelivery, SubscriptionStore, WEBHOOK_CONFIG, WEBHOOK_CONSUMER, type WebhookSubscriptionRow } from '../../../../libs/webhooks/src/index.js';
import type { WebhookConfig } from '../../../../libs/config/src/index.js';
import { RequireRole, type AuthenticatedRequest } from '../auth/roles.guard.js';
import { callerOf } from '../notices/caller.js';
import { RequestValidationError, validateDto, type FieldProblem } from '../../../../libs/application/src/index.js';
import { EVENT_STORE, READ_MODEL_DB } from '../store/store.tokens.js';
import { ReadYourWrites } from '../timeline/read-your-writes.js';
import { EMBEDDED_PROJECTOR, type EmbeddedProjector } from '../projector/embedded-projector.js';
import { readCheckpoint } from '../../../../libs/consumers/src/index.js';
import type { Kysely } from 'kysely';
import { CreateSubscriptionDto, ReplayDto, UpdateSubscriptionDto } from './subscription.dto.js';
import { checkUrl, eventTypesOf, jurisdictionsOf, throwIfAny } from './subscription-request.js';

/** A replay enqueues at most this many deliveries per request; the answer says when it stopped. */
const REPLAY_LIMIT = 10_000;

const notFound = (id: string) => new NotFoundException({ code: 'subscription-not-found', message: `no subscription ${id}` });

/**
 * Who sees a subscription (README, "Who sees a subscription"): the key name that created it
 * manages it; auditors read every one; the keyless local default (no API_KEYS, loopback) is the
 * only caller there is and manages all, also those from before owners were recorded (owner null),
 * which no subscriber key sees. Anyone else gets the 404 of a missing one.
 */
function mayManage(request: AuthenticatedRequest, row: WebhookSubscriptionRow): boolean {
  const principal = request.principal;
  return principal !== undefined && (principal.keyless === true || (row.owner !== null && row.owner === principal.actor));
}

function mayRead(request: AuthenticatedRequest, row: WebhookSubscriptionRow): boolean {
  return mayManage(request, row) || request.principal?.roles.includes('auditor') === true;
}

const readsEverything = (request: AuthenticatedRequest): boolean =>
  request.principal?.keyless === true || request.principal?.roles.includes('auditor') === true;

/** The request's identity for Idempotency-Key: RFC 8785 canonical JSON, so key order does not matter. */
const requestHash = (body: unknown): string => createHash('sha256').update(canonicalJson(body ?? null, 'the request body')).digest('hex');

@ApiTags('subscriptions')
@RequireRole('subscriber')
@Controller('v1/subscriptions')
export class SubscriptionsController {
  constructor(
    private readonly subscriptions: SubscriptionStore,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(WEBHOOK_CONFIG) private readonly config: WebhookConfig,
    @Inject(READ_MODEL_DB) private readonly db: Kysely<unknown>,
    private readonly readYourWrites: ReadYourWrites,
    @Optional() @Inject(EMBEDDED_PROJECTOR) private readonly projector?: EmbeddedProjector,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Subscribe an endpoint to the facts recorded from now on; the answer holds its signing secret (shown once)' })
  @ApiBody({ type: CreateSubscriptionDto })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a retry with the same key and body returns the same subscription (Idempotent-Replayed: true); another body is a 422' })
  async create(@Body() body: unknown, @Req() request: AuthenticatedRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const input = validateDto(CreateSubscriptionDto, body);
    const caller = callerOf(request);
    const owner = request.principal?.actor ?? null;
    const hash = requestHash(body);
    const answerRetry = (row: WebhookSubscriptionRow) => {
      if (row.request_hash !== hash) {
        throw new DomainError('idempotency-key-reused', `Idempotency-Key ${caller.idempotencyKey} was used for a different subscription request`);
      }
      void reply.header('idempotent-replayed', 'true');
      return { ...presentSubscription(row), secret: row.secret };
    };
    // a retry is answered before the URL is resolved again
    const first = caller.idempotencyKey === undefined ? undefined : await this.subscriptions.byIdempotencyKey(owner, caller.idempotencyKey);
    if (first) return answerRetry(first);
    const problems: FieldProblem[] = [];
    const eventTypes = eventTypesOf(input.eventTypes, problems);
    const jurisdictions = jurisdictionsOf(input.jurisdictions, problems);
    await checkUrl(input.url, this.config.allowPrivate, problems);
    throwIfAny(problems);
    const head = await this.eventStore.headPosition();
    const { row, replayed } = await this.subscriptions.createOnce({
      url: input.url, description: input.description ?? null, eventTypes, jurisdictions, ...(input.maxInFlight ? { maxInFlight: input.maxInFlight } : {}),
      owner, ...(caller.idempotencyKey === undefined ? {} : { idempotencyKey: caller.idempotencyKey, requestHash: hash }),
    }, head?.commit ?? 0n);
    return replayed ? answerRetry(row) : { ...presentSubscription(row), secret: row.secret };
  }

  @Get()
  @RequireRole('subscriber', 'auditor')
  @ApiOperation({ summary: 'Your subscriptions (without secrets), oldest first; an auditor sees every one',
    description: '`subscriptions` is a page (`limit`, `after`). The body\'s `next` is the cursor of the next page (pass it as `after`; null on the last page), '
      + 'and a `Link` header (rel="next") names that page.' })
  @ApiQuery({ name: 'limit', required: false, description: 'how many subscriptions to return (1-1000, default 100)' })
  @ApiQuery({ name: 'after', required: false, description: 'the `next` cursor of the previous page (opaque; default the first page). `offset` is refused: use `after`' })
  @UseInterceptors(PageLinkInterceptor)
  async list(@Req() request: AuthenticatedRequest, @Query() params: PageParams) {
    const page = pageOf(params, 'subscriptions');
    const scope = readsEverything(request) ? { everyone: true as const } : { owner: request.principal?.actor ?? '' };
    // one more than the page: whether a next page exists
    const rows = await this.subscriptions.list(scope, { offset: page.offset, limit: page.limit + 1 });
    return {
      subscriptions: rows.slice(0, page.limit).map(presentSubscription),
      next: rows.length > page.limit ? cursorOf('subscriptions', page.offset + page.limit) : null,
    };
  }

  @Get(':id')
  @RequireRole('subscriber', 'auditor')
  @ApiOperation({ summary: 'One of your subscriptions, with why it was disabled if it was (an auditor: any)' })
  async get(@Param('id') id: string, @Req() request: AuthenticatedRequest) {
    return presentSubscription(await this.readable(id, request));
  }

  /** The subscription if this caller may read it; else the 404 of a missing one (existence is not revealed). */
  private async readable(id: string, request: AuthenticatedRequest): Promise<WebhookSubscriptionRow> {
    const row = await this.subscriptions.get(id);
    if (!row || !mayRead(request, row)) throw notFound(id);
    return row;
  }

  /** The subscription if this caller may change it; else the 404 of a missing one. */
  private async manageable(id: string, request: AuthenticatedRequest): Promise<WebhookSubscriptionRow> {
    const row = await this.subscriptions.get(id);
    if (!row || !mayManage(request, row)) throw notFound(id);
    return row;
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change the URL or filters, pause ({status: "paused"}) or resume ({status: "active"})' })
  @ApiBody({ type: UpdateSubscriptionDto })
  async update(@Param('id') id: string, @Body() body: unknown, @Req() request: AuthenticatedRequest) {
    const input = validateDto(UpdateSubscriptionDto, body);
    await this.manageable(id, request);
    const problems: FieldProblem[] = [];
    const eventTypes = input.eventTypes && eventTypesOf(input.eventTypes, problems);
    const jurisdictions = input.jurisdictions && jurisdictionsOf(input.jurisdictions, problems);
    if (input.url !== undefined) await checkUrl(input.url, this.config.allowPrivate, problems);
    throwIfAny(problems);
    const row = await this.subscriptions.update(id, {
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(eventTypes ? { eventTypes } : {}),
      ...(jurisdictions ? { jurisdictions } : {}),
      ...(input.maxInFlight !== undefined ? { maxInFlight: input.maxInFlight } : {}),
      ...(input.status ? { status: input.status } : {}),
    });
    if (!row) throw notFound(id);
    // resumed (or its filters changed): what is queued goes now, not at the sender's next poll (WEBHOOK_POLL_MS)
    if (row.status === 'active') this.projector?.deliveriesDue();
    return presentSubscription(row);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete the subscription and its delivery history' })
  async remove(@Param('id') id: string, @Req() request: AuthenticatedRequest): Promise<void> {
    await this.manageable(id, request);
    if (!(await this.subscriptions.delete(id))) throw notFound(id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new signing secret; the old one also signs (a second signature) for WEBHOOK_SECRET_GRACE_SECONDS (24 h)' })
  async rotate(@Param('id') id: string, @Req() request: AuthenticatedRequest) {
    await this.manageable(id, request);
    const row = await this.subscriptions.rotateSecret(id, this.config.secretGraceMs);
    if (!row) throw notFound(id);
    return { ...presentSubscription(row), secret: row.secret };
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a signed test delivery (type webhook.test, no fact) to the URL now; answers the receiver\'s status and latency (a failure is reported, not retried)' })
  async test(@Param('id') id: string, @Req() request: AuthenticatedRequest) {
    return sendTestDelivery(await this.manageable(id, request), this.config);
  }

  @Get(':id/deliveries')
  @RequireRole('subscriber', 'auditor')
  @ApiOperation({ summary: 'Deliveries, newest first, each with its attempts (time, status code, latency, error, next retry)' })
  @ApiQuery({ name: 'limit', required: false, description: '1-200, default 50' })
  @ApiQuery({ name: 'status', required: false, enum: ['pending', 'sending', 'delivered', 'failed'] })
  @ApiQuery({ name: 'after', required: false, description: 'the `next` cursor of the previous page (a `Link` header, rel="next", names that page); `before` is refused: use `after`' })
  @UseInterceptors(PageLinkInterceptor)
  async deliveries(
    @Param('id') id: string, @Req() request: AuthenticatedRequest,
    @Query() { limit, status, after, before }: { limit?: string; status?: string; after?: string; before?: string },
  ) {
    await this.readable(id, request);
    const problems: FieldProblem[] = [];
    const size = limit === undefined ? 50 : Number(limit);
    if (!Number.isInteger(size) || size < 1 || size > 200) problems.push({ field: 'limit', message: 'limit must be an integer from 1 to 200' });
    if (status !== undefined && !['pending', 'sending', 'delivered', 'failed'].includes(status)) {
      problems.push({ field: 'status', message: 'status must be one of pending, sending, delivered, failed' });
    }
    if (before !== undefined) problems.push({ field: 'before', message: 'before is not accepted: page with after, the `next` cursor of the previous page' });
    if (after !== undefined && !/^\d{1,15}$/.test(after)) problems.push({ field: 'after', message: 'after must be the `next` cursor of a previous page' });
    throwIfAny(problems);
    // the events recorded before this request are queued first (the embedded projector's thread queues them)
    await this.readYourWrites.settled(() => readCheckpoint(this.db, WEBHOOK_CONSUMER));
    // newest first: the page after a cursor holds the deliveries older than it
    return this.subscriptions.deliveries(id, { limit: size, ...(after ? { before: Number(after) } : {}), ...(status ? { status } : {}) });
  }

  @Post(':id/deliveries/:deliveryId/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a delivery again now (a failed or delivered one: one attempt, outside the usual order)' })
  async retry(@Param('id') id: string, @Param('deliveryId') deliveryId: string, @Req() request: AuthenticatedRequest) {
    await this.manageable(id, request);
    const retried = await this.subscriptions.retry(id, deliveryId);
    if (!retried) throw new NotFoundException({ code: 'delivery-not-found', message: `no delivery ${deliveryId} for subscription ${id}` });
    this.projector?.deliveriesDue();
    return { id: retried.row.id, status: retried.status, nextAttemptAt: retried.row.next_attempt_at };
  }

  @Post(':id/replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Re-send history matching the filter, from a log position or a time; same webhook-id per event as before' })
  @ApiBody({ type: ReplayDto })
  async replay(@Param('id') id: string, @Body() body: unknown, @Req() request: AuthenticatedRequest) {
    const input = validateDto(ReplayDto, body ?? {});
    if ((input.fromPosition === undefined) === (input.since === undefined)) {
      throw new RequestValidationError([{ field: 'fromPosition', message: 'give exactly one of fromPosition or since' }]);
    }
    const row = await this.manageable(id, request);
    const from = input.fromPosition === undefined ? null : BigInt(input.fromPosition);
    const since = input.since === undefined ? null : Date.parse(input.since);
    const result = await this.subscriptions.replay(row, this.history(from, since), this.config.maxPayloadBytes, REPLAY_LIMIT);
    this.projector?.deliveriesDue();
    return { ...result, limit: REPLAY_LIMIT };
  }

  /** The log from a position or time; positions are not contiguous on every store, so it filters. */
  private async *history(from: bigint | null, since: number | null): AsyncIterable<RecordedEvent> {
    for await (const event of this.eventStore.readAll()) {
      if (from !== null && event.position.commit < from) continue;
      if (since !== null && Date.parse(event.recordedAt) < since) continue;
      yield event;
    }
  }
}
