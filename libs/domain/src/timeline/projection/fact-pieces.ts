/*
 * The pieces of each fact's life on the half-day axis (latest knowledge): where the fold
 * (evaluateFact, then currentFigures for the figures) gives it, and how. An action's evaluation
 * changes only at its own keys; a figure's also when another figure of its series starts or
 * becomes certain, so a series is swept over its figures' keys with the pools currentFigures
 * reads kept as they grow.
 */
import type { FactDataKept, FactSource } from '../../notice/notice-events.js';
import { BAN_KINDS } from '../bans.js';
import { statisticListKey } from '../counts.js';
import { figureSeriesOf, figureValueOf, laterWindowFirst } from '../figures.js';
import { effectiveSpan, type Certainty, type FactShown, type FactStatus } from '../fold.js';
import type { FactHistory, RecordedFact } from '../recorded-fact.js';
import { END_OF_TIME, START_OF_TIME, type FactSpanRow, type HalfDay } from './contract.js';
import { certaintyAtKey, dayStartKey, keysOf } from './half-day.js';

/** How the fold gives a fact on a piece; null: it does not hold there. */
export interface PieceState {
  readonly status: FactStatus;
  readonly inForce: Certainty;
  readonly disputedWith: readonly string[];
}

/** The JSON of a span's body: what factEntryOf, banEntryOf, statisticsOf and the counts read of the fact. */
interface SpanBody {
  /** the content as recorded now (corrections applied, window narrowed by corroborations) */
  readonly c: RecordedFact['content'];
  /** the corroborating sources (the fact's own is the content's) */
  readonly s?: readonly FactSource[];
  /** how many corrections */
  readonly n?: number;
  /** the log position of the version shown */
  readonly v: number;
  /** 'a' when the piece is an exit announced, not yet in force */
  readonly a?: 1;
  /** 1 when possibly in force only */
  readonly p?: 1;
  readonly d?: readonly string[];
}

/** The body's JSON up to the piece's own fields (the same for every piece of the fact): written once per fact. */
export function spanBodyStart(recorded: RecordedFact): string {
  // Object.assign, not spreads followed by a key (v): slow on V8 11 (recorded-fact.ts); the keys in this order
  const body: SpanBody = Object.assign(
    { c: recorded.content },
    recorded.sources.length > 1 ? { s: recorded.sources.slice(1) } : {},
    recorded.corrections.length > 0 ? { n: recorded.corrections.length } : {},
    { v: recorded.version.position },
  );
  return JSON.stringify(body).slice(0, -1);
}

/** A piece's body: JSON.stringify of its SpanBody, from the fact's start. */
export const spanBodyOf = (start: string, state: PieceState): string =>
  start + (state.status === 'exit-announced' ? ',"a":1' : '') + (state.inForce === 'possible' ? ',"p":1' : '') +
  (state.disputedWith.length > 0 ? `,"d":${JSON.stringify(state.disputedWith)}` : '') + '}';

/** Whether a piece is a ban's: a span of BAN_KINDS, but not while its exit is only announced (no ban yet). */
export const isBanPiece = (span: Pick<FactSpanRow, 'kind' | 'body'>): boolean =>
  BAN_KINDS.includes(span.kind) && (span.kind !== 'InstitutionExitAnnounced' || (JSON.parse(span.body) as SpanBody).a !== 1);

/** A span's body without the fact's sources (`c.source`, `s`): what a lean answer reads of a statistic (StatisticPageOptions). */
export function spanBodyWithoutSources(body: string): string {
  const { c: { source: _source, ...content }, s: _s, ...rest } = JSON.parse(body) as SpanBody;
  return JSON.stringify({ c: content, ...rest });
}

/** The fact a span gives, as the answers read it (latest knowledge: known for certain; read without its sources, with none). */
export function factOfSpan(span: Pick<FactSpanRow, 'factId' | 'firstPosition' | 'body'>): FactShown {
  const body = JSON.parse(span.body) as SpanBody;
  const inForce: Certainty = body.p === 1 ? 'possible' : 'certain';
  return {
    factId: span.factId, content: body.c,
    recorded: { sources: body.c.source === undefined ? [] : [body.c.source, ...(body.s ?? [])], corrections: { length: body.n ?? 0 },
      original: { position: span.firstPosition }, version: { position: body.v } },
    status: body.a === 1 ? 'exit-announced' : 'in-force', inForce, known: 'certain', certainty: inForce, disputedWith: body.d ?? [],
  };
}

/**
 * What the figure series (changesOf) and the place's sweep read of a fact as recorded: its data
 * without its source, and where its first and shown versions are in the log. A rebuild keeps this
 * of each of a large place's facts, and reads their histories again for the pieces' bodies.
 */
