import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import {
  bansInForce, buildFactHistories, decide, evolve, factIdOf, factOfNotice, factsAt, hasLowerBound, initialState, intersectDates,
  jurisdictions, jurisdictionStateAt, LIMITS, nationalStateAt, parseFuzzyDate, parseTimeParameter,
  type FactInput, type LoggedEvent, type NoticeCommand, type NoticeInput, type NoticeState, type TimeQuery,
} from '../libs/domain/src/index.js';
import { canonicalJson } from '../libs/event-store/src/index.js';
import { documentSeeds, SIXTEEN_PROVINCES } from './documents/index.js';
import { researchSeeds } from './research/index.js';
import { SAME_EVENTS, seedCorroborations } from './corroborations.js';
import type { SeedNotice } from './seed-notice.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const sharedDir = path.resolve(here, '..', '..', 'shared');
const sourceText = (document: string): string => readFileSync(path.join(sharedDir, 'sources', document), 'utf8');
const researchText = readFileSync(path.join(sharedDir, 'research', 'timeline-facts.md'), 'utf8');
/** The release before this one, as loaded into data dirs of 2026-11: [{ key, notice }]. */
const previousRelease = JSON.parse(readFileSync(path.resolve(here, '..', 'test', 'fixtures', 'seeds-2026-11.json'), 'utf8')) as
  Array<{ key: string; notice: NoticeInput }>;

const allSeeds: SeedNotice[] = [...documentSeeds, ...researchSeeds];
const seedOf = (key: string): SeedNotice | undefined => allSeeds.find((seed) => seed.key === key);
const quotesOf = (seed: SeedNotice): string[] => [
  seed.notice.source.quote,
  ...seed.notice.effects.map((effect) => effect.quote ?? seed.notice.source.quote),
];
const effectsOfDocument = (prefix: string): FactInput[] =>
  documentSeeds.filter((seed) => seed.key.startsWith(prefix)).flatMap((seed) => seed.notice.effects);
const code = (jurisdiction: string): string | undefined => jurisdictions.find(jurisdiction)?.code;
const collapse = (text: string): string => text.replace(/\s+/g, ' ');
const inResearchNotes = (quote: string): boolean => collapse(researchText).includes(collapse(quote));
const canonical = (value: unknown): string => canonicalJson(value, 'a seed fact');

/** The clock every seed is recorded with in these tests. */
const NOW = '2026-12-01T00:00:00Z';

/**
 * The log a new data dir gets, built with the domain's own decider (as the loader does through the
 * command path): every seed published, its retired effects retracted, then every corroboration.
 * Notice ids are the seed keys, so fact ids read `<seed key>:<effect index + 1>`.
 */
function releaseLog(): LoggedEvent[] {
  const events: LoggedEvent[] = [];
  const states = new Map<string, NoticeState>();
  const run = (noticeId: string, command: NoticeCommand): void => {
    let state = states.get(noticeId) ?? initialState();
    for (const event of decide(command, state)) {
      state = evolve(state, event);
      events.push({ position: events.length + 1, recordedAt: NOW, type: event.type, data: event.data, actor: 'seed' });
    }
    states.set(noticeId, state);
  };
  for (const seed of allSeeds) {
    run(seed.key, { type: 'PublishNotice', noticeId: seed.key, now: NOW, notice: seed.notice });
    for (const [index, reason] of Object.entries(seed.retired ?? {})) {
      run(seed.key, { type: 'RetractFact', noticeId: seed.key, factId: factIdOf(seed.key, Number(index)), retractionId: `${seed.key}#retire-${index}`, reason });
    }
  }
  for (const { key, fact, corroboration } of seedCorroborations) {
    run(fact.seed, { type: 'CorroborateFact', noticeId: fact.seed, factId: factIdOf(fact.seed, fact.effect), corroborationId: key, now: NOW, corroboration });
  }
  return events;
}

const histories = buildFactHistories(releaseLog());
/** A day as the API reads `asOf=YYYY-MM-DD`: its last instant in China. */
const asOf = (day: string): TimeQuery => ({ asOf: parseTimeParameter('asOf', day), knownAt: null, recordedAt: null });
const factId = (seed: string, effect: number): string => factIdOf(seed, effect);
const documentsOf = (sources: ReadonlyArray<{ document: string }>): string[] => sources.map((source) => source.document.slice(0, 3));

