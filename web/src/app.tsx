import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, ONLINE_LENDING, type FactAtQuery, type JurisdictionState, type Source, type TimelineFact } from './api.js';
import { changesByPlace, Changes } from './changes.js';
import { Controls } from './controls.js';
import { formatDay, rangeOf, today } from './dates.js';
import { DocumentViewer } from './document-viewer.js';
import { useFactData } from './fact-data.js';
import { sayFact } from './fact-summary.js';
import { LABELS, nameOf } from './i18n.js';
import { InForceList } from './in-force-list.js';
import { JurisdictionTimeline } from './jurisdiction-timeline.js';
import { businessLinesOf, inScope } from './layers.js';
import { Counters } from './national-counters.js';
import { ProhibitionChart } from './prohibition-chart.js';
import { ProvinceMap } from './province-map.js';
import { useRemote } from './use-remote.js';
import { readPageState, writePageState, type PageState } from './url-state.js';

const SLIDER_SETTLE_MS = 120;
const initial = readPageState(location.search);

export function App() {
  const [page, setPage] = useState<PageState>(initial.state);
  const [viewer, setViewer] = useState<{ source: Source; summary: string } | null>(null);
  const update = (change: Partial<PageState>) => setPage((previous) => ({ ...previous, ...change }));
  const { lang } = page;
  const labels = LABELS[lang];
  const view = { asOf: page.asOf, asKnown: page.asKnown };
  const viewKey = `${page.asOf}|${page.asKnown}`;

  useEffect(() => writePageState(page), [page]);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-Hans' : 'en';
    document.title = `${labels.title} · ${formatDay(page.asOf, lang)}`;
  }, [lang, page.asOf]);

  const jurisdictions = useRemote('all', () => api.jurisdictions());
  const all = jurisdictions?.status === 'ready' ? jurisdictions.value : [];
  const byCode = useMemo(() => new Map(all.map((j) => [j.code, j])), [all]);
  const provinces = useMemo(() => new Set(all.filter((j) => j.level === 'province').map((j) => j.code)), [all]);
  // a place the link names but the service does not know is said so, never asked for
  const unknownPlace = page.selected !== null && all.length > 0 && !byCode.has(page.selected) ? page.selected : null;
  const selected = page.selected && byCode.has(page.selected) ? page.selected : null;
  // the place the answer is scoped to (its state is read for the timeline's tags too, China's included)
  const scope = selected;
  const nation = !scope || scope === 'CN';

  const state = useRemote(viewKey, (signal) => api.state(view, signal), SLIDER_SETTLE_MS);
  const bans = useRemote(viewKey, (signal) => api.bans(view, null, signal), SLIDER_SETTLE_MS);
  const latest = useRemote('latest', (signal) => api.state({ asOf: today(), asKnown: false }, signal));
  const scopeKey = scope ? `${scope}|${viewKey}` : null;
  const place = useRemote(scopeKey, (signal) => api.place(scope as string, view, signal).then((value) => ({ key: scopeKey, value })), SLIDER_SETTLE_MS);
  const scopedBans = useRemote(scopeKey, (signal) => api.bans(view, scope, signal).then((value) => ({ key: scopeKey, value })), SLIDER_SETTLE_MS);
  const timeline = useRemote(selected, (signal) => api.timeline(selected as string, signal));
  const diffKey = page.from && page.from < page.asOf ? `${page.from}|${page.asOf}|${scope ?? 'CN'}` : null;
  const diff = useRemote(diffKey, (signal) => api.diff(page.from as string, page.asOf, scope, signal).then((value) => ({ key: diffKey, value })), SLIDER_SETTLE_MS);

  const states = useMemo(
    () => new Map<string, JurisdictionState>(state?.status === 'ready' ? state.value.jurisdictions.map((j) => [j.code, j]) : []),
    [state],
  );
  const placeReady = place?.status === 'ready' && place.value.key === scopeKey ? place.value.value : null;
  const scopedReady = scopedBans?.status === 'ready' && scopedBans.value.key === scopeKey ? scopedBans.value.value : null;
  const listed = scope ? scopedReady : bans?.status === 'ready' ? bans.value : null;
  const diffReady = diff?.status === 'ready' && diff.value.key === diffKey ? diff.value.value : null;
  // how the place's facts hold on the day shown (its state's facts), for its timeline
  const holding = useMemo(
    () => (placeReady ? new Map<string, FactAtQuery>(placeReady.facts.map((fact) => [fact.factId, fact])) : null),
    [placeReady],
  );
  const data = useFactData([
    ...(timeline?.status === 'ready' ? timeline.value.map((fact) => fact.factId) : []),
    ...(listed?.bans ?? []).map((ban) => ban.factId),
    ...(diffReady ? [...diffReady.started, ...diffReady.ended].map((fact) => fact.factId) : []),
  ]);
  const layer = { businessLine: page.businessLine, kind: page.kind };
  const changes = useMemo(() => (page.from && diffReady ? changesByPlace(diffReady, layer, data, byCode) : null),
    [diffReady, page.businessLine, page.kind, data, byCode]);

  const shownAsOf = state?.status === 'ready' ? state.value.asOf.slice(0, 10) : '';
  const busy = shownAsOf !== page.asOf || bans?.status !== 'ready' || (scope !== null && (!placeReady || !scopedReady));
  const scopePlaces = useMemo(
    () => (!nation ? new Set(all.filter((j) => inScope(j.code, scope, byCode)).map((j) => j.code)) : provinces),
    [scope, all, provinces],
  );
  const scopeName = !nation ? nameOf(byCode.get(scope as string), scope as string, lang) : labels.scopeNation;
  const lineName = labels.businessLineNames[page.businessLine] ?? page.businessLine.replace(/-/g, ' ');
  const failures = [jurisdictions, state, bans, place, scopedBans].filter((remote) => remote?.status === 'failed');
  const range = rangeOf(page.asOf);

  const select = (code: string) => {
    update({ selected: code });
    requestAnimationFrame(() => document.getElementById('answer')?.scrollIntoView({ block: 'nearest' }));
  };
  // every fact on the page with its sources: the viewer's link (fact=, source=) names one of them
  const shownFacts: readonly Pick<TimelineFact, 'factId' | 'summary' | 'sources'>[] = [
    ...(timeline?.status === 'ready' ? timeline.value : []), ...(listed?.bans ?? []),
    ...(diffReady ? [...diffReady.started, ...diffReady.ended] : []),
  ];
  const open = (source: Source, summary: string) => {
    const fact = shownFacts.find((candidate) => candidate.sources.includes(source));
    setViewer({ source, summary });
    if (fact) update({ fact: fact.factId, source: fact.sources.indexOf(source) });
  };
  const closeViewer = () => {
    setViewer(null);
    update({ fact: null, source: 0 });
  };
  const linked = !viewer && page.fact ? shownFacts.find((candidate) => candidate.factId === page.fact) : undefined;
  useEffect(() => {
    const source = linked?.sources[page.source] ?? linked?.sources[0];
    if (linked && source) setViewer({ source, summary: sayFact(linked.factId, linked.summary, data, lang).text });
  }, [linked?.factId]);

  return (
    <div class="page">
      <header>
        <h1>{labels.title}</h1>
        <p class="subtitle">{labels.subtitle}</p>
      </header>
      <Controls
        asOf={page.asOf} asKnown={page.asKnown} from={page.from} lang={lang} labels={labels}
        onDate={(asOf) => update({ asOf })} onAsKnown={(asKnown) => update({ asKnown })}
        onFrom={(from) => update({ from })}
        onLanguage={() => update({ lang: lang === 'en' ? 'zh' : 'en' })}
      />
      <div class="messages">
        {initial.problems.map((problem, index) => (
          <p key={index} role="alert" class="notice" data-problem={problem.kind}>
            {problem.kind === 'period' ? labels.periodShown(problem.text, formatDay(problem.day, lang)) : labels.notADate(problem.text)}
          </p>
        ))}
        {unknownPlace && <p role="alert" class="notice" data-problem="unknown-place">{labels.unknownPlace(unknownPlace)}</p>}
        {range !== 'inside' && (
          <p role="alert" class="notice" data-problem={`${range}-range`}>
            {range === 'before' ? labels.beforeRange(formatDay(page.asOf, lang)) : labels.afterRange(formatDay(page.asOf, lang))}
          </p>
        )}
        {failures.map((remote, index) => remote?.status === 'failed' &&
          <p key={index} role="alert" class="error">{labels.failed}: {remote.error}</p>)}
        <p role="status" class="loading" hidden={!busy}>{busy ? labels.loading : ''}</p>
      </div>
      <main class="layout" data-as-of={shownAsOf} data-known={String(page.asKnown)} data-scope={scope ?? 'CN'} aria-busy={busy}>
        <div class="area-map">
          <ProvinceMap
            jurisdictions={all} states={states} actions={bans?.status === 'ready' ? bans.value.bans : []}
            layer={layer} businessLines={businessLinesOf(states.values(), state?.status === 'ready' ? state.value.national.businessLines : [])}
            changes={changes} selected={selected} lang={lang} labels={labels}
            onSelect={select} onLayer={(next) => update({ businessLine: next.businessLine, kind: next.kind })}
          />
        </div>
        <div class="area-answer" id="answer">
          {state?.status === 'ready' && (!scope || placeReady) && (
            <Counters
              scope={scope ?? 'CN'} heading={scopeName} state={state.value} places={scopePlaces} asKnown={page.asKnown} lang={lang} labels={labels}
              counts={placeReady && !nation ? placeReady.counts : state.value.national.counts}
              lines={placeReady && !nation ? placeReady.businessLines : state.value.national.businessLines}
              onShow={(businessLine, kind) => update({ businessLine, kind })}
            />
          )}
          {page.from && (
            <Changes from={page.from} to={page.asOf} diff={diffReady} failed={diff?.status === 'failed' ? diff.error : null}
              byCode={byCode} data={data} lang={lang} labels={labels} onSelect={select} onOpen={open} />
          )}
          {selected
            ? <JurisdictionTimeline
                code={selected} jurisdiction={byCode.get(selected)} facts={timeline} holding={holding}
                asOf={page.asOf} asKnown={page.asKnown} lang={lang} labels={labels} data={data}
                onClose={() => update({ selected: null })} onOpen={open}
              />
            : <p class="hint">{labels.choose}</p>}
          {listed && (
            <InForceList bans={listed.bans} total={listed.total} byCode={byCode} data={data} asKnown={page.asKnown}
              lang={lang} labels={labels} onSelect={select} onOpen={open} />
          )}
        </div>
        <div class="area-chart">
          {latest?.status === 'ready' &&
            <ProhibitionChart
              prohibitions={latest.value.prohibitedByBusinessLine?.[page.businessLine]
                ?? (page.businessLine === ONLINE_LENDING ? latest.value.prohibitedJurisdictions : [])}
              provinces={scopePlaces} max={!nation ? Math.max(1, scopePlaces.size) : 34}
              title={labels.chartOf(lineName, scopeName)} asOf={page.asOf} labels={labels}
            />}
        </div>
      </main>
      <DocumentViewer source={viewer?.source ?? null} summary={viewer?.summary ?? null} labels={labels} lang={lang} onClose={closeViewer} />
    </div>
  );
}