export interface SweptFact {
  readonly factId: string;
  readonly content: FactDataKept;
  readonly original: { readonly position: number };
  readonly version: { readonly position: number };
}

/** The SweptFact of a fact as recorded: its data copied without its source and ids (~560 B of memory a fact). */
export function sweptOf(recorded: RecordedFact): SweptFact {
  const { source, noticeId, factId, ...content } = recorded.content;
  void [source, noticeId, factId];
  const original = { position: recorded.original.position };
  return { factId: recorded.factId, content, original, version: recorded.version === recorded.original ? original : { position: recorded.version.position } };
}

/** The states without a dispute, one object each: a large place has a change per piece of each of its facts. */
const UNDISPUTED = {
  'in-force': { certain: freezeState('in-force', 'certain'), possible: freezeState('in-force', 'possible') },
  'exit-announced': { certain: freezeState('exit-announced', 'certain'), possible: freezeState('exit-announced', 'possible') },
} as const;

function freezeState(status: FactStatus, inForce: Certainty): PieceState {
  return Object.freeze({ status, inForce, disputedWith: Object.freeze([]) });
}

/** A piece's state (the shared object when nothing disputes it). */
const pieceState = (status: 'in-force' | 'exit-announced', inForce: Certainty, disputedWith: readonly string[]): PieceState =>
  disputedWith.length === 0 ? UNDISPUTED[status][inForce] : { status, inForce, disputedWith };

/** evaluateFact on the key axis, latest knowledge. */
export function stateAtKey(recorded: SweptFact, key: HalfDay): PieceState | null {
  const content = recorded.content;
  const started = certaintyAtKey(effectiveSpan(content), key);
  if (started !== null) return pieceState('in-force', started, []);
  if (content.kind === 'InstitutionExitAnnounced') {
    const announced = certaintyAtKey(content.announced, key);
    if (announced !== null) return pieceState('exit-announced', announced, []);
  }
  return null;
}

/** The keys at which a fact's own evaluation can change. */
export function ownKeysOf(recorded: SweptFact): HalfDay[] {
  const content = recorded.content;
  const keys = keysOf(effectiveSpan(content));
  return content.kind === 'InstitutionExitAnnounced' ? [...keys, ...keysOf(content.announced)] : keys;
}

const sameState = (a: PieceState | null, b: PieceState | null): boolean =>
  a === b || (a !== null && b !== null && a.status === b.status && a.inForce === b.inForce &&
    a.disputedWith.length === b.disputedWith.length && a.disputedWith.every((id, index) => id === b.disputedWith[index]));

/** One change of a fact's state at a key (null: it stops holding). */
export interface Change {
  readonly key: HalfDay;
  readonly state: PieceState | null;
}

/** Records a fact's states key by key, merging equal neighbours, and gives its pieces. */
class Track {
  readonly changes: Change[] = [];
  private last: PieceState | null = null;

  set(key: HalfDay, state: PieceState | null): void {
    if (sameState(this.last, state)) return;
    this.last = state;
    const previous = this.changes.at(-1);
    if (previous && previous.key === key) this.changes.pop();
    this.changes.push({ key, state });
  }

  /** the changes in an array of their own length (a grown array keeps room for more: a large place holds one per fact) */
  done(): Change[] {
    return this.changes.slice();
  }
}

const windowKey = (figure: SweptFact): string => `${figure.content.effective.latest}|${figure.content.effective.earliest ?? ''}`;

const distinctSorted = (keys: readonly HalfDay[]): HalfDay[] => [...new Set(keys)].sort((a, b) => a - b);

function actionChanges(recorded: SweptFact): Change[] {
  const track = new Track();
  for (const key of [START_OF_TIME, ...distinctSorted(ownKeysOf(recorded))]) track.set(key, stateAtKey(recorded, key));
  return track.done();
}

/**
 * currentFigures over one series, key by key: the certain pool and the started pool only grow,
 * so their latest window is kept as figures join; the current figures are the pool's figures of
 * that window (several sources of one date), disputes among them by value.
 */
