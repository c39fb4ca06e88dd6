import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, ONLINE_LENDING, type FactAtQuery, type JurisdictionState } from './api.js';
import { BansList } from './bans-list.js';
import { Controls } from './controls.js';
import { today } from './dates.js';
import { LABELS } from './i18n.js';
import { JurisdictionTimeline } from './jurisdiction-timeline.js';
import { NationalCounters } from './national-counters.js';
import { ProhibitionChart } from './prohibition-chart.js';
import { ProvinceMap } from './province-map.js';
import { useRemote } from './use-remote.js';
import { readPageState, writePageState, type PageState } from './url-state.js';

const SLIDER_SETTLE_MS = 120;

export function App() {
  const [page, setPage] = useState<PageState>(() => readPageState(location.search));
  const update = (change: Partial<PageState>) => setPage((previous) => ({ ...previous, ...change }));
  const labels = LABELS[page.lang];
  const view = { asOf: page.asOf, asKnown: page.asKnown };
  const viewKey = `${page.asOf}|${page.asKnown}`;

  useEffect(() => writePageState(page), [page]);
  useEffect(() => {
    document.documentElement.lang = page.lang === 'zh' ? 'zh-Hans' : 'en';
    document.title = `${labels.title} · ${page.asOf}`;
  }, [page.lang, page.asOf]);

  const jurisdictions = useRemote('all', () => api.jurisdictions());
  const state = useRemote(viewKey, (signal) => api.state(view, signal), SLIDER_SETTLE_MS);
  const bans = useRemote(viewKey, (signal) => api.bans(view, signal), SLIDER_SETTLE_MS);
  const latest = useRemote('latest', (signal) => api.state({ asOf: today(), asKnown: false }, signal));
  const timeline = useRemote(page.selected, (signal) => api.timeline(page.selected as string, signal));
  const placeKey = page.selected ? `${page.selected}|${viewKey}` : null;
  const placeFacts = useRemote(placeKey, (signal) =>
    api.factsAt(page.selected as string, view, signal).then((facts) => ({ key: placeKey, facts })), SLIDER_SETTLE_MS);

  const all = jurisdictions?.status === 'ready' ? jurisdictions.value : [];
  const byCode = useMemo(() => new Map(all.map((j) => [j.code, j])), [all]);
  const provinces = useMemo(() => new Set(all.filter((j) => j.level === 'province').map((j) => j.code)), [all]);
  const states = useMemo(
    () => new Map<string, JurisdictionState>(state?.status === 'ready' ? state.value.jurisdictions.map((j) => [j.code, j]) : []),
    [state],
  );
  // only the answer for the place and day shown (the previous one stays while the next loads)
  const holding = useMemo(
    () => (placeFacts?.status === 'ready' && placeFacts.value.key === placeKey
      ? new Map<string, FactAtQuery>(placeFacts.value.facts.map((fact) => [fact.factId, fact])) : null),
    [placeFacts, placeKey],
  );
  const shownAsOf = state?.status === 'ready' ? state.value.asOf.slice(0, 10) : '';

  const select = (code: string) => {
    update({ selected: code });
    requestAnimationFrame(() => document.getElementById('timeline')?.scrollIntoView({ block: 'nearest' }));
  };

  return (
    <div class="page">
      <header>
        <h1>{labels.title}</h1>
        <p class="subtitle">{labels.subtitle}</p>
      </header>
      <Controls
        asOf={page.asOf} asKnown={page.asKnown} labels={labels}
        onDate={(asOf) => update({ asOf })}
        onAsKnown={(asKnown) => update({ asKnown })}
        onLanguage={() => update({ lang: page.lang === 'en' ? 'zh' : 'en' })}
      />
      {[jurisdictions, state, bans].map((remote) => remote?.status === 'failed' &&
        <p role="alert" class="error">{labels.failed}: {remote.error}</p>)}
      <main
        class="layout" data-as-of={shownAsOf} data-known={String(page.asKnown)}
        aria-busy={shownAsOf !== page.asOf || bans?.status !== 'ready'}
      >
        <div class="column">
          <ProvinceMap jurisdictions={all} states={states} selected={page.selected} lang={page.lang} labels={labels} onSelect={select} />
          {latest?.status === 'ready' &&
            <ProhibitionChart
              prohibitions={latest.value.prohibitedByBusinessLine?.[ONLINE_LENDING] ?? latest.value.prohibitedJurisdictions}
              provinces={provinces} asOf={page.asOf} labels={labels}
            />}
        </div>
        <div class="column">
          {state?.status === 'ready' &&
            <NationalCounters state={state.value} provinces={provinces} asKnown={page.asKnown} lang={page.lang} labels={labels} />}
          {page.selected
            ? <JurisdictionTimeline
                code={page.selected} jurisdiction={byCode.get(page.selected)} facts={timeline} holding={holding}
                asOf={page.asOf} asKnown={page.asKnown}
                lang={page.lang} labels={labels} onClose={() => update({ selected: null })}
              />
            : <p class="hint">{labels.choose}</p>}
          {bans?.status === 'ready' &&
            <BansList
              bans={bans.value.bans} total={bans.value.total} byCode={byCode} asKnown={page.asKnown}
              lang={page.lang} labels={labels} onSelect={select}
            />}
        </div>
      </main>
    </div>
  );
}