describe('seeds', () => {
  it('has a unique key for every seed and corroboration', () => {
    const keys = [...allSeeds.map((seed) => seed.key), ...seedCorroborations.map((corroboration) => corroboration.key)];
    const duplicates = keys.filter((key, index) => keys.indexOf(key) !== index);
    expect(duplicates).toEqual([]);
  });

  it('fits the limits and slug format the HTTP layer enforces', () => {
    const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
    for (const { notice } of allSeeds) {
      expect(notice.title.length).toBeLessThanOrEqual(LIMITS.text);
      for (const text of [notice.authority, notice.source.document, notice.source.publisher, notice.source.citedOutlet ?? '']) {
        expect(text.length).toBeLessThanOrEqual(LIMITS.shortText);
      }
      for (const effect of notice.effects) {
        expect((effect.note ?? '').length).toBeLessThanOrEqual(LIMITS.text);
        const slugs = [
          'businessLine' in effect ? effect.businessLine : undefined,
          effect.type === 'StatisticReported' ? effect.metric : undefined,
        ];
        for (const value of slugs) if (value !== undefined) expect(value).toMatch(slug);
      }
    }
  });

  it.each(allSeeds.map((seed) => [seed.key, seed] as const))('%s passes the domain decider', (_key, seed) => {
    const events = decide({ type: 'PublishNotice', noticeId: 'test', now: NOW, notice: seed.notice }, initialState());
    expect(events).toHaveLength(1 + seed.notice.effects.length);
  });

  it('writes no date without a lower bound (truth rule 1), retired effects and corroborations included', () => {
    const open: string[] = [];
    const check = (where: string, text: string | undefined) => {
      if (text !== undefined && !hasLowerBound(parseFuzzyDate(text))) open.push(`${where}: ${text}`);
    };
    for (const { key, notice } of allSeeds) {
      check(`${key} published`, notice.published);
      notice.effects.forEach((effect, index) => {
        check(`${key}[${index}] effective`, effect.effective);
        if (effect.type === 'InstitutionExitAnnounced') check(`${key}[${index}] announced`, effect.announced);
        if (effect.type === 'StatisticReported') check(`${key}[${index}] baseline`, effect.baseline);
      });
    }
    for (const { key, corroboration } of seedCorroborations) {
      check(`${key} published`, corroboration.published);
      check(`${key} effective`, corroboration.effective);
    }
    expect(open).toEqual([]);
  });

  it('records the whole release through the domain: publications, retractions of retired effects, corroborations', () => {
    const log = releaseLog();
    const count = (type: string) => log.filter((event) => event.type === type).length;
    expect(count('NoticePublished.v1')).toBe(allSeeds.length);
    expect(count('FactRetracted.v1')).toBe(allSeeds.reduce((sum, seed) => sum + Object.keys(seed.retired ?? {}).length, 0));
    expect(count('FactCorroborated.v1')).toBe(seedCorroborations.length);
  });
});

describe('against the release of 2026-11 (test/fixtures/seeds-2026-11.json)', () => {
  /** the fact a notice's effect records, canonically; null when the domain now refuses it (an open date) */
  const recorded = (notice: NoticeInput, key: string, index: number): string | null => {
    try {
      return canonical(factOfNotice(notice, key, index));
    } catch {
      return null;
    }
  };

  it('keeps every key, and each seed keeps its number of effects (fact ids never move)', () => {
    for (const { key, notice } of previousRelease) {
      const seed = seedOf(key);
      if (!seed) throw new Error(`seed ${key} of the previous release is missing`);
      expect([key, seed.notice.effects.length]).toEqual([key, notice.effects.length]);
    }
  });

  it.each(previousRelease.map(({ key, notice }) => [key, notice] as const))(
    '%s gives a reason for each changed effect, and none for an unchanged one',
    (key, previous) => {
      const seed = seedOf(key)!;
      const revisions = seed.revisions ?? {};
      const retired = seed.retired ?? {};
      for (const index of [...Object.keys(revisions), ...Object.keys(retired)].map(Number)) {
        expect(index >= 0 && index < seed.notice.effects.length).toBe(true);
      }
      seed.notice.effects.forEach((_, index) => {
        const changed = recorded(seed.notice, key, index) !== recorded(previous, key, index);
        const reasons = { index, changed, revised: revisions[index] !== undefined, retired: retired[index] !== undefined };
        if (changed) expect(reasons.revised || reasons.retired).toBe(true);
        else expect(reasons).toMatchObject({ revised: false });
        expect(reasons.revised && reasons.retired).toBe(false);
      });
    },
  );

  it('adds new facts only as new seeds, which have nothing to revise', () => {
    const previous = new Set(previousRelease.map(({ key }) => key));
    for (const seed of allSeeds.filter(({ key }) => !previous.has(key))) {
      expect([seed.key, seed.revisions, seed.retired]).toEqual([seed.key, undefined, undefined]);
    }
  });
});

