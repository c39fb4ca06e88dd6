import { createHash, randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import {
  decideDocument, decodeDocumentEvent, documentDecider, documentStreamName, DomainError, invalid,
  type DocumentCommand, type DocumentEvent, type DocumentInput, type DocumentState,
} from '../../../domain/src/index.js';
import { handleCommand, type CommandOutcome, type Decider } from '../command-loop.js';
import { DuplicateEventIdError, type EventStore, type RecordedEvent } from '../../../event-store/src/index.js';
import { legacyRequestHashOf, requestHashOf, type CommandCaller } from '../command-caller.js';

/** Namespace for the event ids of registrations with an Idempotency-Key (UUID v5). */
const DOCUMENT_NAMESPACE = '8d1f4c3e-2b6a-5c7d-9e0f-1a2b3c4d5e6f';

/** hex SHA-256 of the text's UTF-8 bytes: what `sha256sum` prints for the file */
export const sha256Of = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export interface DocumentOutcome extends CommandOutcome {
  readonly document: string;
  readonly sha256: string;
}

/** A registration that changes nothing: the same text is registered under the id already. */
class AlreadyRegistered extends Error {}

/** The decider with "nothing to record" made an exception, so the loop never appends zero events. */
const registering: Decider<DocumentCommand, DocumentEvent, DocumentState> = {
  ...documentDecider,
  decode: decodeDocumentEvent,
  decide(command, state) {
    const events = decideDocument(command, state);
    if (events.length === 0) throw new AlreadyRegistered();
    return events;
  },
};

/**
 * Registers documents through the command loop: one stream per document id. Idempotent: the same
 * text under the same id gives the first registration back (`replayed`); an Idempotency-Key
 * replays like a notice's (a different request under the same key is a 422).
 */
export class DocumentCommands {
  constructor(private readonly store: EventStore) {}

  async register(input: DocumentInput & { sha256?: string }, caller: CommandCaller): Promise<DocumentOutcome> {
    const { sha256: claimed, ...document } = input;
    const sha256 = sha256Of(typeof document.text === 'string' ? document.text : '');
    if (claimed !== undefined && claimed.toLowerCase() !== sha256) {
      throw invalid('sha256', `is not the SHA-256 of text (hex of its UTF-8 bytes), which is ${sha256}`);
    }
    const stream = documentStreamName(document.document);
    const scope = caller.idempotencyKey === undefined ? randomUUID() : `${caller.actor}\nregister-document\n${caller.idempotencyKey}`;
    const command: DocumentCommand = { type: 'RegisterDocument', sha256, input: document };
    try {
      const outcome = await handleCommand(this.store, stream, registering, command, {
        eventId: (index) => uuidv5(`${scope}\n${index}`, DOCUMENT_NAMESPACE),
        metadata: {
          actor: caller.actor, causationId: caller.idempotencyKey ?? scope, correlationId: caller.correlationId,
          requestHash: requestHashOf(document),
        },
        acceptedRequestHashes: [legacyRequestHashOf(document)],
      });
      return { ...outcome, document: document.document, sha256 };
    } catch (error) {
      // the key's event id is recorded in another document's stream: the key was used for another document
      if (error instanceof DuplicateEventIdError) throw new DomainError('idempotency-key-reused', 'this Idempotency-Key was used for a different request');
      if (!(error instanceof AlreadyRegistered)) throw error;
      const events = (await this.store.readStream(stream)).slice(0, 1) as RecordedEvent[];
      const first = events[0] as RecordedEvent;
      return { streamName: stream, revision: first.revision, position: first.position, events, replayed: true, document: document.document, sha256 };
    }
  }
}
