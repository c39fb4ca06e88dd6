import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, switchMap, type Observable } from 'rxjs';
import { ReadYourWrites } from './read-your-writes.js';
import { minPositionParam } from './time-params.js';
import { TIMELINE_READER, type TimelineReader } from './timeline-reader.js';

export const READ_MODEL_POSITION_HEADER = 'read-model-position';

/**
 * Read-your-writes for every query: `minPosition` (query parameter or `Min-Position` header)
 * waits for the projector; every answer says in `Read-Model-Position` which log position it reflects.
 */
@Injectable()
export class ReadModelPositionInterceptor implements NestInterceptor {
  constructor(
    private readonly readYourWrites: ReadYourWrites,
    @Inject(TIMELINE_READER) private readonly reader: TimelineReader,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest<{ Querystring: { minPosition?: string } }>>();
    const header = request.headers['min-position'];
    const minPosition = minPositionParam(request.query?.minPosition ?? (typeof header === 'string' ? header : undefined));
    return from(this.readYourWrites.waitFor(minPosition).then(() => this.reader.projectedPosition())).pipe(
      switchMap((position) => {
        void http.getResponse<FastifyReply>().header(READ_MODEL_POSITION_HEADER, position === null ? '0' : String(position));
        return next.handle();
      }),
    );
  }
}
