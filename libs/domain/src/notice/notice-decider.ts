import { DateTime } from 'luxon';
import { DomainError, invalid } from '../errors.js';
import { LIMITS, type FactInput, type SourceInput, type SourceKind } from '../facts/fact-catalogue.js';
import { citedOutletField, dateField, jurisdictionField, recordFact, sourceKindField } from '../facts/fact-rules.js';
import { checkQuote, type RegisteredTexts } from '../documents/quote-check.js';
import { jurisdictions } from '../jurisdictions/jurisdiction-registry.js';
import { intersectDates, todayIn, type FuzzyDate } from '../time/fuzzy-date.js';
import type { FactData, FactSource, NoticeEvent, NoticePublishedData, NoticeSource } from './notice-events.js';

/** A notice as a client or a seed file states it. */
export interface NoticeInput {
  authority: string;
  jurisdiction: string;
  title: string;
  published: string;
  source: SourceInput;
  language?: string;
  effects: FactInput[];
}

/**
 * What a correction may restate of a fact's source, beyond its quote (`corrected.quote`): who
 * wrote the words, what kind of source it is, the outlet it cites, its address, title and date.
 */
export interface SourcePatch {
  publisher?: string;
  authority?: string;
  kind?: SourceKind;
  citedOutlet?: string | null;
  url?: string | null;
  title?: string;
  published?: string;
}

/** Another source reporting an existing fact. */
export interface CorroborationInput {
  source: SourceInput;
  title: string;
  authority: string;
  published: string;
  /** the date this source gives the fact, when it gives one (bounded, like every written date) */
  effective?: string;
  note?: string;
}

/**
 * `documents`: the registered texts of the documents the command cites (by id); each quote the
 * command writes of one of them must stand in it (`locateQuote`), else `quote-not-in-document`.
 */
export type NoticeCommand =
  | { type: 'PublishNotice'; noticeId: string; /** the clock, an ISO instant */ now: string; notice: NoticeInput; documents?: RegisteredTexts }
  | { type: 'CorrectFact'; noticeId: string; factId: string; correctionId: string; reason: string; corrected: FactInput; source?: SourcePatch;
      documents?: RegisteredTexts }
  | { type: 'CorroborateFact'; noticeId: string; factId: string; corroborationId: string; /** the clock, an ISO instant */ now: string;
      corroboration: CorroborationInput; documents?: RegisteredTexts }
  | { type: 'RetractFact'; noticeId: string; factId: string; retractionId: string; reason: string };

export interface FactState {
  readonly current: FactData;
  readonly retracted: boolean;
  /** @asType integer */
  readonly corrections: number;
  /** the dates the corroborating sources give the fact (each bounds its window) */
  readonly corroboratedWindows: readonly FuzzyDate[];
}

export interface NoticeState {
  readonly notice: NoticePublishedData | null;
  readonly facts: Readonly<Record<string, FactState>>;
}

export const initialState = (): NoticeState => ({ notice: null, facts: {} });

/**
 * The notice's fact of this id, if it has one. Own properties only: a fact id comes from the
 * client, and `constructor`, `__proto__` or `toString` are properties of every object.
 */
export const factIn = (state: NoticeState, factId: string): FactState | undefined =>
  Object.hasOwn(state.facts, factId) ? state.facts[factId] : undefined;

/** Fact ids are derived from the notice id, so a replayed command yields the same ids. */
export const factIdOf = (noticeId: string, index: number): string => `${noticeId}:${index + 1}`;

export function evolve(state: NoticeState, event: NoticeEvent): NoticeState {
  switch (event.type) {
    case 'NoticePublished.v1':
      return { ...state, notice: event.data };
    case 'FactCorrected.v1': {
      const fact = factIn(state, event.data.factId);
      if (!fact) return state;
      const current = { ...event.data.corrected, factId: event.data.factId };
      return { ...state, facts: { ...state.facts, [event.data.factId]: { ...fact, current, corrections: fact.corrections + 1 } } };
    }
    case 'FactCorroborated.v1': {
      const fact = factIn(state, event.data.factId);
      if (!fact) return state;
      const windows = event.data.effective ? [...fact.corroboratedWindows, event.data.effective] : fact.corroboratedWindows;
      return { ...state, facts: { ...state.facts, [event.data.factId]: { ...fact, corroboratedWindows: windows } } };
    }
    case 'FactRetracted.v1': {
      const fact = factIn(state, event.data.factId);
      if (!fact) return state;
      return { ...state, facts: { ...state.facts, [event.data.factId]: { ...fact, retracted: true } } };
    }
    default:
      return {
        ...state,
        facts: { ...state.facts, [event.data.factId]: { current: event.data, retracted: false, corrections: 0, corroboratedWindows: [] } },
      };
  }
}