describe('corroborations (truth rule 3)', () => {
  it.each(seedCorroborations.map((corroboration) => [corroboration.key, corroboration] as const))(
    '%s names a live fact and gives it a date that overlaps its window',
    (_key, { fact, corroboration }) => {
      const target = seedOf(fact.seed);
      const effect = target?.notice.effects[fact.effect];
      if (!target || !effect) throw new Error(`no effect ${fact.effect} in seed ${fact.seed}`);
      expect(target.retired?.[fact.effect]).toBeUndefined();
      if (corroboration.effective === undefined) return;
      let window = parseFuzzyDate(effect.effective);
      for (const other of seedCorroborations.filter((c) => c.fact.seed === fact.seed && c.fact.effect === fact.effect)) {
        const narrowed = intersectDates(window, parseFuzzyDate(other.corroboration.effective ?? effect.effective));
        if (narrowed === null) throw new Error(`${other.key}: ${other.corroboration.effective} cannot be ${window.text}`);
        window = narrowed;
      }
    },
  );

  it('quotes its own source verbatim', () => {
    for (const { key, corroboration: { source } } of seedCorroborations) {
      const found = source.document === 'research/timeline-facts.md' ? inResearchNotes(source.quote) : sourceText(source.document).includes(source.quote);
      if (!found) throw new Error(`${key}: not verbatim in ${source.document}: ${source.quote}`);
    }
  });

  it('comes from an effect its seed retires, and every retired effect is corroborating one', () => {
    const duplicates = SAME_EVENTS.map(([[seed, effect]]) => `${seed}#${effect}`).sort();
    const retired = allSeeds.flatMap((seed) => Object.keys(seed.retired ?? {}).map((index) => `${seed.key}#${index}`)).sort();
    expect(duplicates).toEqual(retired);
    expect(seedCorroborations.map(({ key }) => key)).toEqual(SAME_EVENTS.map(([[seed, effect]]) => `cor-${seed}-${effect}`));
  });
});

