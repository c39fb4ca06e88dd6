import { DomainError } from '../../domain/src/index.js';
import {
  DuplicateEventIdError,
  WrongExpectedRevisionError,
  type EventMetadata,
  type EventStore,
  type LogPosition,
  type RecordedEvent,
} from '../../event-store/src/index.js';

/** A domain decider, with how its stream's stored events are read back (the typed decoder, libs/domain). */
export interface Decider<Command, Event extends { type: string; data: unknown }, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
  decode(stored: RecordedEvent): Event;
}

export interface CommandContext {
  /** the revision the caller last saw (If-Match): a mismatch is a conflict, never retried */
  readonly expectedRevision?: number | 'stream_exists';
  /** event ids for the events the command causes, derived from its idempotency key when it has one */
  readonly eventId: (index: number) => string;
  readonly metadata: EventMetadata;
  /**
   * Other hashes the same request was recorded under (`metadata.requestHash` as an earlier release
   * computed it): a retry matching one of them replays too.
   */
  readonly acceptedRequestHashes?: readonly string[];
  /**
   * The stream was just named by a fresh random id, so it cannot exist yet: the first attempt
   * skips reading it and appends with 'no_stream' (a conflict, should one happen, reads it and retries).
   */
  readonly streamIsNew?: boolean;
}

export interface CommandOutcome {
  readonly streamName: string;
  /** revision of the stream's last event */
  readonly revision: number;
  readonly position: LogPosition;
  readonly events: readonly RecordedEvent[];
  /** the command had already been handled: these are the events it recorded then */
  readonly replayed: boolean;
}

const MAX_ATTEMPTS = 5;

/**
 * The caller's If-Match (the revision it last saw) no longer names the stream's revision: a failed
 * precondition (RFC 9110 13.1.1, answered 412), not a conflict the loop could retry.
 */
export class PreconditionFailedError extends WrongExpectedRevisionError {
  constructor(streamName: string, expected: number | 'stream_exists', actual: number) {
    super(streamName, expected, actual);
    this.name = 'PreconditionFailedError';
  }
}

/**
 * The one command loop (the store only appends and reads; what a conflict or a reused key means is decided here): read the stream, fold it, decide, append with the expected revision.
 * A retried command (same event ids) returns what it recorded the first time. Without an
 * expected revision from the caller, a concurrent write is retried on fresh state.
 */
export async function handleCommand<Command, Event extends { type: string; data: unknown }, State>(
  store: EventStore,
  streamName: string,
  decider: Decider<Command, Event, State>,
  command: Command,
  context: CommandContext,
): Promise<CommandOutcome> {
  for (let attempt = 1; ; attempt++) {
    const history = attempt === 1 && context.streamIsNew === true ? [] : await store.readStream(streamName);
    const earlier = replayOf(history, context);
    if (earlier) return earlier;

    const revision = history.length - 1;
    const expected = context.expectedRevision;
    if (expected === 'stream_exists' ? revision < 0 : expected !== undefined && expected !== revision) {
      throw new PreconditionFailedError(streamName, expected as number | 'stream_exists', revision);
    }
    const state = history.reduce((folded, event) => decider.evolve(folded, decider.decode(event)), decider.initialState());
    const events = decider.decide(command, state);
    try {
      const result = await store.append(
        streamName,
        events.map((event, index) => ({ eventId: context.eventId(index), type: event.type, data: event.data, metadata: context.metadata })),
        { expectedRevision: revision < 0 ? 'no_stream' : revision },
      );
      // ids already recorded: another writer of the same key (another process) got there between our read and
      // our append. It is a replay only if it was this very request (else a 422, as on any retry)
      if (result.idempotent) return replayOf(result.events, context) ?? replayed(result.events);
      return { streamName, revision: result.nextRevision, position: result.position, events: result.events, replayed: false };
    } catch (error) {
      if (error instanceof DuplicateEventIdError) {
        // part of our ids were recorded meanwhile (the other request caused another number of events): what it
        // recorded decides, a replay of the same request or a 422 for a different one
        const earlier = replayOf(await store.readStream(streamName), context);
        if (earlier) return earlier;
        throw error;
      }
      // a write between our read and our append: with If-Match the caller's revision is stale now (412);
      // without, the command is decided again on fresh state, and only a streak of such writes is a 409
      if (error instanceof WrongExpectedRevisionError && expected !== undefined) throw new PreconditionFailedError(streamName, expected, error.actual);
      const retry = error instanceof WrongExpectedRevisionError && attempt < MAX_ATTEMPTS;
      if (!retry) throw error;
    }
  }
}

/** The events this command recorded before, when it is a retry. */
function replayOf(history: readonly RecordedEvent[], context: CommandContext): CommandOutcome | null {
  const firstId = context.eventId(0);
  const start = history.findIndex((event) => event.eventId === firstId);
  if (start < 0) return null;
  const first = history[start] as RecordedEvent;
  const recorded = first.metadata.requestHash;
  if (recorded !== context.metadata.requestHash && !(typeof recorded === 'string' && context.acceptedRequestHashes?.includes(recorded))) {
    throw new DomainError('idempotency-key-reused', 'this Idempotency-Key was used for a different request');
  }
  return replayed(history.slice(start).filter((event, index) => event.eventId === context.eventId(index)));
}

function replayed(events: readonly RecordedEvent[]): CommandOutcome {
  const first = events[0] as RecordedEvent;
  const last = events[events.length - 1] as RecordedEvent;
  return { streamName: first.streamName, revision: last.revision, position: last.position, events, replayed: true };
}