function requireText(field: string, value: unknown, max: number): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(field, 'must be a non-empty string');
  if (value.length > max) throw invalid(field, `must be at most ${max} characters`);
  return value.trim();
}

function publish(state: NoticeState, command: Extract<NoticeCommand, { type: 'PublishNotice' }>): NoticeEvent[] {
  if (state.notice) throw new DomainError('notice-already-published', `notice ${command.noticeId} is already published`);
  const { notice, noticeId } = command;
  const jurisdiction = jurisdictionField('jurisdiction', notice.jurisdiction);
  const published = dateField('published', notice.published);
  notInFuture('published', published, notice.published, command.now, jurisdiction);
  if (notice.effects.length > LIMITS.effects) throw invalid('effects', `at most ${LIMITS.effects} effects`);
  const source = sourceOf('source', notice.source);
  const data: NoticePublishedData = {
    noticeId,
    authority: requireText('authority', notice.authority, LIMITS.shortText),
    jurisdiction,
    title: requireText('title', notice.title, LIMITS.text),
    published,
    source,
    language: notice.language ?? null,
    factIds: notice.effects.map((_, index) => factIdOf(noticeId, index)),
  };
  const factSource: FactSource = { ...source, noticeId, title: data.title, authority: data.authority, published };
  const facts = notice.effects.map((effect, index) =>
    recordFact(`effects[${index}]`, effect, { noticeId, factId: factIdOf(noticeId, index) }, factSource),
  );
  checkQuote('source.quote', source.document, source.quote, command.documents);
  notice.effects.forEach((effect, index) => {
    if (effect.quote !== undefined) checkQuote(`effects[${index}].quote`, source.document, facts[index]!.source.quote, command.documents);
  });
  return [
    { type: 'NoticePublished.v1', data },
    ...facts.map((fact) => ({ type: `${fact.kind}.v1`, data: fact }) as NoticeEvent),
  ];
}

/** A source as recorded: text fields checked, its kind and cited outlet normalised. */
function sourceOf(field: string, input: SourceInput): NoticeSource {
  const kind = sourceKindField(`${field}.kind`, input.kind);
  return {
    document: requireText(`${field}.document`, input.document, LIMITS.shortText),
    publisher: requireText(`${field}.publisher`, input.publisher, LIMITS.shortText),
    url: input.url ? requireText(`${field}.url`, input.url, LIMITS.url) : null,
    quote: requireText(`${field}.quote`, input.quote, LIMITS.quote),
    kind,
    citedOutlet: citedOutletField(`${field}.citedOutlet`, kind, input.citedOutlet),
  };
}

function notInFuture(field: string, date: FuzzyDate, text: string, clock: string, jurisdiction: string): void {
  const now = DateTime.fromISO(clock, { zone: 'utc' });
  if (!now.isValid) throw new Error(`a command needs a valid clock reading; got ${clock}`);
  const today = todayIn(now, jurisdictions.get(jurisdiction).zone);
  if (date.earliest !== null && date.earliest > today) throw invalid(field, `${text} is in the future`);
}

/** The fact's source with a correction's restatement applied. */
function patchedSource(source: FactSource, patch: SourcePatch | undefined): FactSource {
  if (!patch) return source;
  const kind = patch.kind === undefined ? source.kind ?? 'primary' : sourceKindField('source.kind', patch.kind);
  const citedOutlet = patch.citedOutlet === undefined ? (kind === 'primary' ? null : source.citedOutlet ?? null)
    : citedOutletField('source.citedOutlet', kind, patch.citedOutlet);
  return {
    ...source,
    publisher: patch.publisher === undefined ? source.publisher : requireText('source.publisher', patch.publisher, LIMITS.shortText),
    url: patch.url === undefined ? source.url : patch.url ? requireText('source.url', patch.url, LIMITS.url) : null,
    title: patch.title === undefined ? source.title : requireText('source.title', patch.title, LIMITS.text),
    authority: patch.authority === undefined ? source.authority : requireText('source.authority', patch.authority, LIMITS.shortText),
    published: patch.published === undefined ? source.published : dateField('source.published', patch.published),
    kind,
    citedOutlet,
  };
}

