import { Inject, NotFoundException } from '@nestjs/common';
import { Command, CommandHandler, Query, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DocumentInput, DocumentRegisteredData, SourceKind } from '../../../../libs/domain/src/index.js';
import { positionOf, positionToJson } from '../../../../libs/event-store/src/index.js';
import type { KyselyDocumentReader } from '../../../../libs/read-model/src/index.js';
import { type CommandCaller, DocumentCommands, type DocumentOutcome, RegisteredTexts } from '../../../../libs/application/src/index.js';
import { DOCUMENT_READER } from './documents.tokens.js';

/** A registered document as GET /v1/documents/{id} answers (the contract the page codes against): the registration, when and where. */
export type DocumentView = DocumentRegisteredData & {
  readonly registeredAt: string;
  /** log position of the registration */
  readonly position: number | string;
};

export interface DocumentPage {
  readonly documents: Array<Omit<DocumentView, 'text'>>;
  /** pass as `after` for the next page; null when this page reached the end */
  readonly next: number | string | null;
}

export class RegisterDocumentCommand extends Command<DocumentOutcome> {
  constructor(readonly input: DocumentInput & { sha256?: string }, readonly caller: CommandCaller) {
    super();
  }
}

export class GetDocumentQuery extends Query<DocumentView> {
  constructor(readonly document: string) {
    super();
  }
}

export class ListDocumentsQuery extends Query<DocumentPage> {
  constructor(readonly after: bigint | null, readonly limit: number) {
    super();
  }
}

@CommandHandler(RegisterDocumentCommand)
export class RegisterDocumentHandler implements ICommandHandler<RegisterDocumentCommand> {
  constructor(@Inject(DocumentCommands) private readonly commands: DocumentCommands) {}
  execute({ input, caller }: RegisterDocumentCommand): Promise<DocumentOutcome> {
    return this.commands.register(input, caller);
  }
}

/** A document from its own stream in the log: there as soon as its registration is answered, whatever the projector's lag. */
@QueryHandler(GetDocumentQuery)
export class GetDocumentHandler implements IQueryHandler<GetDocumentQuery> {
  constructor(@Inject(RegisteredTexts) private readonly texts: RegisteredTexts) {}
  async execute({ document }: GetDocumentQuery): Promise<DocumentView> {
    const registered = await this.texts.registered(document);
    if (!registered) throw new NotFoundException({ code: 'document-not-found', message: `document ${document} is not registered` });
    const { data } = registered;
    return {
      document: data.document, title: data.title, language: data.language, kind: data.kind, sha256: data.sha256, text: data.text,
      registeredAt: registered.recordedAt, position: positionToJson(registered.position),
    };
  }
}

/** The registered documents in registration order, without their texts, from the read models. */
@QueryHandler(ListDocumentsQuery)
export class ListDocumentsHandler implements IQueryHandler<ListDocumentsQuery> {
  constructor(@Inject(DOCUMENT_READER) private readonly reader: KyselyDocumentReader) {}
  async execute({ after, limit }: ListDocumentsQuery): Promise<DocumentPage> {
    const rows = await this.reader.list(after, limit);
    const documents = rows.map((row) => ({ ...row, kind: row.kind as SourceKind | null, position: positionToJson(positionOf(row.position)) }));
    const last = rows[rows.length - 1];
    return { documents, next: rows.length === limit && last ? positionToJson(positionOf(last.position)) : null };
  }
}
