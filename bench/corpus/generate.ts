/**
 * Deterministic corpus generator (issue 6): realistic notices of 15 years (2011-2025) across every
 * jurisdiction of the reference data, with mixed date precision, counts, batches "n of m", named
 * institutions with aliases, statistics, exits, halted bank partnerships, and a few percent of
 * corrections and retractions of earlier facts.
 *
 * The events are made by the domain's own decide/evolve (so their shapes are exactly what the
 * service writes) and appended through the EventStore port, one notice stream per append, with
 * deterministic event ids (UUID v5 of the seed and the event's index). Same seed and size: the same
 * log, event for event (only the store's recordedAt differs). Running it twice on the same store
 * records nothing new (appends with known event ids are idempotent no-ops).
 */
import { parse as parseUuid, v5 as uuidv5 } from 'uuid';
import {
  decide,
  evolve,
  initialState,
  noticeStreamName,
  JURISDICTIONS,
  ONLINE_LENDING,
  type FactInput,
  type InstitutionsClosedInput,
  type InstitutionsRevokedInput,
  type JurisdictionRecord,
  type NoticeCommand,
  type NoticeEvent,
  type NoticeInput,
  type NoticeState,
  type PartyInput,
  type StatisticQualifier,
} from '../../libs/domain/src/index.js';
import type { EventStore, ExpectedRevision, NewEvent } from '../../libs/event-store/src/index.js';
import { correctedOf } from './corrections.js';
import { AUTHORITIES_NATIONAL, BANK_KINDS, BUSINESS_LINES, FIRST_DAY, FORBIDDEN_WORDS, LAST_DAY, METRICS, NAME_SPACE, PRECISIONS, QUALIFIERS, Rng, clampDay, dayOf, fuzzyText, institutionAt, isoOf, mulberry32, zhBase } from './vocabulary.js';

/** Namespace of the corpus's UUID v5 ids (event ids and notice ids). */
export const CORPUS_NAMESPACE = '6b0f8d9e-2c41-5a7b-8e3d-9c1f4a2b7e55';
const NAMESPACE_BYTES = parseUuid(CORPUS_NAMESPACE); // parsed once, not per id
/** The clock every PublishNotice is decided with: after the last publication date of the corpus. */
export const CORPUS_CLOCK = '2026-01-01T00:00:00.000Z';
export const CORPUS_ACTOR = 'bench-corpus';

export interface CorpusOptions {
  /** exact number of events to generate */
  readonly events: number;
  readonly seed: number;
  /** size of the institution pool; default scales with the log (events / 10, 1,000 to 100,000) */
  readonly institutions?: number;
  /** share of commands that correct or retract an earlier fact; default 0.04 */
  readonly correctionRate?: number;
  /** called after each append with the number of events written so far */
  readonly onProgress?: (written: number, total: number) => void;
}

/** One append: a notice stream and the events of one command. */
export interface CorpusAppend {
  readonly stream: string;
  readonly expectedRevision: ExpectedRevision;
  readonly events: readonly NewEvent[];
  readonly command: NoticeCommand['type'];
  /** the notice a PublishNotice was decided from (benchmarks replay it through the command path) */
  readonly notice?: NoticeInput;
}

export interface CorpusReport {
  readonly events: number;
  readonly notices: number;
  readonly corrections: number;
  readonly retractions: number;
  /** appends that were already in the store (same ids): nothing new written */
  readonly alreadyPresent: number;
  readonly seconds: number;
}

// ---------------------------------------------------------------------------------------------
// Notices

interface Jur {
  readonly record: JurisdictionRecord;
  readonly children: readonly JurisdictionRecord[];
  readonly authority: string;
  readonly publisher: string;
  readonly domain: string;
}

