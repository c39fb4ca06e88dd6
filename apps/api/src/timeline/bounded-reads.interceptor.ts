import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { defer, lastValueFrom, type Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src/index.js';
import { ReadCapacityError, readGateOf, type ReadGate } from './read-gate.js';

/**
 * Computed answers take a turn at the read gate (READ_CONCURRENCY at once, READ_QUEUE waiting);
 * a request that finds the queue full gets 503 problem+json with Retry-After. Listed after
 * ReadModelPositionInterceptor, it wraps only the handler: an answer from the answer cache or a
 * 304 never waits here.
 */
@Injectable()
export class BoundedReadsInterceptor implements NestInterceptor {
  private readonly gate: ReadGate;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.gate = readGateOf(config);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return defer(() => this.gate.run(() => lastValueFrom(next.handle(), { defaultValue: undefined })).catch((error: unknown) => {
      if (error instanceof ReadCapacityError) {
        // no entity tag on a refusal: the answer it names was never sent
        reply.removeHeader('etag');
        void reply.header('retry-after', String(error.retryAfterSeconds));
      }
      throw error;
    }));
  }
}
