import { isDay, periodEnd, rangeOf, today } from './dates.js';
import type { Lang } from './i18n.js';
import { DEFAULT_LAYER, LAYER_KINDS, type LayerKind } from './layers.js';

/** Everything a deep link fixes: `/?asOf=2020-06-30&j=CN-NX&knownAt=2020-06-30&lang=zh&line=online-lending&kind=banned&from=2019-12-31&fact=<id>&source=1`. */
export interface PageState {
  readonly asOf: string;
  readonly asKnown: boolean;
  /** the place the page answers for (null: all of China) */
  readonly selected: string | null;
  readonly lang: Lang;
  readonly businessLine: string;
  readonly kind: LayerKind;
  /** compare mode: what started and ended between this day and asOf */
  readonly from: string | null;
  /** the fact whose document is open (the viewer), and which of its sources */
  readonly fact: string | null;
  readonly source: number;
}

/** What the page could not take from the link as written: said on the page, never silently changed. */
export type LinkProblem =
  | { readonly kind: 'not-a-date'; readonly text: string }
  | { readonly kind: 'period'; readonly text: string; readonly day: string };

export function readPageState(search: string): { state: PageState; problems: LinkProblem[] } {
  const params = new URLSearchParams(search);
  const problems: LinkProblem[] = [];
  const readDay = (name: string, fallback: string | null): string | null => {
    const text = params.get(name);
    if (text === null || text === '') return fallback;
    if (isDay(text)) return text;
    const end = periodEnd(text);
    if (end && isDay(end)) {
      problems.push({ kind: 'period', text, day: end });
      return end;
    }
    problems.push({ kind: 'not-a-date', text });
    return fallback;
  };
  const asOf = readDay('asOf', today()) as string;
  const kind = params.get('kind');
  return {
    state: {
      asOf,
      asKnown: params.has('knownAt'),
      // kept as written: an unknown code is reported on the page, not dropped
      selected: params.get('j') || null,
      lang: params.get('lang') === 'zh' ? 'zh' : 'en',
      businessLine: params.get('line') || DEFAULT_LAYER.businessLine,
      kind: (LAYER_KINDS as readonly string[]).includes(kind ?? '') ? kind as LayerKind : DEFAULT_LAYER.kind,
      from: readDay('from', null),
      fact: params.get('fact') || null,
      source: Math.max(0, Number.parseInt(params.get('source') ?? '0', 10) || 0),
    },
    problems,
  };
}

export { rangeOf };

export function writePageState(state: PageState): void {
  const params = new URLSearchParams({ asOf: state.asOf });
  if (state.asKnown) params.set('knownAt', state.asOf);
  if (state.selected) params.set('j', state.selected);
  if (state.lang === 'zh') params.set('lang', 'zh');
  if (state.businessLine !== DEFAULT_LAYER.businessLine) params.set('line', state.businessLine);
  if (state.kind !== DEFAULT_LAYER.kind) params.set('kind', state.kind);
  if (state.from) params.set('from', state.from);
  if (state.fact) params.set('fact', state.fact);
  if (state.fact && state.source > 0) params.set('source', String(state.source));
  const url = `${location.pathname}?${params.toString().replace(/%2C/g, ',').replace(/%3A/g, ':')}`;
  if (url !== `${location.pathname}${location.search}`) history.replaceState(null, '', url);
}