function jurisdictionPool(): { national: Jur; provinces: Jur[]; cities: Jur[] } {
  const childrenOf = (code: string) => JURISDICTIONS.filter((j) => j.parent === code);
  const make = (record: JurisdictionRecord): Jur => {
    const slug = record.name.toLowerCase().replace(/[^a-z]+/g, '');
    if (record.level === 'country') {
      return { record, children: childrenOf(record.code), authority: AUTHORITIES_NATIONAL[0]![0], publisher: AUTHORITIES_NATIONAL[0]![1], domain: 'cbirc.gov.cn' };
    }
    const authority = record.level === 'city'
      ? `${record.name} Municipal Local Financial Supervision and Administration Bureau`
      : `${record.name} Local Financial Supervision and Administration Bureau`;
    return { record, children: childrenOf(record.code), authority, publisher: `${zhBase(record)}地方金融监督管理局`, domain: `jrj.${slug}.gov.cn` };
  };
  return {
    national: make(JURISDICTIONS.find((j) => j.level === 'country')!),
    provinces: JURISDICTIONS.filter((j) => j.level === 'province').map(make),
    cities: JURISDICTIONS.filter((j) => j.level === 'city').map(make),
  };
}

interface OpenNotice {
  readonly noticeId: string;
  state: NoticeState;
  revision: number;
  readonly inputs: FactInput[];
}

/**
 * Yields the corpus, one append at a time, exactly `events` events in all. Pure and
 * deterministic: it needs no store (decide/evolve only), so it also serves benchmarks of
 * raw inserts of the same rows.
 */
