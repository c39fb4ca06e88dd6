/*
 * The place's aggregates key by key, kept up to date as its facts change (O(n log n) in its facts
 * for the usual log; aggregatesOf in place-aggregates.ts is the same thing computed from scratch,
 * and the tests hold the two equal). Each part follows the fold's function it stands for:
 * actionCountIn (uncounted facts, counted actions with a batch counted once, running totals and
 * the actions certainly after the latest), the exits in force, per business line the kinds in
 * force and the place's own best prohibition, the place's own statistics of exits and operating.
 */
import { FACT_KINDS, type FactKind } from '../../facts/fact-catalogue.js';
import { BAN_KINDS } from '../bans.js';
import { EXITED_METRICS, MAX_FIGURE_FACT_IDS, OPERATING_METRICS, statisticFigure } from '../counts.js';
import type { ShownFields } from '../fold.js';
import type { HalfDay } from './contract.js';
import type { PieceState, SweptFact } from './fact-pieces.js';
import { ACTION_COUNTS, namedOf, type ActionCount, type AnnouncedExit, type LineTally, type OwnProhibition } from './place-aggregates.js';
import { ActionCounter, certain, FirstInForce, idsOf, inForce, itemOf, shownOf, type Item } from './place-counters.js';
import { LatestFirstList, topOf } from './ranked.js';

/** prohibitionIn's order among the place's own prohibitions of a line: certain first, then effective order. */
const betterProhibition = (a: Item, b: Item): boolean =>
  certain(a) !== certain(b) ? certain(a)
    : a.latest !== b.latest ? a.latest < b.latest : a.earliest !== b.earliest ? a.earliest < b.earliest : a.position < b.position;

function bestProhibition(items: Iterable<Item>): OwnProhibition | undefined {
  let best: Item | undefined;
  for (const item of items) if (best === undefined || betterProhibition(item, best)) best = item;
  return best && { c: best.shown?.inForce ?? 'possible', e: best.recorded.content.effective, id: best.recorded.factId, pos: best.position };
}

/**
 * The JSON of the place's aggregates (PlaceAggregates, as JSON.stringify writes it) on each
 * stretch between the keys at which its facts change: `changes` gives, per key, the facts whose
 * state changes there (null: they stop holding). Each part's JSON is kept until one of its facts changes.
 */