function seriesChanges<F extends SweptFact>(figures: readonly F[]): Map<F, Change[]> {
  const tracks = new Map(figures.map((figure) => [figure, new Track()]));
  const joins = new Map<HalfDay, F[]>();
  for (const figure of figures) {
    for (const key of ownKeysOf(figure)) {
      const list = joins.get(key);
      if (list) list.push(figure);
      else joins.set(key, [figure]);
    }
  }
  const unbounded = figures.filter((figure) => effectiveSpan(figure.content).earliest === null);
  const keys = [START_OF_TIME, ...distinctSorted([...joins.keys()])];
  const order = new Map(figures.map((figure, index) => [figure, index]));
  const started = new Map<string, F[]>();
  const certain = new Map<string, F[]>();
  const isCertain = new Set<F>();
  const isStarted = new Set<F>();
  let startedTop: F | null = null;
  let certainTop: F | null = null;
  let shown: F[] = [];
  const later = (a: F | null, b: F): boolean => a === null || laterWindowFirst(b.content.effective, a.content.effective) < 0;
  const join = (pool: Map<string, F[]>, figure: F) => {
    const key = windowKey(figure);
    const list = pool.get(key);
    if (list) list.push(figure);
    else pool.set(key, [figure]);
  };
  for (const key of keys) {
    const candidates = key === START_OF_TIME ? unbounded : joins.get(key) ?? [];
    for (const figure of candidates) {
      const state = stateAtKey(figure, key);
      if (state === null) continue;
      if (!isStarted.has(figure)) {
        isStarted.add(figure);
        join(started, figure);
        if (later(startedTop, figure)) startedTop = figure;
      }
      if (state.inForce === 'certain' && !isCertain.has(figure)) {
        isCertain.add(figure);
        join(certain, figure);
        if (later(certainTop, figure)) certainTop = figure;
      }
    }
    const [pool, top] = certainTop ? [certain, certainTop] : [started, startedTop];
    const same = top === null ? [] : [...(pool.get(windowKey(top)) ?? [])].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    const now = new Set(same);
    for (const figure of shown) if (!now.has(figure)) tracks.get(figure)?.set(key, null);
    for (const figure of same) {
      const value = figureValueOf(figure.content);
      const disputedWith = same.filter((other) => other !== figure && figureValueOf(other.content) !== value).map((other) => other.factId);
      tracks.get(figure)?.set(key, pieceState('in-force', isCertain.has(figure) ? 'certain' : 'possible', disputedWith));
    }
    shown = same;
  }
  return new Map([...tracks].map(([figure, track]) => [figure, track.done()]));
}

/** Every fact's changes on the key axis, the facts in first-recorded order. */
export function changesOf<F extends SweptFact>(facts: readonly F[]): Map<F, Change[]> {
  const series = new Map<string, F[]>();
  const changes = new Map<F, Change[]>();
  for (const fact of facts) {
    const key = figureSeriesOf(fact.content);
    if (key === null) {
      changes.set(fact, actionChanges(fact));
      continue;
    }
    const list = series.get(key);
    if (list) list.push(fact);
    else series.set(key, [fact]);
  }
  for (const figures of series.values()) for (const [figure, list] of seriesChanges(figures)) changes.set(figure, list);
  return new Map(facts.map((fact) => [fact, changes.get(fact) ?? []]));
}

/** A fact's pieces from its changes. */
export function spansOf(recorded: RecordedFact, changes: readonly Change[]): FactSpanRow[] {
  const rows: FactSpanRow[] = [];
  const effective = recorded.content.effective;
  const start = spanBodyStart(recorded);
  const { content } = recorded;
  const seriesKey = content.kind === 'StatisticReported' ? statisticListKey(content) : null;
  changes.forEach((change, index) => {
    if (change.state === null) return;
    rows.push({
      factId: recorded.factId, jurisdiction: content.jurisdiction, kind: content.kind,
      from: change.key, to: changes[index + 1]?.key ?? END_OF_TIME,
      effectiveLatest: effective.latest, effectiveEarliest: effective.earliest ?? '', firstPosition: recorded.original.position,
      body: spanBodyOf(start, change.state),
      versionPosition: recorded.version.position, possible: change.state.inForce === 'possible', seriesKey,
    });
  });
  return rows;
}

/** The first key at which a fact with this content may hold (its window, an exit's announcement too). */
const firstKeyOf = (content: RecordedFact['content']): HalfDay => {
  const starts = [effectiveSpan(content).earliest, ...(content.kind === 'InstitutionExitAnnounced' ? [content.announced.earliest] : [])];
  return Math.min(...starts.map((earliest) => (earliest === null ? START_OF_TIME : dayStartKey(earliest))));
};

/**
 * The first key from which a change of this fact (a version, a correction, a corroboration, a
 * retraction) can change its place's projection: no version of it holds before, and a figure
 * touches its series only where it holds, so every piece and segment ending before it stays as it
 * was. A corroboration narrows a version's window to inside its own, which may begin before the
 * version's first key (an exit whose window has no start holds from its announcement; narrowed to
 * a day, from that day): its window's start counts too.
 */
export function earliestKeyOf(history: FactHistory): HalfDay {
  const corroborated = (history.corroborations ?? []).flatMap((corroboration) => (corroboration.effective
    ? [corroboration.effective.earliest === null ? START_OF_TIME : dayStartKey(corroboration.effective.earliest)] : []));
  return Math.min(END_OF_TIME, ...history.versions.map((version) => firstKeyOf(version.content)), ...corroborated);
}
