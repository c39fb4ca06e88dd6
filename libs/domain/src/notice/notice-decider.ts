import { DateTime } from 'luxon';
import { DomainError, invalid } from '../errors.js';
import { LIMITS, type FactInput } from '../facts/fact-catalogue.js';
import { dateField, jurisdictionField, recordFact } from '../facts/fact-rules.js';
import { jurisdictions } from '../jurisdictions/jurisdiction-registry.js';
import { todayIn } from '../time/fuzzy-date.js';
import type { FactData, FactSource, NoticeEvent, NoticePublishedData } from './notice-events.js';

/** A notice as a client or a seed file states it. */
export interface NoticeInput {
  authority: string;
  jurisdiction: string;
  title: string;
  published: string;
  source: { document: string; publisher: string; url?: string | null; quote: string };
  language?: string;
  effects: FactInput[];
}

export type NoticeCommand =
  | { type: 'PublishNotice'; noticeId: string; /** the clock, an ISO instant */ now: string; notice: NoticeInput }
  | { type: 'CorrectFact'; noticeId: string; factId: string; correctionId: string; reason: string; corrected: FactInput }
  | { type: 'RetractFact'; noticeId: string; factId: string; retractionId: string; reason: string };

export interface FactState {
  readonly current: FactData;
  readonly retracted: boolean;
  readonly corrections: number;
}

export interface NoticeState {
  readonly notice: NoticePublishedData | null;
  readonly facts: Readonly<Record<string, FactState>>;
}

export const initialState = (): NoticeState => ({ notice: null, facts: {} });

/** Fact ids are derived from the notice id, so a replayed command yields the same ids. */
export const factIdOf = (noticeId: string, index: number): string => `${noticeId}:${index + 1}`;

export function evolve(state: NoticeState, event: NoticeEvent): NoticeState {
  switch (event.type) {
    case 'NoticePublished.v1':
      return { ...state, notice: event.data };
    case 'FactCorrected.v1': {
      const fact = state.facts[event.data.factId];
      if (!fact) return state;
      const current = { ...event.data.corrected, factId: event.data.factId };
      return { ...state, facts: { ...state.facts, [event.data.factId]: { ...fact, current, corrections: fact.corrections + 1 } } };
    }
    case 'FactRetracted.v1': {
      const fact = state.facts[event.data.factId];
      if (!fact) return state;
      return { ...state, facts: { ...state.facts, [event.data.factId]: { ...fact, retracted: true } } };
    }
    default:
      return {
        ...state,
        facts: { ...state.facts, [event.data.factId]: { current: event.data, retracted: false, corrections: 0 } },
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
  const now = DateTime.fromISO(command.now, { zone: 'utc' });
  if (!now.isValid) throw new Error(`PublishNotice needs a valid clock reading; got ${command.now}`);
  const today = todayIn(now, jurisdictions.get(jurisdiction).zone);
  if (published.earliest !== null && published.earliest > today) {
    throw invalid('published', `${notice.published} is in the future`);
  }
  if (notice.effects.length > LIMITS.effects) throw invalid('effects', `at most ${LIMITS.effects} effects`);
  const source = {
    document: requireText('source.document', notice.source.document, LIMITS.shortText),
    publisher: requireText('source.publisher', notice.source.publisher, LIMITS.shortText),
    url: notice.source.url ? requireText('source.url', notice.source.url, LIMITS.url) : null,
    quote: requireText('source.quote', notice.source.quote, LIMITS.quote),
  };
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
  return [
    { type: 'NoticePublished.v1', data },
    ...facts.map((fact) => ({ type: `${fact.kind}.v1`, data: fact }) as NoticeEvent),
  ];
}

function liveFact(state: NoticeState, noticeId: string, factId: string): FactState {
  if (!state.notice) throw new DomainError('notice-not-found', `notice ${noticeId} does not exist`);
  const fact = state.facts[factId];
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
        fact.current.source);
      return [{ type: 'FactCorrected.v1', data: { noticeId: command.noticeId, factId: command.factId,
        correctionId: command.correctionId, reason, corrected } }];
    }
    case 'RetractFact': {
      liveFact(state, command.noticeId, command.factId);
      const reason = requireText('reason', command.reason, LIMITS.text);
      return [{ type: 'FactRetracted.v1', data: { noticeId: command.noticeId, factId: command.factId,
        retractionId: command.retractionId, reason } }];
    }
  }
}

export const noticeDecider = { decide, evolve, initialState };
