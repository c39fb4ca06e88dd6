/*
 * What one place's own facts project to (issue 17 item 1, contract.ts): each fact's pieces on the
 * half-day axis and the place's aggregates between the keys at which one of them changes.
 */
import { jurisdictions as defaultRegistry, type JurisdictionRegistry } from '../../jurisdictions/jurisdiction-registry.js';
import type { FactShown } from '../fold.js';
import { factsAsRecorded, type FactHistory } from '../recorded-fact.js';
import { END_OF_TIME, type FactSpanRow, type HalfDay, type PlaceProjection, type PlaceSegmentRow } from './contract.js';
import { changesOf, factOfSpan, spansOf } from './fact-pieces.js';
import { aggregatesOf } from './place-aggregates.js';

/**
 * The projection of `code`'s own facts as the log now stands (latest knowledge): `histories` are
 * the histories of the facts located there (others are left out).
 */
export function projectPlace(code: string, histories: readonly FactHistory[], registry: JurisdictionRegistry = defaultRegistry): PlaceProjection {
  const recorded = factsAsRecorded(histories, { recordedAt: null, recordedPosition: null })
    .filter((fact) => fact.content.jurisdiction === code)
    .sort((a, b) => a.original.position - b.original.position);
  const changes = changesOf(recorded);
  const spans = recorded.flatMap((fact) => spansOf(fact, changes.get(fact) ?? []));
  return { jurisdiction: code, spans, segments: segmentsOf(code, spans, registry) };
}

/** The place's aggregates on each stretch between the keys at which one of its spans starts or ends. */
function segmentsOf(code: string, spans: readonly FactSpanRow[], registry: JurisdictionRegistry): PlaceSegmentRow[] {
  if (spans.length === 0) return [];
  const starting = new Map<HalfDay, FactSpanRow[]>();
  const ending = new Map<HalfDay, FactSpanRow[]>();
  for (const span of spans) {
    starting.set(span.from, [...(starting.get(span.from) ?? []), span]);
    ending.set(span.to, [...(ending.get(span.to) ?? []), span]);
  }
  const keys = [...new Set([...starting.keys(), ...ending.keys()])].filter((key) => key < END_OF_TIME).sort((a, b) => a - b);
  // the facts holding, by first-recorded position (the fold's order)
  const holding = new Map<string, { position: number; fact: FactShown }>();
  const segments: PlaceSegmentRow[] = [];
  keys.forEach((key, index) => {
    for (const span of ending.get(key) ?? []) holding.delete(span.factId);
    for (const span of starting.get(key) ?? []) holding.set(span.factId, { position: span.firstPosition, fact: factOfSpan(span) });
    const facts = [...holding.values()].sort((a, b) => a.position - b.position).map((entry) => entry.fact);
    const body = JSON.stringify(aggregatesOf(facts, code, registry));
    const to = keys[index + 1] ?? END_OF_TIME;
    const last = segments.at(-1);
    if (last && last.body === body) segments[segments.length - 1] = { ...last, to };
    else segments.push({ jurisdiction: code, from: key, to, body });
  });
  return segments;
}
