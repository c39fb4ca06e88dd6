import { clampDay, isDay, today } from './dates.js';
import type { Lang } from './i18n.js';

/** Everything a deep link fixes: `/?asOf=2020-06-30&j=CN-NX&knownAt=2020-06-30&lang=zh`. */
export interface PageState {
  readonly asOf: string;
  readonly asKnown: boolean;
  readonly selected: string | null;
  readonly lang: Lang;
}

export function readPageState(search: string): PageState {
  const params = new URLSearchParams(search);
  const asOf = params.get('asOf');
  return {
    asOf: isDay(asOf) ? clampDay(asOf) : today(),
    asKnown: params.has('knownAt'),
    selected: /^CN(-[A-Z0-9]+)?$/.test(params.get('j') ?? '') ? params.get('j') : null,
    lang: params.get('lang') === 'zh' ? 'zh' : 'en',
  };
}

export function writePageState(state: PageState): void {
  const params = new URLSearchParams({ asOf: state.asOf });
  if (state.asKnown) params.set('knownAt', state.asOf);
  if (state.selected) params.set('j', state.selected);
  if (state.lang === 'zh') params.set('lang', 'zh');
  const url = `${location.pathname}?${params.toString().replace(/%2C/g, ',')}`;
  if (url !== `${location.pathname}${location.search}`) history.replaceState(null, '', url);
}
