/*
 * What one place's own facts project to (issue 17 item 1, contract.ts): each fact's pieces on the
 * half-day axis and the place's aggregates between the keys at which one of them changes.
 */
import { jurisdictions as defaultRegistry, type JurisdictionRegistry } from '../../jurisdictions/jurisdiction-registry.js';
import type { FactShown } from '../fold.js';
import { factAsRecorded, type FactHistory, type RecordedFact } from '../recorded-fact.js';
import { END_OF_TIME, type FactSpanRow, type HalfDay, type PlaceProjection, type PlaceSegmentRow } from './contract.js';
import { changesOf, factOfSpan, spansOf, type PieceState } from './fact-pieces.js';
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
 * lets them run between steps instead of waiting for a large place's whole computation.
 */
export function* projectPlaceInSteps(
  code: string, histories: readonly FactHistory[], registry: JurisdictionRegistry = defaultRegistry, sink: PlaceRowSink | null = null,
): Generator<void, PlaceProjection, void> {
  void registry;
  const recorded: RecordedFact[] = [];
  for (const [index, history] of histories.entries()) {
    const fact = factAsRecorded(history, { recordedAt: null, recordedPosition: null });
    if (fact?.content.jurisdiction === code) recorded.push(fact);
    if (index % FACTS_PER_STEP === FACTS_PER_STEP - 1) yield;
  }
  recorded.sort((a, b) => a.original.position - b.original.position);
  const changes = changesOf(recorded);
  yield;
  const spans: FactSpanRow[] = [];
  const byKey = new Map<HalfDay, Array<readonly [RecordedFact, PieceState | null]>>();
  for (const [index, fact] of recorded.entries()) {
    const list = changes.get(fact) ?? [];
    for (const span of spansOf(fact, list)) spans.push(span);
    for (const change of list) {
      const at = byKey.get(change.key);
      if (at) at.push([fact, change.state]);
      else byKey.set(change.key, [[fact, change.state]]);
    }
    if (index % FACTS_PER_STEP === FACTS_PER_STEP - 1) {
      if (sink) sink(spans.splice(0), []);
      yield;
    }
  }
  if (sink) sink(spans.splice(0), []);
  const segments = new SegmentCutter(code);
  let keys = 0;
  for (const [key, body] of sweepAggregates(code, recorded, byKey)) {
    segments.push(key, body);
    if (++keys % KEYS_PER_STEP === 0) {
      if (sink) sink([], segments.take());
      yield;
    }
  }
  const rest = segments.finish();
  if (!sink) return { jurisdiction: code, spans, segments: rest };
  sink([], rest);
  return { jurisdiction: code, spans: [], segments: [] };
}

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