/** Every window the fact's sources give must overlap: they describe one event. */
function checkWindows(field: string, effective: FuzzyDate, windows: readonly FuzzyDate[]): void {
  for (const window of windows) {
    if (intersectDates(effective, window) === null) {
      throw invalid(field, `${effective.text} cannot be the date of the same event as a source that says ${window.text}: ` +
        'record it as a fact of its own, so both stand with their sources');
    }
  }
}

function corroborate(state: NoticeState, command: Extract<NoticeCommand, { type: 'CorroborateFact' }>): NoticeEvent[] {
  const fact = liveFact(state, command.noticeId, command.factId);
  const input = command.corroboration;
  const published = dateField('published', input.published);
  notInFuture('published', published, input.published, command.now, fact.current.jurisdiction);
  const effective = input.effective === undefined ? null : dateField('effective', input.effective);
  if (effective) checkWindows('effective', effective, [fact.current.effective, ...fact.corroboratedWindows]);
  const source: FactSource = {
    ...sourceOf('source', input.source), noticeId: command.noticeId,
    title: requireText('title', input.title, LIMITS.text), authority: requireText('authority', input.authority, LIMITS.shortText), published,
  };
  const note = input.note === undefined ? null : requireText('note', input.note, LIMITS.text);
  checkQuote('source.quote', source.document, source.quote, command.documents);
  return [{ type: 'FactCorroborated.v1', data: { noticeId: command.noticeId, factId: command.factId,
    corroborationId: command.corroborationId, source, effective, note } }];
}

/**
 * The fact a notice's effect is recorded as when the notice is published with `noticeId` (what a
 * seed loader compares with the log, to correct what an earlier release recorded differently).
 */
export function factOfNotice(notice: NoticeInput, noticeId: string, index: number): FactData {
  const effect = notice.effects[index];
  if (!effect) throw invalid(`effects[${index}]`, 'no such effect');
  const source: FactSource = {
    ...sourceOf('source', notice.source), noticeId, title: requireText('title', notice.title, LIMITS.text),
    authority: requireText('authority', notice.authority, LIMITS.shortText), published: dateField('published', notice.published),
  };
  return recordFact(`effects[${index}]`, effect, { noticeId, factId: factIdOf(noticeId, index) }, source);
}

function liveFact(state: NoticeState, noticeId: string, factId: string): FactState {
  if (!state.notice) throw new DomainError('notice-not-found', `notice ${noticeId} does not exist`);
  const fact = factIn(state, factId);
  if (!fact) throw new DomainError('fact-not-found', `notice ${noticeId} has no fact ${factId}`, 'factId');
  if (fact.retracted) throw new DomainError('fact-retracted', `fact ${factId} was retracted and cannot change`, 'factId');
  return fact;
}

/** Checks a command against the notice's history and returns the events it causes. */
export function decide(command: NoticeCommand, state: NoticeState): NoticeEvent[] {
  switch (command.type) {
    case 'PublishNotice':
      return publish(state, command);
    case 'CorrectFact': {
      const fact = liveFact(state, command.noticeId, command.factId);
      const reason = requireText('reason', command.reason, LIMITS.text);
      if (command.corrected.type !== fact.current.kind) {
        // a fact of another kind is a different fact: retract this one and record the other
        throw invalid('corrected.type', `a ${fact.current.kind} can only be corrected by a ${fact.current.kind}`);
      }
      const corrected = recordFact('corrected', command.corrected, { noticeId: command.noticeId, factId: command.factId },
        patchedSource(fact.current.source, command.source));
      checkWindows('corrected.effective', corrected.effective, fact.corroboratedWindows);
      if (command.corrected.quote !== undefined) checkQuote('corrected.quote', corrected.source.document, corrected.source.quote, command.documents);
      return [{ type: 'FactCorrected.v1', data: { noticeId: command.noticeId, factId: command.factId,
        correctionId: command.correctionId, reason, corrected } }];
    }
    case 'CorroborateFact':
      return corroborate(state, command);
    case 'RetractFact': {
      liveFact(state, command.noticeId, command.factId);
      const reason = requireText('reason', command.reason, LIMITS.text);
      return [{ type: 'FactRetracted.v1', data: { noticeId: command.noticeId, factId: command.factId,
        retractionId: command.retractionId, reason } }];
    }
  }
}

export const noticeDecider = { decide, evolve, initialState };
