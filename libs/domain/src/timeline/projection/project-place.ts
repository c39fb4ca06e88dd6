/*
 * What one place's own facts project to (issue 17 item 1, contract.ts): each fact's pieces on the
 * half-day axis and the place's aggregates between the keys at which one of them changes.
 */
import { jurisdictions as defaultRegistry, type JurisdictionRegistry } from '../../jurisdictions/jurisdiction-registry.js';
import type { FactShown } from '../fold.js';
import { factsAsRecorded, type FactHistory, type RecordedFact } from '../recorded-fact.js';
import { END_OF_TIME, type FactSpanRow, type HalfDay, type PlaceProjection, type PlaceSegmentRow } from './contract.js';
import { changesOf, factOfSpan, spansOf, type PieceState } from './fact-pieces.js';
import { aggregatesOf } from './place-aggregates.js';
import { sweepAggregates } from './place-sweep.js';

/**
 * The projection of `code`'s own facts as the log now stands (latest knowledge): `histories` are
 * the histories of the facts located there (others are left out).
 */
export function projectPlace(code: string, histories: readonly FactHistory[], registry: JurisdictionRegistry = defaultRegistry): PlaceProjection {
  void registry;
  const recorded = factsAsRecorded(histories, { recordedAt: null, recordedPosition: null })
    .filter((fact) => fact.content.jurisdiction === code)
    .sort((a, b) => a.original.position - b.original.position);
  const changes = changesOf(recorded);
  const spans: FactSpanRow[] = [];
  const byKey = new Map<HalfDay, Array<readonly [RecordedFact, PieceState | null]>>();
  for (const fact of recorded) {
    const list = changes.get(fact) ?? [];
    for (const span of spansOf(fact, list)) spans.push(span);
    for (const change of list) {
      const at = byKey.get(change.key);
      if (at) at.push([fact, change.state]);
      else byKey.set(change.key, [[fact, change.state]]);
    }
  }
  return { jurisdiction: code, spans, segments: segmentRows(code, sweepAggregates(code, recorded, byKey)) };
}

/** Segment rows from the aggregates' JSON at each key, equal neighbours merged, the last running to END_OF_TIME. */
function segmentRows(code: string, aggregates: Iterable<readonly [HalfDay, string]>): PlaceSegmentRow[] {
  const segments: PlaceSegmentRow[] = [];
  let open: { from: HalfDay; body: string } | null = null;
  for (const [key, body] of aggregates) {
    if (open && open.body === body) continue;
    if (open) segments.push({ jurisdiction: code, from: open.from, to: key, body: open.body });
    open = { from: key, body };
  }
  if (open) segments.push({ jurisdiction: code, from: open.from, to: END_OF_TIME, body: open.body });
  return segments;
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
