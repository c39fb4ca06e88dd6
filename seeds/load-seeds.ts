import { createHash } from 'node:crypto';
import {
  decodeNoticeEvent, evolve, factIdOf, factOfNotice, initialState, noticeStreamName, type FactInput, type NoticeState, type SourcePatch,
} from '../libs/domain/src/index.js';
import {
  collectProblems, DocumentCommands, DocumentRequestDto, NoticeCommands, noticeIdForKey, NoticeRequestDto, validateDto, validateFact,
} from '../libs/application/src/index.js';
import { canonicalJson, type EventStore } from '../libs/event-store/src/index.js';
import type { SeedCorroboration, SeedNotice } from './seed-notice.js';
import { seedDocuments } from './source-documents.js';
import { DomainError, type DocumentInput } from '../libs/domain/src/index.js';

export interface SeedReport {
  /** source documents registered by this run (the rest were already registered, or not found on disk) */
  readonly documents: number;
  readonly notices: number;
  /** notices recorded by this run; the rest were already in the log */
  readonly recorded: number;
  /** corrections, retractions and corroborations this run appended to notices already in the log */
  readonly amended: number;
  readonly events: number;
}

const SEED_ACTOR = 'seed';
const caller = (idempotencyKey: string) => ({ actor: SEED_ACTOR, idempotencyKey });
const canonical = (value: unknown): string => canonicalJson(value, 'a seed fact');
const hashOf = (value: unknown): string => createHash('sha256').update(canonical(value)).digest('hex').slice(0, 16);

/** The notice id of a seed, as its publish records it. */
export const seedNoticeId = (key: string): string => noticeIdForKey(SEED_ACTOR, key);

/** The fact id of a seed's effect. */
export const seedFactId = (key: string, effect: number): string => factIdOf(seedNoticeId(key), effect);

/**
 * Records seed notices through the same validation and command path as POST /v1/notices.
 * Idempotent: each seed's key is its idempotency key, and what is already in the log is left as
 * it is. A notice recorded by an earlier release of the seeds is brought to the seed's current
 * facts by corrections (with the seed's reasons) and retractions, never rewritten; then the
 * corroborations are recorded. The documents the seeds quote are registered first (seeds/source-documents.ts).
 */
export async function loadSeeds(
  store: EventStore,
  seeds: readonly SeedNotice[],
  onProgress: (done: number, total: number) => void = () => {},
  corroborations: readonly SeedCorroboration[] = [],
  documents: readonly DocumentInput[] = seedDocuments(),
): Promise<SeedReport> {
  // the documents first: every seed quote is then checked against its document's text (on an older
  // data dir too, whose notices were recorded before documents were: they are registered now)
  const registrar = new DocumentCommands(store);
  let registered = 0;
  for (const document of documents) {
    validateDto(DocumentRequestDto, document);
    try {
      // no key: the same text again is a replay by itself
      const outcome = await registrar.register(document, { actor: SEED_ACTOR });
      if (!outcome.replayed) registered++;
    } catch (error) {
      // the file changed since it was registered: the registered text stands (an id names one text)
      if (!(error instanceof DomainError && error.code === 'document-text-differs')) throw error;
    }
  }
  const commands = new NoticeCommands(store);
  let recorded = 0;
  let amended = 0;
  let events = 0;
  const total = seeds.length + corroborations.length;
  for (const [index, seed] of seeds.entries()) {
    collectProblems([
      () => validateDto(NoticeRequestDto, { ...seed.notice, effects: [] }),
      ...seed.notice.effects.map((effect, at) => () => validateFact(effect, `effects[${at}]`)),
    ]);
    const noticeId = seedNoticeId(seed.key);
    const stream = noticeStreamName(noticeId);
    if ((await store.readStream(stream)).length === 0) {
      const outcome = await commands.publish(seed.notice, caller(seed.key));
      if (!outcome.replayed) {
        recorded++;
        events += outcome.events.length;
      }
    }
    const history = (await store.readStream(stream)).map(decodeNoticeEvent);
    const state = history.reduce((folded, event) => evolve(folded, event), initialState());
    // a fact an editor corrected or retracted is theirs now: the seeds never overrule a person
    const editedByPeople = new Set(history.flatMap((event) =>
      event.metadata.actor === SEED_ACTOR || event.type === 'NoticePublished.v1' ? [] : [event.data.factId]));
    for (const change of amendments(seed, noticeId, state).filter((amendment) => !editedByPeople.has(amendment.factId))) {
      const outcome = change.retire !== undefined
        ? await commands.retract(noticeId, change.factId, change.retire, caller(change.key))
        : await commands.correct(noticeId, change.factId, change.reason, change.corrected, caller(change.key), change.source);
      if (!outcome.replayed) {
        amended++;
        events += outcome.events.length;
      }
    }
    onProgress(index + 1, total);
  }
  for (const [index, seed] of corroborations.entries()) {
    const outcome = await commands.corroborate(seedNoticeId(seed.fact.seed), seedFactId(seed.fact.seed, seed.fact.effect), seed.corroboration,
      caller(seed.key));
    if (!outcome.replayed) {
      amended++;
      events += outcome.events.length;
    }
    onProgress(seeds.length + index + 1, total);
  }
  return { documents: registered, notices: seeds.length, recorded, amended, events };
}

type Amendment =
  | { key: string; factId: string; retire: string }
  | { key: string; factId: string; retire?: undefined; reason: string; corrected: FactInput; source: SourcePatch };

/** What the log's notice needs to say what the seed says: retractions of retired effects, corrections of changed ones. */
function amendments(seed: SeedNotice, noticeId: string, state: NoticeState): Amendment[] {
  const notice = seed.notice;
  return notice.effects.flatMap((effect, index): Amendment[] => {
    const factId = factIdOf(noticeId, index);
    const stored = state.facts[factId];
    if (!stored) throw new Error(`seed ${seed.key}: the log's notice has no fact ${index + 1}; add facts in a new seed notice, never to a recorded one`);
    const retire = seed.retired?.[index];
    if (retire !== undefined) return stored.retracted ? [] : [{ key: `${seed.key}#retire-${index}`, factId, retire }];
    if (stored.retracted) return [];
    // the effect with the notice's quote made explicit: a correction keeps the fact's own source otherwise
    const corrected = { ...effect, quote: effect.quote ?? notice.source.quote } as FactInput;
    const expected = factOfNotice(notice, noticeId, index);
    if (canonical(expected) === canonical(stored.current)) return [];
    const reason = seed.revisions?.[index];
    if (reason === undefined) {
      throw new Error(`seed ${seed.key}: effect ${index} differs from what the log recorded and gives no reason in revisions`);
    }
    const source: SourcePatch = {
      publisher: notice.source.publisher, kind: notice.source.kind ?? 'primary', citedOutlet: notice.source.citedOutlet ?? null,
      url: notice.source.url ?? null, title: notice.title, authority: notice.authority, published: notice.published,
    };
    return [{ key: `${seed.key}#revise-${index}-${hashOf(expected)}`, factId, reason, corrected, source }];
  });
}
