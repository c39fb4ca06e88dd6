import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { EventStore } from '../../../../libs/event-store/src/event-store.js';
import { EVENT_STORE } from '../store/store.tokens.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @ApiOperation({ summary: 'Liveness, and readiness when the event store answers (503 otherwise)' })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const store = await this.store.ping().then(() => 'up' as const, (error: Error) => `down: ${error.message}`);
    const ready = store === 'up';
    void reply.status(ready ? 200 : 503);
    return { status: ready ? 'ok' : 'unavailable', live: true, ready, checks: { eventStore: store } };
  }

  @Get('live')
  @ApiOperation({ summary: 'Liveness only' })
  live() {
    return { status: 'ok', live: true };
  }
}
