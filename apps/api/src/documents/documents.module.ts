import { Module } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { EventStore } from '../../../../libs/event-store/src/index.js';
import { KyselyDocumentReader, type ReadModelDatabase } from '../../../../libs/read-model/src/index.js';
import { EVENT_STORE, READ_MODEL_DB } from '../store/store.tokens.js';
import { DocumentCommands, RegisteredTexts } from '../../../../libs/application/src/index.js';
import { GetDocumentHandler, ListDocumentsHandler, RegisterDocumentHandler } from './documents.cqrs.js';
import { DocumentsController } from './documents.controller.js';
import { DOCUMENT_READER } from './documents.tokens.js';
import { QuotePositions, QuotePositionsInterceptor } from './quote-positions.js';

/**
 * Source documents (docs/provenance.md): registration (the log), reads, and the quote positions
 * every answer's citations carry. The stores come from the global AppModule by token.
 */
@Module({
  controllers: [DocumentsController],
  providers: [
    { provide: DocumentCommands, inject: [EVENT_STORE], useFactory: (store: EventStore) => new DocumentCommands(store) },
    { provide: RegisteredTexts, inject: [EVENT_STORE], useFactory: (store: EventStore) => new RegisteredTexts(store) },
    { provide: DOCUMENT_READER, inject: [READ_MODEL_DB], useFactory: (db: Kysely<unknown>) => new KyselyDocumentReader(db as Kysely<ReadModelDatabase>) },
    QuotePositions,
    QuotePositionsInterceptor,
    RegisterDocumentHandler,
    GetDocumentHandler,
    ListDocumentsHandler,
  ],
  exports: [QuotePositions, QuotePositionsInterceptor],
})
export class DocumentsModule {}
