import { Controller, Get, Inject, Optional, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { EventStore } from '../../../../libs/event-store/src/index.js';
import type { ReadModelDatabase } from '../../../../libs/read-model/src/index.js';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src/index.js';
import { EVENT_STORE, READ_MODEL_DB } from '../store/store.tokens.js';
import { EMBEDDED_PROJECTOR, type EmbeddedProjector } from '../projector/embedded-projector.js';
import { ComputedAnswers } from '../timeline/answer-workers.js';
import { readGateOf, type ReadGate } from '../timeline/read-gate.js';
import { ReadinessProbe } from './readiness.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly probe: ReadinessProbe;
  private readonly gate: ReadGate;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_MODEL_DB) db: Kysely<ReadModelDatabase>,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly answers: ComputedAnswers,
    // the embedded projector, when this process runs one (ROLE=all)
    @Optional() @Inject(EMBEDDED_PROJECTOR) projector?: EmbeddedProjector,
  ) {
    this.gate = readGateOf(config);
    this.probe = new ReadinessProbe(store, db, projector ? () => projector.state() : undefined);
  }

  @Get()
  @ApiOperation({
    summary: 'Liveness, and readiness (503 otherwise, with the reasons): the event store answers, the read model answers and was '
      + 'built from this log, the projector is neither failing nor stalled',
  })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const { ready, checks, reasons } = await this.probe.check();
    void reply.status(ready ? 200 : 503);
    // computed answers: in how many worker threads (0: the API's own), how many now, how many waiting for a turn
    const answers = { workers: this.answers.workers, computing: this.gate.computing, waiting: this.gate.waiting };
    return { status: ready ? 'ok' : 'unavailable', live: true, ready, checks, answers, ...(ready ? {} : { reasons }) };
  }

  @Get('live')
  @ApiOperation({ summary: 'Liveness only' })
  live() {
    return { status: 'ok', live: true };
  }
}