export function* generateCorpus(options: Omit<CorpusOptions, 'onProgress'>): Generator<CorpusAppend> {
  const total = Math.max(0, Math.floor(options.events));
  const rng = new Rng(mulberry32(options.seed));
  const institutionCount = Math.max(1, Math.min(NAME_SPACE, options.institutions ?? Math.min(100_000, Math.max(1_000, Math.floor(total / 10)))));
  const correctionRate = options.correctionRate ?? 0.04;
  const { national, provinces, cities } = jurisdictionPool();
  const subnational = [...provinces, ...cities];
  // banks: one city/rural bank per province and city, plus national ones
  const banks: PartyInput[] = [
    ...['China Merchants', 'Ping An', 'Industrial', 'Minsheng', 'Huaxia', 'Everbright'].map((n) => ({ name: `${n} Bank`, aliases: [] })),
    ...subnational.flatMap(({ record }) => BANK_KINDS.slice(0, 2).map(([en, zh]) => ({
      name: `${record.name} ${en}`, aliases: [`${zhBase(record)}${zh}`],
    }))),
  ];
  const seedText = String(options.seed);
  const eventIdOf = (index: number) => uuidv5(`${seedText}\nevent\n${index}`, NAMESPACE_BYTES);
  const open: OpenNotice[] = [];
  const OPEN_MAX = 4096;
  let written = 0;
  let step = 0;
  let noticeNo = 0;

  const institution = (): PartyInput & { aliases: string[] } => institutionAt(rng.int(0, institutionCount - 1));
  const names = (count: number): string[] | undefined => {
    if (count === 0 || !rng.chance(0.35)) return undefined;
    const listed = Math.min(count, rng.int(1, 12));
    return [...new Set(Array.from({ length: listed }, () => institution().name))];
  };

  const factFor = (jur: Jur, publishedDay: number): FactInput => {
    const jurisdiction = jur.children.length > 0 && rng.chance(0.15) ? rng.pick(jur.children).code : jur.record.code;
    const effDay = clampDay(publishedDay + rng.weighted([[0, 40], [rng.int(1, 180), 35], [-rng.int(1, 365), 25]]));
    const effective = fuzzyText(rng, effDay, rng.weighted(PRECISIONS));
    const businessLine = rng.weighted(BUSINESS_LINES);
    const kind = rng.weighted([
      ['InstitutionsBanned', 22], ['InstitutionsClosed', 14], ['InstitutionsRevoked', 8], ['InstitutionExitAnnounced', 20],
      ['StatisticReported', 22], ['BusinessLineProhibited', 6], ['PartnershipHalted', 6], ['NameRestrictionImposed', 2],
    ] as const);
    switch (kind) {
      case 'InstitutionsBanned': {
        const count = rng.chance(0.1) ? undefined : rng.weighted([[rng.int(1, 20), 6], [rng.int(20, 400), 3], [rng.int(400, 5000), 1]]);
        const of = rng.int(1, 12);
        const fact: FactInput = { type: kind, jurisdiction, effective, businessLine };
        if (count !== undefined) fact.count = count;
        if (rng.chance(0.5)) fact.batch = { number: rng.int(1, of), of };
        else if (rng.chance(0.15)) fact.cumulative = true;
        const listed = names(count ?? 0);
        if (listed) fact.names = listed;
        return fact;
      }
      case 'InstitutionsClosed':
      case 'InstitutionsRevoked': {
        const count = rng.chance(0.08) ? undefined : rng.weighted([[rng.int(1, 30), 7], [rng.int(30, 1000), 3]]);
        const fact: InstitutionsClosedInput | InstitutionsRevokedInput = { type: kind, jurisdiction, effective, businessLine };
        if (count !== undefined) fact.count = count;
        if (rng.chance(0.3)) fact.cumulative = true;
        const listed = names(count ?? 0);
        if (listed) fact.names = listed;
        return fact;
      }
      case 'InstitutionExitAnnounced': {
        const announced = fuzzyText(rng, clampDay(effDay - rng.int(0, 120)), rng.weighted([['day', 8], ['month', 2]] as const));
        return { type: kind, jurisdiction, effective, announced, businessLine, institution: institution() };
      }
      case 'StatisticReported': {
        const [metric, unit, max] = rng.pick(METRICS);
        const value = unit === 'percent' ? Math.round(rng.next() * 1000) / 10 : rng.int(0, max);
        const fact: FactInput = { type: kind, jurisdiction, effective, metric, value, unit, businessLine };
        const qualifier = rng.weighted(QUALIFIERS);
        if (qualifier) fact.qualifier = qualifier;
        if (unit === 'percent' || rng.chance(0.1)) fact.baseline = isoOf(clampDay(effDay - rng.int(180, 1500))).slice(0, rng.chance(0.5) ? 4 : 10);
        return fact;
      }
      case 'BusinessLineProhibited':
        return rng.chance(0.5)
          ? { type: kind, jurisdiction, effective, businessLine, scope: 'all new business; existing balances to be wound down' }
          : { type: kind, jurisdiction, effective, businessLine };
      case 'PartnershipHalted': {
        const fact: FactInput = { type: kind, jurisdiction, effective, businessLine, bank: rng.pick(banks) };
        const partnerCount = rng.int(1, 40);
        if (rng.chance(0.7)) fact.partnerCount = partnerCount;
        if (rng.chance(0.5)) fact.partners = [...new Set(Array.from({ length: Math.min(partnerCount, rng.int(1, 5)) }, () => institution().name))];
        return fact;
      }
      case 'NameRestrictionImposed': {
        const words = [...new Set(Array.from({ length: rng.int(1, 4) }, () => rng.pick(FORBIDDEN_WORDS)))];
        return { type: kind, jurisdiction, effective, forbiddenWords: words, appliesTo: 'names of newly registered enterprises' };
      }
    }
  };

  const toAppend = (stream: string, expectedRevision: ExpectedRevision, command: NoticeCommand, events: NoticeEvent[]): CorpusAppend => {
    // what the service records for a command, less the request hash (there was no request)
    const metadata = { actor: CORPUS_ACTOR, causationId: `${CORPUS_ACTOR}-${seedText}-${step}`, correlationId: `${CORPUS_ACTOR}-${seedText}` };
    const newEvents = events.map((event): NewEvent => ({ eventId: eventIdOf(written++), type: event.type, data: event.data, metadata }));
    step += 1;
    return { stream, expectedRevision, events: newEvents, command: command.type };
  };

  while (written < total) {
    const remaining = total - written;
    const live = open.length > 0 ? open[rng.int(0, open.length - 1)]! : undefined;
    const liveFacts = live ? Object.entries(live.state.facts).filter(([, f]) => !f.retracted) : [];
    if (live && liveFacts.length > 0 && (rng.chance(correctionRate) || remaining === 1)) {
      const [factId, fact] = rng.pick(liveFacts);
      const index = Number(factId.slice(factId.lastIndexOf(':') + 1)) - 1;
      const original = live.inputs[index]!;
      const retraction: NoticeCommand = {
        type: 'RetractFact', noticeId: live.noticeId, factId,
        retractionId: uuidv5(`${seedText}\nretraction\n${step}`, NAMESPACE_BYTES),
        reason: rng.pick(['the notice concerned another district', 'duplicate of an earlier entry', 'the source was withdrawn']),
      };
      const roll = rng.next();
      const command: NoticeCommand = roll < 0.25
        ? {
            // another source reports the fact, giving the date as the fact has it
            type: 'CorroborateFact', noticeId: live.noticeId, factId, now: CORPUS_CLOCK,
            corroborationId: uuidv5(`${seedText}\ncorroboration\n${step}`, NAMESPACE_BYTES),
            corroboration: { source: { document: `wire-${step}.txt`, publisher: rng.pick(['Caixin', 'Xinhua', 'Reuters']), quote: 'as reported',
              ...(rng.chance(0.3) ? { kind: 'translation' as const, citedOutlet: 'Xinhua' } : {}) },
            title: 'wire report', authority: 'wire', published: fact.current.source.published.text,
            ...(rng.chance(0.5) ? { effective: fact.current.effective.text } : {}) },
          }
        : roll < 0.75 && fact.current.kind === original.type
        ? {
            type: 'CorrectFact', noticeId: live.noticeId, factId,
            correctionId: uuidv5(`${seedText}\ncorrection\n${step}`, NAMESPACE_BYTES),
            reason: rng.pick(['the figure was misread from the source table', 'a later notice gives the exact date', 'typo in the original entry']),
            corrected: correctedOf(rng, original),
          }
        : retraction;
      // a correction whose new date another source rules out is refused: the editor retracts instead
      const refused = (() => { try { decide(command, live.state); return false; } catch { return true; } })();
      const chosen = refused ? retraction : command;
      if (chosen.type === 'CorrectFact') live.inputs[index] = chosen.corrected;
      const events = decide(chosen, live.state);
      const append = toAppend(noticeStreamName(live.noticeId), live.revision, chosen, events);
      for (const event of events) live.state = evolve(live.state, event);
      live.revision += events.length;
      yield append;
      continue;
    }

    // a notice: its publication date follows the log's progress through the 15 years, with jitter
    const progress = written / Math.max(1, total);
    const publishedDay = clampDay(FIRST_DAY + Math.floor(progress * (LAST_DAY - FIRST_DAY)) + rng.int(-45, 45));
    const jur = rng.weighted([[national, 6], [rng.pick(provinces), 70], [rng.pick(cities), 24]] as const);
    const effectCount = Math.min(remaining - 1, rng.weighted([[1, 30], [2, 25], [3, 20], [4, 12], [5, 8], [8, 4], [15, 1]]));
    const inputs = Array.from({ length: effectCount }, () => factFor(jur, publishedDay));
    const national_ = jur === national ? rng.pick(AUTHORITIES_NATIONAL) : undefined;
    const publishedIso = isoOf(publishedDay);
    noticeNo += 1;
    const docNo = `${jur.record.code.replace('CN-', '')}-${publishedIso.slice(0, 4)}-${String(noticeNo).padStart(6, '0')}`;
    const notice: NoticeInput = {
      authority: national_ ? national_[0] : jur.authority,
      jurisdiction: jur.record.code,
      title: `Notice on ${rng.pick(['the rectification of', 'the exit of', 'the risk disposal of', 'the supervision of', 'statistics on'])} ${inputs[0]?.type === 'StatisticReported' ? 'online lending institutions' : 'online lending intermediaries'} (${docNo})`,
      published: rng.chance(0.9) ? publishedIso : publishedIso.slice(0, 7),
      source: {
        document: `${docNo}.pdf`,
        publisher: national_ ? national_[1] : jur.publisher,
        url: rng.chance(0.8) ? `https://${jur.domain}/notices/${docNo}.html` : null,
        quote: `${jur.record.nameZh}关于网络借贷信息中介机构专项整治工作的通知（${docNo}）`,
      },
      language: rng.chance(0.8) ? 'zh' : 'en',
      effects: inputs,
    };
    const noticeId = uuidv5(`${seedText}\nnotice\n${noticeNo}`, NAMESPACE_BYTES);
    const command: NoticeCommand = { type: 'PublishNotice', noticeId, now: CORPUS_CLOCK, notice };
    const events = decide(command, initialState());
    const append = toAppend(noticeStreamName(noticeId), 'no_stream', command, events);
    let state = initialState();
    for (const event of events) state = evolve(state, event);
    const entry: OpenNotice = { noticeId, state, revision: events.length - 1, inputs };
    if (open.length < OPEN_MAX) open.push(entry);
    else open[rng.int(0, OPEN_MAX - 1)] = entry;
    yield { ...append, notice };
  }
}
