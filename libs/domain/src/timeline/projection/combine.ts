/*
 * The places' aggregates added up as the fold's functions add up their facts: countsOf's
 * sumFigures over each place's action count, the exits' figure, businessLinesIn and prohibitionIn.
 * Every order used is the fold's (latestFirst, effectiveOrder, first-recorded order).
 */
import { FACT_KINDS, type FactKind } from '../../facts/fact-catalogue.js';
import { MAX_FIGURE_FACT_IDS, type CountFigure, type Counts } from '../counts.js';
import { laterWindowFirst } from '../figures.js';
import type { BusinessLineState, Prohibition } from '../jurisdiction-state.js';
import type { FuzzyDate } from '../../time/fuzzy-date.js';
import type { ActionCount, NamedPart, NamedParts, OwnProhibition, PlaceAggregates } from './place-aggregates.js';

/** A place's aggregates with the facts its counts name read (scope-named.ts). */
type Resolved = PlaceAggregates<NamedParts>;

/** latestFirst on the named parts: later latest day, then later earliest day (unbounded last), then later recorded version first. */
export const latestFirstPart = (a: NamedPart, b: NamedPart): number =>
  b[1] - a[1] || (a[2] === b[2] ? 0 : a[2] === null ? 1 : b[2] === null ? -1 : b[2] - a[2]) || b[3] - a[3];

/**
 * counts.ts figure() for latest knowledge (known for certain) over the places' named facts:
 * `certain` is whether all the facts it covers are certainly in force.
 */
function figureOf(named: readonly NamedParts[], value: number | null, partial: boolean, disputed: boolean, certain: boolean): CountFigure | null {
  const ordered = named.flatMap((place) => place.f).sort(latestFirstPart);
  const [latest] = ordered;
  if (!latest) return null;
  const effective = named.find((place) => place.f[0]?.[0] === latest[0])?.e as FuzzyDate;
  const certainty = certain ? 'certain' : 'possible';
  return {
    value, factId: latest[0], factIds: ordered.slice(0, MAX_FIGURE_FACT_IDS).map((part) => part[0]), effective,
    certainty, inForce: certainty, known: 'certain', partial, disputed, qualifier: null,
  };
}

/** sumFigures over the places' counts of one action kind: only the facts each names count. */
function actionCount(places: readonly Resolved[], count: ActionCount): CountFigure | null {
  const present = places.flatMap((place) => place.a[count] ?? []);
  if (present.length === 0) return null;
  const known = present.filter((tally) => tally.v !== null);
  return figureOf(present, known.length === 0 ? null : known.reduce((sum, tally) => sum + (tally.v ?? 0), 0),
    present.some((tally) => tally.p || tally.v === null), present.some((tally) => tally.d),
    present.every((tally) => tally.c ?? tally.f.every((part) => part[4] === 1)));
}

/** The exits in force as a count (countsOf's fallback for `exited`). */
function exitCount(places: readonly Resolved[]): CountFigure | null {
  const exits = places.flatMap((place) => place.x ?? []);
  const total = exits.reduce((sum, exit) => sum + exit.n, 0);
  if (total === 0) return null;
  return figureOf(exits, total, false, false, exits.every((exit) => exit.c));
}

/** countsOf over the facts of `scope` (the place and those inside it); `own` is the place's own aggregates. */
export function countsFrom(scope: readonly Resolved[], own: Resolved): Counts {
  const of = (count: ActionCount) => actionCount(scope, count);
  return {
    banned: of('banned'), closed: of('closed'), revoked: of('revoked'),
    exited: own.ox ?? exitCount(scope),
    operating: own.oo,
  };
}

/** prohibitionIn's order: certain first, then effectiveOrder (earlier window, then first recorded). */
const betterProhibition = (a: OwnProhibition, b: OwnProhibition): number => {
  if (a.c !== b.c) return a.c === 'certain' ? -1 : 1;
  return laterWindowFirst(b.e, a.e) || a.pos - b.pos;
};

/** prohibitionIn over the prohibitions of `lineage` (the place and the places containing it). */
export function prohibitionFrom(lineage: readonly PlaceAggregates<unknown>[], line: string): Prohibition {
  const [best] = lineage.flatMap((place) => place.l[line]?.p ?? []).sort(betterProhibition);
  if (!best) return { prohibited: false, certainty: null, since: null, factId: null };
  return { prohibited: true, certainty: best.c, since: best.e, factId: best.id };
}

/**
 * businessLinesIn: every line with a fact in force in `scope` or a prohibition in `lineage`, by
 * name; each with its prohibition from `lineage` and the kinds in force in `scope` in the order
 * their first fact was recorded.
 */
export function businessLinesFrom(scope: readonly PlaceAggregates<unknown>[], lineage: readonly PlaceAggregates<unknown>[]): BusinessLineState[] {
  const lines = new Set<string>();
  for (const place of scope) for (const [line, tally] of Object.entries(place.l)) if (tally.k.length > 0) lines.add(line);
  for (const place of lineage) for (const [line, tally] of Object.entries(place.l)) if (tally.p) lines.add(line);
  return [...lines].sort().flatMap((businessLine) => {
    const prohibition = prohibitionFrom(lineage, businessLine);
    const kinds = new Map<FactKind, { count: number; first: number }>();
    for (const place of scope) {
      for (const [index, count, first] of place.l[businessLine]?.k ?? []) {
        const kind = FACT_KINDS[index] as FactKind;
        const known = kinds.get(kind);
        kinds.set(kind, known ? { count: known.count + count, first: Math.min(known.first, first) } : { count, first });
      }
    }
    const facts: Partial<Record<FactKind, number>> = {};
    for (const [kind, { count }] of [...kinds].sort(([, a], [, b]) => a.first - b.first)) facts[kind] = count;
    if (!prohibition.prohibited && kinds.size === 0) return [];
    // not { ...prohibition, facts }: a spread followed by a key of its own is slow on V8 11 (scope-named.ts resolve)
    return [Object.assign({ businessLine }, prohibition, { facts })];
  });
}