export function* sweepAggregates(
  code: string, facts: readonly SweptFact[], changes: ReadonlyMap<HalfDay, readonly (readonly [SweptFact, PieceState | null])[]>,
): Generator<readonly [HalfDay, string]> {
  const items = new Map(facts.map((fact) => [fact, itemOf(fact, code)]));
  const wellFormed = [...items.values()].every((item) => item.earliest <= item.latest);
  const names = Object.keys(ACTION_COUNTS) as ActionCount[];
  const counters = new Map(names.map((name) => [name, new ActionCounter([...items.values()].filter((item) => item.action === name), wellFormed)]));
  const exits = new LatestFirstList<Item>();
  /** exits in force or announced: the spans of exits holding */
  const exitSpans = new LatestFirstList<Item>();
  let exitsPossible = 0;
  const lines = new Map<string, Map<FactKind, FirstInForce>>();
  const lineJson = new Map<string, string | null>();
  const dirtyLines = new Set<string>();
  const prohibitions = new Map<string, Set<Item>>();
  const statistics = { exited: new Set<Item>(), operating: new Set<Item>() };
  const statisticJson = { exited: 'null', operating: 'null' };
  const dirtyStatistics = new Set<'exited' | 'operating'>();
  const announced = new Set<Item>();
  let [exitsJson, annJson, dirtyExits, dirtyAnnounced] = ['null', '[]', false, false];
  let holding = 0;
  let bans = 0;
  let statisticsHeld = 0;
  for (const key of [...changes.keys()].sort((a, b) => a - b)) {
    for (const [fact, state] of changes.get(key) ?? []) {
      const item = items.get(fact) as Item;
      const wasIn = inForce(item);
      const wasCertain = certain(item);
      const wasHolding = item.shown !== null;
      const wasAnnounced = item.shown?.status === 'exit-announced';
      item.shown = state === null ? null : shownOf(fact, state);
      const isIn = inForce(item);
      holding += (item.shown !== null ? 1 : 0) - (wasHolding ? 1 : 0);
      if (item.kind === 'StatisticReported') statisticsHeld += (item.shown !== null ? 1 : 0) - (wasHolding ? 1 : 0);
      if (wasAnnounced !== (item.shown?.status === 'exit-announced')) {
        if (wasAnnounced) announced.delete(item);
        else announced.add(item);
        dirtyAnnounced = true;
      }
      if (BAN_KINDS.includes(item.kind)) bans += (isIn ? 1 : 0) - (wasIn ? 1 : 0);
      if (item.action) {
        const counter = counters.get(item.action) as ActionCounter;
        if (wasIn !== isIn) counter.move(item, isIn);
        else if (isIn) counter.dirty = true;
      }
      if (item.kind === 'InstitutionExitAnnounced') {
        if (wasHolding !== (item.shown !== null)) {
          if (wasHolding) exitSpans.delete(item);
          else exitSpans.add(item);
        }
        if (wasIn !== isIn) {
          if (isIn) exits.add(item);
          else exits.delete(item);
        }
        exitsPossible += (isIn && !certain(item) ? 1 : 0) - (wasIn && !wasCertain ? 1 : 0);
        dirtyExits = true;
      }
      if (item.line !== null) {
        dirtyLines.add(item.line);
        if (isIn && !wasIn) {
          const kinds = lines.get(item.line) ?? new Map<FactKind, FirstInForce>();
          lines.set(item.line, kinds);
          const tally = kinds.get(item.kind) ?? new FirstInForce();
          kinds.set(item.kind, tally);
          tally.push(item);
        }
        if (isIn !== wasIn) (lines.get(item.line)?.get(item.kind) as FirstInForce).count += isIn ? 1 : -1;
      }
      if (item.kind === 'BusinessLineProhibited' && item.line !== null) {
        const own = prohibitions.get(item.line) ?? new Set<Item>();
        prohibitions.set(item.line, own);
        if (isIn) own.add(item);
        else own.delete(item);
      }
      if (item.ownStatistic) {
        if (isIn) statistics[item.ownStatistic].add(item);
        else statistics[item.ownStatistic].delete(item);
        dirtyStatistics.add(item.ownStatistic);
      }
    }
    for (const name of dirtyStatistics) {
      statisticJson[name] = JSON.stringify(statisticFigure([...statistics[name]].map((item) => item.shown as ShownFields), code,
        name === 'exited' ? EXITED_METRICS : OPERATING_METRICS));
    }
    dirtyStatistics.clear();
    for (const line of dirtyLines) {
      const kinds = [...(lines.get(line) ?? [])].filter(([, tally]) => tally.count > 0)
        .map(([kind, tally]) => [FACT_KINDS.indexOf(kind), tally.count, tally.first()] as const).sort((x, y) => x[2] - y[2]);
      const p = bestProhibition(prohibitions.get(line) ?? []);
      lineJson.set(line, kinds.length === 0 ? null : JSON.stringify({ k: kinds, ...(p ? { p } : {}) } satisfies LineTally));
    }
    dirtyLines.clear();
    if (dirtyExits) {
      const top = topOf([exits.latestFirst()], MAX_FIGURE_FACT_IDS);
      exitsJson = exits.size === 0 ? 'null'
        : JSON.stringify({ n: exits.size, c: exitsPossible === 0, ...namedOf(idsOf(exitSpans.latestFirst()), top.map((item) => item.shown as ShownFields)) });
      dirtyExits = false;
    }
    if (dirtyAnnounced) {
      annJson = JSON.stringify([...announced].sort((x, y) => x.position - y.position)
        .map((item): AnnouncedExit => [item.latest, item.earliest, item.position, item.recorded.factId]));
      dirtyAnnounced = false;
    }
    const a = names.flatMap((name) => {
      const json = counters.get(name)?.json();
      return json === undefined ? [] : [`"${name}":${json}`];
    });
    const l = [...lineJson.keys()].sort().flatMap((line) => {
      const json = lineJson.get(line);
      return json ? [`${JSON.stringify(line)}:${json}`] : [];
    });
    yield [key, `{"n":${holding},"b":${bans},"a":{${a.join(',')}},"x":${exitsJson},"ox":${statisticJson.exited},"oo":${statisticJson.operating},` +
      `"l":{${l.join(',')}},"ann":${annJson},"s":${statisticsHeld}}`];
  }
}
