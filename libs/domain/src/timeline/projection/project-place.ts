/*
 * What one place's own facts project to (issue 17 item 1, contract.ts): each fact's pieces on the
 * half-day axis and the place's aggregates between the keys at which one of them changes.
 */
import { jurisdictions as defaultRegistry, type JurisdictionRegistry } from '../../jurisdictions/jurisdiction-registry.js';
import type { FactShown } from '../fold.js';
import { factAsRecorded, type FactHistory } from '../recorded-fact.js';
import { END_OF_TIME, type FactSpanRow, type HalfDay, type PlaceProjection, type PlaceSegmentRow } from './contract.js';
import { changesOf, factOfSpan, spansOf, sweptOf, type Change, type PieceState, type SweptFact } from './fact-pieces.js';
import { aggregatesOf } from './place-aggregates.js';
import { sweepAggregates } from './place-sweep.js';

/** facts, and keys of the sweep, between two pauses of projectPlaceInSteps (a few milliseconds of work each) */
const FACTS_PER_STEP = 200;
const KEYS_PER_STEP = 8;

/**
 * The projection of `code`'s own facts as the log now stands (latest knowledge): `histories` are
 * the histories of the facts located there (others are left out).
 */
export function projectPlace(code: string, histories: readonly FactHistory[], registry: JurisdictionRegistry = defaultRegistry): PlaceProjection {
  const steps = projectPlaceInSteps(code, histories, registry);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * projectPlace as a generator that pauses (yields) every few milliseconds of work and returns the
 * projection: a caller sharing its thread with others (the API's, with the embedded projector)
 * lets them run between steps instead of waiting for a large place's whole computation. The
 * histories are read twice, as PlaceProjectionPasses reads them.
 */
export function* projectPlaceInSteps(
  code: string, histories: readonly FactHistory[], registry: JurisdictionRegistry = defaultRegistry, sink: PlaceRowSink | null = null,
): Generator<void, PlaceProjection, void> {
  void registry;
  const passes = new PlaceProjectionPasses(code);
  for (let i = 0; i < histories.length; i += FACTS_PER_STEP) {
    passes.take(histories.slice(i, i + FACTS_PER_STEP));
    yield;
  }
  passes.changes();
  yield;
  const spans: FactSpanRow[] = [];
  for (let i = 0; i < histories.length; i += FACTS_PER_STEP) {
    for (const span of passes.spansOf(histories.slice(i, i + FACTS_PER_STEP))) spans.push(span);
    if (sink) sink(spans.splice(0), []);
    yield;
  }
  const segments: PlaceSegmentRow[] = [];
  for (const cut of passes.segments()) {
    if (sink) sink([], cut);
    else for (const row of cut) segments.push(row);
    yield;
  }
  return { jurisdiction: code, spans, segments };
}

/**
 * A place's projection made in passes over its facts' histories, so that a large place's
 * histories (their contents and sources: ~3 KB of memory a fact) are never all held at once: a
 * rebuild reads them in slices, twice.
 * 1. `take`: of each fact located in the place, as recorded now, only what the figure series and
 *    the sweep read (SweptFact) is kept;
 * 2. `changes`: each fact's changes on the key axis (a figure's depend on its whole series);
 * 3. `spansOf`: the pieces of the facts of the histories given (with their whole content and
 *    sources), from their changes; any order, each history once;
 * 4. `segments` (last, once): the aggregates swept key by key, cut into segment rows a few keys at a time.
 */
export class PlaceProjectionPasses {
  private readonly facts: SweptFact[] = [];
  /** each fact's changes (by its id: `spansOf` is given the facts again), until the sweep starts */
  private byId: Map<string, readonly Change[]> | null = null;
  private swept = false;

  constructor(readonly code: string) {}

  take(histories: Iterable<FactHistory>): void {
    if (this.byId || this.swept) fail('take after changes');
    for (const history of histories) {
      const fact = factAsRecorded(history, LATEST);
      if (fact?.content.jurisdiction === this.code) this.facts.push(sweptOf(fact));
    }
  }

  changes(): void {
    this.facts.sort((a, b) => a.original.position - b.original.position);
    this.byId = new Map(Array.from(changesOf(this.facts), ([fact, list]) => [fact.factId, list]));
  }

  spansOf(histories: Iterable<FactHistory>): FactSpanRow[] {
    const byId = this.byId ?? fail('spansOf before changes, or after the sweep');
    const spans: FactSpanRow[] = [];
    for (const history of histories) {
      const fact = factAsRecorded(history, LATEST);
      if (fact?.content.jurisdiction !== this.code) continue;
      for (const span of spansOf(fact, byId.get(fact.factId) ?? [])) spans.push(span);
    }
    return spans;
  }

  *segments(): Generator<PlaceSegmentRow[], void, void> {
    const byId = this.byId ?? fail('segments before changes, or twice');
    const byKey = new Map<HalfDay, Array<readonly [SweptFact, PieceState | null]>>();
    for (const fact of this.facts) {
      for (const change of byId.get(fact.factId) ?? []) {
        const at = byKey.get(change.key);
        if (at) at.push([fact, change.state]);
        else byKey.set(change.key, [[fact, change.state]]);
      }
    }
    // the changes are in byKey now: not held through the sweep (spansOf cannot follow)
    this.byId = null;
    this.swept = true;
    const segments = new SegmentCutter(this.code);
    let keys = 0;
    for (const [key, body] of sweepAggregates(this.code, this.facts, byKey)) {
      segments.push(key, body);
      if (++keys % KEYS_PER_STEP === 0) yield segments.take();
    }
    yield segments.finish();
  }
}

const LATEST = { recordedAt: null, recordedPosition: null } as const;

const fail = (message: string): never => {
  throw new Error(`PlaceProjectionPasses: ${message}`);
};

/**
 * Where projectPlaceInSteps hands the rows it has made so far, at each pause, instead of
 * returning them all at the end (it then returns none): a large place's rows are stored while the
 * rest is computed, not held whole (the nation's segments at 1M events).
 */
export type PlaceRowSink = (spans: FactSpanRow[], segments: PlaceSegmentRow[]) => void;

/** Segment rows from the aggregates' JSON key by key, equal neighbours merged, the last running to END_OF_TIME. */
class SegmentCutter {
  private readonly rows: PlaceSegmentRow[] = [];
  private open: { from: HalfDay; body: string } | null = null;

  constructor(private readonly code: string) {}

  push(key: HalfDay, body: string): void {
    if (this.open && this.open.body === body) return;
    if (this.open) this.rows.push({ jurisdiction: this.code, from: this.open.from, to: key, body: this.open.body });
    this.open = { from: key, body };
  }

  /** the rows cut so far, no longer held */
  take(): PlaceSegmentRow[] {
    return this.rows.splice(0);
  }

  finish(): PlaceSegmentRow[] {
    if (this.open) this.rows.push({ jurisdiction: this.code, from: this.open.from, to: END_OF_TIME, body: this.open.body });
    this.open = null;
    return this.rows;
  }
}

/** Segment rows from the aggregates' JSON at each key (SegmentCutter over them). */
function segmentRows(code: string, aggregates: Iterable<readonly [HalfDay, string]>): PlaceSegmentRow[] {
  const cutter = new SegmentCutter(code);
  for (const [key, body] of aggregates) cutter.push(key, body);
  return cutter.finish();
}

/**
 * The same segments computed from scratch at every key from the spans (aggregatesOf over the
 * facts holding there): the reference the sweep is held to in the tests. Quadratic: tests only.
 */
export function segmentsFromSpans(code: string, spans: readonly FactSpanRow[], registry: JurisdictionRegistry = defaultRegistry): PlaceSegmentRow[] {
  const keys = [...new Set(spans.flatMap((span) => [span.from, span.to]))].filter((key) => key < END_OF_TIME).sort((a, b) => a - b);
  return segmentRows(code, keys.map((key) => {
    const facts: FactShown[] = spans.filter((span) => span.from <= key && key < span.to)
      .sort((a, b) => a.firstPosition - b.firstPosition).map(factOfSpan);
    return [key, JSON.stringify(aggregatesOf(facts, code, registry))] as const;
  }));
}