describe('document seeds', () => {
  it('cover all five source documents and nothing else', () => {
    const documents = new Set(documentSeeds.map((seed) => seed.notice.source.document));
    expect([...documents].sort()).toEqual([
      '000_75f2afc41285faae.txt',
      '001_23c39a3baf8a8859.txt',
      '002_4a6bbc94062e667f.txt',
      '003_120a717767cf1151.txt',
      '004_ba8a3840d4a23d3b.txt',
    ]);
    for (const seed of documentSeeds) {
      expect(seed.key.startsWith(`src${seed.notice.source.document.slice(0, 3)}-`)).toBe(true);
    }
  });

  it.each(documentSeeds.map((seed) => [seed.key, seed] as const))(
    '%s quotes its document verbatim (notice and every effect)',
    (_key, seed) => {
      const text = sourceText(seed.notice.source.document);
      for (const quote of quotesOf(seed)) {
        expect(quote.trim()).not.toBe('');
        if (!text.includes(quote)) throw new Error(`not verbatim in ${seed.notice.source.document}: ${quote}`);
      }
      for (const effect of seed.notice.effects) expect(effect.quote).toBeDefined();
    },
  );

  it('say what each source is (truth rule 6): 000-003 machine translations, 004 a Reportify summary of Xin Jing Bao', () => {
    const sourceOf = (prefix: string) => {
      const sources = documentSeeds.filter((seed) => seed.key.startsWith(prefix)).map(({ notice: { source } }) =>
        ({ kind: source.kind, publisher: source.publisher, citedOutlet: source.citedOutlet }));
      expect(new Set(sources.map((source) => JSON.stringify(source))).size).toBe(1);
      return sources[0];
    };
    expect(sourceOf('src000-')).toMatchObject({ kind: 'translation', citedOutlet: null, publisher: expect.stringMatching(/machine translation/) });
    expect(sourceOf('src001-')).toMatchObject({ kind: 'translation', citedOutlet: null, publisher: expect.stringMatching(/machine translation/) });
    expect(sourceOf('src002-')).toMatchObject({ kind: 'translation', citedOutlet: 'China News Agency' });
    expect(sourceOf('src003-')).toMatchObject({ kind: 'translation', citedOutlet: 'Beijing News' });
    expect(sourceOf('src004-')).toEqual({ kind: 'summary', publisher: 'Reportify', citedOutlet: 'Xin Jing Bao' });
  });

  it('records a BusinessLineProhibited (online lending) for each of the 16 provinces of document 000', () => {
    expect(SIXTEEN_PROVINCES).toHaveLength(16);
    const prohibited = effectsOfDocument('src000-')
      .filter((effect) => effect.type === 'BusinessLineProhibited' && effect.businessLine === 'online-lending')
      .map((effect) => code(effect.jurisdiction));
    const sixteen = ['CN-HN', 'CN-SD', 'CN-CQ', 'CN-HA', 'CN-SC', 'CN-YN', 'CN-HE', 'CN-GS', 'CN-SX', 'CN-NM',
      'CN-SN', 'CN-JL', 'CN-HL', 'CN-JX', 'CN-AH', 'CN-HB'];
    expect([...prohibited].sort()).toEqual([...sixteen].sort());
    const text = sourceText('000_75f2afc41285faae.txt');
    for (const [, name] of SIXTEEN_PROVINCES) expect(text).toContain(name);
  });

  it("records Ningxia's bans as 28 institutions in total", () => {
    const total = effectsOfDocument('src')
      .filter((effect) => effect.type === 'InstitutionsBanned' && code(effect.jurisdiction) === 'CN-NX')
      .reduce((sum, effect) => sum + (effect.type === 'InstitutionsBanned' ? (effect.count ?? 0) : 0), 0);
    expect(total).toBe(28);
  });

  it("takes Ningxia's forbidden name words verbatim from the restriction's quote", () => {
    const restriction = effectsOfDocument('src000-').find((effect) => effect.type === 'NameRestrictionImposed');
    if (restriction?.type !== 'NameRestrictionImposed') throw new Error('no NameRestrictionImposed in document 000');
    for (const word of restriction.forbiddenWords) expect(restriction.quote).toContain(word);
  });

  it('records what each report of the April 2020 meeting says about the -80% and -62% groups', () => {
    const changes = (prefix: string) =>
      effectsOfDocument(prefix)
        .filter((effect) => effect.type === 'StatisticReported' && (effect.value === -80 || effect.value === -62))
        .map((effect) => (effect.type === 'StatisticReported' ? `${effect.metric} ${effect.value}` : ''));
    expect(changes('src001-')).toEqual(['borrowers -80', 'consumers -62']);
    expect(changes('src002-')).toEqual(['borrowers -80', 'borrowers -62']);
    expect(changes('src003-')).toEqual(['lenders -80', 'borrowers -62']);
  });

  it("records Weidai's figures as the company's, with the exit's party (truth rule 2)", () => {
    const weidai = seedOf('src000-weidai-exit')!.notice.effects;
    const [exit, ...figures] = weidai;
    if (exit?.type !== 'InstitutionExitAnnounced') throw new Error('no exit');
    for (const figure of figures) expect(figure).toMatchObject({ type: 'StatisticReported', institution: exit.institution });
  });
});

describe('research seeds', () => {
  it('are kept apart from the document seeds', () => {
    for (const seed of researchSeeds) {
      expect(seed.key.startsWith('res-')).toBe(true);
      expect(seed.notice.source.document).toBe('research/timeline-facts.md');
    }
  });

  it.each(researchSeeds.map((seed) => [seed.key, seed] as const))(
    '%s quotes the research table, states its confidence and cites its outlet as a secondary source',
    (_key, seed) => {
      for (const quote of quotesOf(seed)) {
        if (!inResearchNotes(quote)) throw new Error(`not in the research notes: ${quote}`);
      }
      const { url, kind, publisher, citedOutlet } = seed.notice.source;
      if (url !== null && url !== undefined) expect(url.startsWith('https://')).toBe(true);
      expect(kind).toBe('secondary');
      expect(publisher).toMatch(/^research notes/);
      expect(citedOutlet?.trim()).toBeTruthy();
      for (const effect of seed.notice.effects) expect(effect.note).toMatch(/^confidence: /);
      if (seed.notice.effects.length === 0) expect(seed.notice.title).toMatch(/confidence: /);
    },
  );
});

