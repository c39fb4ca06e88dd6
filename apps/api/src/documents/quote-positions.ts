import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { from, switchMap, type Observable } from 'rxjs';
import { QuotePlacement, type KyselyDocumentReader } from '../../../../libs/read-model/src/index.js';
import { PreparedAnswer } from '../timeline/prepared-answer.js';
import { DOCUMENT_READER } from './documents.tokens.js';

/** The quote placement of the API's thread (libs/read-model QuotePlacement) over its read-model connection. */
@Injectable()
export class QuotePositions extends QuotePlacement {
  constructor(@Inject(DOCUMENT_READER) reader: KyselyDocumentReader) {
    super(reader);
  }
}

/** Answers with their citations placed (QuotePositions); put innermost, so the answer cache keeps the placed answer. */
@Injectable()
export class QuotePositionsInterceptor implements NestInterceptor {
  constructor(private readonly positions: QuotePositions) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(switchMap((answer: unknown) =>
      answer === undefined || answer === null || Buffer.isBuffer(answer) || answer instanceof PreparedAnswer ? [answer] : from(this.positions.annotate(answer))));
  }
}
