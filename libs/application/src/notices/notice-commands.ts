import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { v5 as uuidv5 } from 'uuid';
import {
  decodeEvent,
  decodeNoticeEvent,
  noticeDecider,
  noticeStreamName,
  type CorroborationInput,
  type FactInput,
  type NoticeCommand,
  type SourcePatch,
  type NoticeInput,
} from '../../../domain/src/index.js';
import { handleCommand, type CommandOutcome } from '../command-loop.js';
import { legacyRequestHashOf, requestHashOf, type CommandCaller } from '../command-caller.js';
import type { EventStore } from '../../../event-store/src/index.js';
import { RegisteredTexts } from '../documents/registered-texts.js';

/** Namespace for ids derived from idempotency keys (UUID v5). */
const IDEMPOTENCY_NAMESPACE = '3f1c1a52-7a2e-5b8e-9d6a-2f3e8c1b7a40';

const notices = { ...noticeDecider, decode: decodeNoticeEvent };

export interface NoticeOutcome extends CommandOutcome {
  readonly noticeId: string;
}

/** The id of the notice a publish with this idempotency key records (UUID v5 of the caller and key). */
export const noticeIdForKey = (actor: string, idempotencyKey: string): string =>
  uuidv5(`${actor}\npublish\n${idempotencyKey}`, IDEMPOTENCY_NAMESPACE);

/**
 * Turns validated requests into domain commands and runs them through the command loop.
 * The clock is injected so seeds and tests are deterministic.
 */
export class NoticeCommands {
  /** the registered texts the quotes of a write are checked against (docs/provenance.md) */
  private readonly documents: RegisteredTexts;

  constructor(
    private readonly store: EventStore,
    private readonly clock: () => DateTime = () => DateTime.utc(),
  ) {
    this.documents = new RegisteredTexts(store);
  }

  async publish(notice: NoticeInput, caller: CommandCaller): Promise<NoticeOutcome> {
    const scope = caller.idempotencyKey === undefined ? undefined : `${caller.actor}\npublish\n${caller.idempotencyKey}`;
    const noticeId = caller.idempotencyKey === undefined ? randomUUID() : noticeIdForKey(caller.actor, caller.idempotencyKey);
    const documents = await this.documents.textsOf([notice.source?.document]);
    const command: NoticeCommand = { type: 'PublishNotice', noticeId, now: this.now(), notice, documents };
    // without an idempotency key the notice id is random: its stream is new, nothing to read
    return this.run(noticeId, command, notice, caller, scope, scope === undefined);
  }

  async correct(noticeId: string, factId: string, reason: string, corrected: FactInput, caller: CommandCaller, source?: SourcePatch): Promise<NoticeOutcome> {
    const scope = this.scopeOf(caller, `correct\n${noticeId}`);
    const correctionId = uuidv5(`${scope}\nid`, IDEMPOTENCY_NAMESPACE);
    // a fact's document is its notice's: only a correction giving a quote of its own needs it
    const documents = corrected.quote === undefined ? undefined : await this.documents.textsOf([await this.documentOf(noticeId)]);
    const command: NoticeCommand = {
      type: 'CorrectFact', noticeId, factId, correctionId, reason, corrected, ...(source ? { source } : {}), ...(documents ? { documents } : {}),
    };
    return this.run(noticeId, command, source ? { factId, reason, corrected, source } : { factId, reason, corrected }, caller, scope);
  }

  async corroborate(noticeId: string, factId: string, corroboration: CorroborationInput, caller: CommandCaller): Promise<NoticeOutcome> {
    const scope = this.scopeOf(caller, `corroborate\n${noticeId}`);
    const corroborationId = uuidv5(`${scope}\nid`, IDEMPOTENCY_NAMESPACE);
    const documents = await this.documents.textsOf([corroboration.source?.document]);
    const command: NoticeCommand = { type: 'CorroborateFact', noticeId, factId, corroborationId, now: this.now(), corroboration, documents };
    return this.run(noticeId, command, { factId, corroboration }, caller, scope);
  }

  retract(noticeId: string, factId: string, reason: string, caller: CommandCaller): Promise<NoticeOutcome> {
    const scope = this.scopeOf(caller, `retract\n${noticeId}`);
    const retractionId = uuidv5(`${scope}\nid`, IDEMPOTENCY_NAMESPACE);
    const command: NoticeCommand = { type: 'RetractFact', noticeId, factId, retractionId, reason };
    return this.run(noticeId, command, { factId, reason }, caller, scope);
  }

  private scopeOf(caller: CommandCaller, operation: string): string {
    return caller.idempotencyKey === undefined
      ? `${operation}\n${randomUUID()}`
      : `${caller.actor}\n${operation}\n${caller.idempotencyKey}`;
  }

  /** the document a notice cites (its first event's source), or undefined when there is no such notice */
  private async documentOf(noticeId: string): Promise<string | undefined> {
    const [stored] = await this.store.readStream(noticeStreamName(noticeId));
    const first = stored && decodeEvent(stored);
    return first && first.type === 'NoticePublished.v1' ? first.data.source.document : undefined;
  }

  private now(): string {
    return this.clock().toUTC().toISO() as string;
  }

  private async run(
    noticeId: string, command: NoticeCommand, request: unknown, caller: CommandCaller, scope?: string, streamIsNew = false,
  ) {
    const eventScope = scope ?? randomUUID();
    const eventIds: string[] = [];
    const outcome = await handleCommand(this.store, noticeStreamName(noticeId), notices, command, {
      expectedRevision: caller.expectedRevision,
      streamIsNew,
      // made once per index: the loop asks for them again on replay and retry. Derived from the scope (UUID v5)
      // when a key can bring the command back; random when nothing can (a publish without a key)
      eventId: (index) => (eventIds[index] ??= scope === undefined ? randomUUID() : uuidv5(`${eventScope}\n${index}`, IDEMPOTENCY_NAMESPACE)),
      metadata: {
        actor: caller.actor,
        causationId: caller.idempotencyKey ?? eventScope,
        correlationId: caller.correlationId,
        requestHash: requestHashOf(request),
      },
      acceptedRequestHashes: [legacyRequestHashOf(request)],
    });
    return { ...outcome, noticeId };
  }
}