describe('answers by rule, from the release as a new data dir records it', () => {
  it('shows nothing of 2025 in the bans in force on 2020-06-30', () => {
    // Document 004: "Several local banks, including Urumqi Bank and Longjiang Bank, have announced a halt to new
    // internet lending partnerships" after "Recent regulatory changes"; research notes: the NFRA notice was
    // issued "2025-04 (issued 1 or 3 April)". So the halts hold from 2025-04-01 at the earliest.
    const { bans } = bansInForce(histories, asOf('2020-06-30'), undefined, jurisdictions, { offset: 0, limit: 1000 });
    expect(bans.length).toBeGreaterThan(0);
    expect(bans.filter((ban) => (ban.effective.earliest ?? '') >= '2021')).toEqual([]);
    expect(bans.filter((ban) => ban.type === 'PartnershipHalted')).toEqual([]);
    const late = bansInForce(histories, asOf('2025-12-31'), undefined, jurisdictions, { offset: 0, limit: 1000 }).bans;
    const halts = late.filter((ban) => ban.type === 'PartnershipHalted');
    // one halt per bank, the research notes' row a second source of document 004's fact; Urumqi Bank's window is
    // the row's "from 2025-10-01"
    expect(halts.map((ban) => [ban.institution, ban.effective.text, documentsOf(ban.sources)])).toEqual([
      ['Urumqi Bank', '2025-10-01', ['004', 'res']], ['Longjiang Bank', '2025-04-01/2025-11-05', ['004', 'res']],
    ]);
  });

  it('answers 50 online lending platforms in Guangzhou on 2019-01-01, and 1 after the year', () => {
    // Document 003: "reduce the number of online loan platforms in the jurisdiction from 50 at the beginning of the
    // year to 1" (the year is 2019: the work credited is 2019's).
    const on = (day: string) => jurisdictionStateAt(histories, 'CN-440100', asOf(day)).counts.operating;
    expect(on('2019-01-01')).toMatchObject({ value: 50, inForce: 'certain' });
    expect(on('2019-06-30')).toMatchObject({ value: 50 });
    expect(on('2020-01-01')).toMatchObject({ value: 1, inForce: 'certain' });
  });

  it('answers 139 operating nationwide on 2020-03-31, certain, one figure with the three reports as sources', () => {
    // Documents 001, 002, 003: "As of March 31, 2020, there were actually 139 online lending institutions ...".
    const state = jurisdictionStateAt(histories, 'CN', asOf('2020-03-31'));
    expect(state.counts.operating).toMatchObject({ value: 139, inForce: 'certain', disputed: false });
    const operating = state.statistics.filter((entry) => entry.jurisdiction === 'CN' && entry.metric === 'operating-institutions' &&
      entry.unit === 'institutions');
    expect(operating).toHaveLength(1);
    expect(operating[0]).toMatchObject({ value: 139, disputed: false });
    expect(documentsOf(operating[0]!.sources)).toEqual(['001', '002', '003']);
  });

  it('shows no national operating figure in mid-2019, and 139 (not 29) in June 2020', () => {
    // Research notes: "29 remain" was reported 2020-08-14, its as-of date not given; the previous report of the
    // figure is document 001's "As of March 31, 2020, ... 139". Research notes: "462 active online lenders at end-Sep 2019".
    expect(jurisdictionStateAt(histories, 'CN', asOf('2019-06-30')).counts.operating).toBeNull();
    expect(jurisdictionStateAt(histories, 'CN', asOf('2020-06-30')).counts.operating).toMatchObject({ value: 139 });
    expect(jurisdictionStateAt(histories, 'CN', asOf('2020-08-14')).counts.operating).toMatchObject({ value: 29, inForce: 'certain' });
  });

  it('marks the borrowers figure disputed, each figure with its sources', () => {
    // Document 001: "the number of borrowers decreased by 80%; and the number of consumers decreased by 62%";
    // document 002: "the number of borrowers decreased by 80%; and the number of borrowers decreased by 62%";
    // document 003: "the number of lenders fell by 80%; and the number of borrowers fell by 62%".
    const statistics = jurisdictionStateAt(histories, 'CN', asOf('2020-06-30')).statistics;
    const borrowers = statistics.filter((entry) => entry.metric === 'borrowers');
    expect(borrowers.map((entry) => [entry.value, entry.disputed, documentsOf(entry.sources)])).toEqual(expect.arrayContaining([
      [-80, true, ['001', '002']],
      [-62, true, ['002', '003']],
    ]));
    expect(borrowers).toHaveLength(2);
    expect(statistics.filter((entry) => entry.metric === 'consumers').map((entry) => [entry.value, entry.disputed])).toEqual([[-62, false]]);
    expect(statistics.filter((entry) => entry.metric === 'lenders').map((entry) => [entry.value, entry.disputed])).toEqual([[-80, false]]);
  });

  it("counts Shanxi's 26 banned institutions with the 15", () => {
    // Research notes, Shanxi: "26 institutions + 15 operating checked and banned".
    expect(jurisdictionStateAt(histories, 'CN-SX', asOf('2020-06-30')).counts.banned).toMatchObject({ value: 41, partial: false });
  });

  it('shows no province even possibly prohibited on 2016-01-01', () => {
    // Document 000: "So far, Hunan, ... and Hubei *** 16 have all announced that all online lending businesses within
    // their jurisdiction are prohibited" (no date); research notes: "Provincial bans of all P2P business, 2019-2020".
    expect(nationalStateAt(histories, asOf('2016-01-01')).prohibitedJurisdictions).toEqual([]);
    expect(factsAt(histories, asOf('2018-12-31')).filter((fact) => fact.content.kind === 'BusinessLineProhibited')).toEqual([]);
    const june2020 = nationalStateAt(histories, asOf('2020-06-30')).prohibitedJurisdictions;
    expect(june2020.map((place) => place.code).sort()).toEqual(SIXTEEN_PROVINCES.map(([province]) => province).sort());
  });

  it("dates Hunan's prohibition by the research notes' row, one fact with both sources", () => {
    // Research notes: "2019-10-16 (day) | CN-HN Hunan | all P2P business under review banned"; document 000 lists Hunan
    // among the 16 that "have all announced" by the article (2020-05-31..2020-06-30).
    const state = (day: string) => jurisdictionStateAt(histories, 'CN-HN', asOf(day));
    expect(state('2019-10-15')).toMatchObject({ onlineLendingProhibited: false });
    expect(state('2019-10-16')).toMatchObject({ onlineLendingProhibited: true, certainty: 'certain', prohibitedSince: { text: '2019-10-16' } });
    const prohibitions = state('2020-06-30').facts.filter((fact) => fact.type === 'BusinessLineProhibited');
    expect(prohibitions.map((fact) => [fact.factId, documentsOf(fact.sources)])).toEqual([
      [factId('src000-sixteen-provinces-prohibit', 0), ['000', 'res']],
    ]);
  });

  it("counts Weidai's exit once, and its loan figures as the company's, not Hangzhou's", () => {
    // Document 000: "the micro-loan network ... announced on May 3 1 day that ... [it] will quit the online loan
    // industry before June 30, 2020"; research notes: "2020-05-31: announced exit from online lending by 2020-06-30".
    const hangzhou = jurisdictionStateAt(histories, 'CN-330100', asOf('2020-07-01'));
    expect(hangzhou.counts.exited).toMatchObject({ value: 1, inForce: 'certain' });
    expect(hangzhou.statistics.map((entry) => entry.institution?.id)).toEqual(['weidai', 'weidai', 'weidai']);
    expect(jurisdictionStateAt(histories, 'CN-330100', asOf('2020-05-30')).counts.exited).toBeNull();
  });

  it("reads Hubei's 147 closures as a running total as of May 29, 2020", () => {
    // Document 000: "On May 29th, Hubei ... announced ... Up to now, 147 corporate online lending institutions have all closed down."
    const closed = (day: string) => jurisdictionStateAt(histories, 'CN-HB', asOf(day)).counts.closed;
    expect(closed('2020-05-28')).toBeNull();
    expect(closed('2020-05-29')).toMatchObject({ value: 147, inForce: 'certain' });
  });

  it('answers "unknown" for the uncounted bans, and "nearly" 5,000 withdrawn', () => {
    // Document 000: "Ningxia, Guizhou and other places have disclosed a number of banned online lending institutions";
    // document 001: "Since the rectification work began, nearly 5,000 institutions have gradually withdrawn."
    expect(jurisdictionStateAt(histories, 'CN-GZ', asOf('2020-06-30')).counts.banned).toMatchObject({ value: null, partial: true });
    expect(jurisdictionStateAt(histories, 'CN', asOf('2020-04-30')).counts.exited).toMatchObject({ value: 5000, qualifier: 'nearly' });
  });
});
