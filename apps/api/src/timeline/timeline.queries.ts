import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  BAN_KINDS, FACT_KINDS, MAX_FIGURE_FACT_IDS, nationalStateFromFacts, bansInForce, bansInForceAmong, bansWindow, diff, factsAt, jurisdictions, nationalStateAt, stateFromFacts, DEFAULT_PAGE,
  type BansPage, type FactDiff,
  type FactHistory, type JurisdictionRecord, type JurisdictionState, type ListPage, type TimeQuery,
} from '../../../../libs/domain/src/index.js';
import { timelineOf, type TimelineEntry } from './fact-timeline.js';
import { dayIn } from './time-params.js';
import { institutionStatus } from './institution.queries.js';
import { TIMELINE_READER, type InstitutionRecord, type TimelineReader } from './timeline-reader.js';

type NationalState = ReturnType<typeof nationalStateAt>;

/** The jurisdiction and everything inside it (CN-GD: Guangdong, Guangzhou, Shenzhen). */
export const withDescendants = (code: string): string[] =>
  jurisdictions.all.filter((record) => jurisdictions.isWithin(record.code, code)).map((record) => record.code);

/** The jurisdictions containing it, whose prohibitions hold in it too (CN-440100: CN-GD, CN). */
const ancestorsOf = (code: string): string[] => jurisdictions.lineage(code).slice(1).map((record) => record.code);

export class NationalStateQuery extends Query<NationalState> {
  constructor(readonly time: TimeQuery, readonly country: JurisdictionRecord) {
    super();
  }
}

export type JurisdictionStateWithInstitutions = JurisdictionState & {
  /** the page's window (by name) of the institutions located there, each with its status at the query */
  institutions: Array<InstitutionRecord & ReturnType<typeof institutionStatus>>;
  institutionsTotal: number;
};

export class JurisdictionStateQuery extends Query<JurisdictionStateWithInstitutions> {
  constructor(readonly time: TimeQuery, readonly jurisdiction: JurisdictionRecord, readonly page: ListPage = DEFAULT_PAGE) {
    super();
  }
}

export class BansQuery extends Query<BansPage & { asOf: string; jurisdiction: string | null }> {
  constructor(readonly time: TimeQuery, readonly jurisdiction: JurisdictionRecord | null, readonly page: ListPage = DEFAULT_PAGE) {
    super();
  }
}

export class DiffQuery extends Query<FactDiff & { jurisdiction: string | null }> {
  constructor(readonly from: TimeQuery, readonly to: TimeQuery, readonly jurisdiction: JurisdictionRecord | null) {
    super();
  }
}

export class JurisdictionTimelineQuery extends Query<{ jurisdiction: { code: string; name: string }; facts: TimelineEntry[] }> {
  constructor(readonly jurisdiction: JurisdictionRecord, readonly from: string | null, readonly to: string | null, readonly time: TimeQuery) {
    super();
  }
}

@QueryHandler(NationalStateQuery)
export class NationalStateHandler implements IQueryHandler<NationalStateQuery> {
  constructor(@Inject(TIMELINE_READER) private readonly reader: TimelineReader) {}
  async execute({ time, country }: NationalStateQuery) {
    const inside = withDescendants(country.code);
    if (latestKnowledge(time) && oneZone(inside, country.zone)) return this.fromIndexes(time, country, inside);
    const histories = await this.reader.factHistories({ jurisdictions: null, startedBy: dayIn(time.asOf, country.zone), recordedAt: time.recordedAt, recordedPosition: time.recordedPosition });
    return nationalStateAt(histories, time, jurisdictions, { country: country.code });
  }

  /** As the latest versions say, from the indexes: only the facts that decide each place's figures are read. */
  private async fromIndexes(time: TimeQuery, country: JurisdictionRecord, inside: string[]) {
    const day = dayIn(time.asOf, country.zone);
    const every = { jurisdictions: inside, kinds: FACT_KINDS, day, announcedKind: EXIT };
    const exits = await this.reader.countStarted({ ...every, kinds: [EXIT] });
    // places with a fact certainly started, or an exit in force by its announcement
    const shownIn = new Set([...await this.reader.jurisdictionsWithStarted(every), ...exits.byJurisdiction.keys()]);
    const announced = await this.reader.announcedExitIds(inside, EXIT, day);
    const figures = await this.reader.figureCandidateIds({ inside, containing: [], day, prohibitionKind: 'BusinessLineProhibited',
      exitKind: EXIT, latestExits: MAX_FIGURE_FACT_IDS, latestExitsOfEach: true });
    const histories = await this.reader.factHistories({ jurisdictions: null, startedBy: null, recordedAt: null,
      factIds: [...new Set([...figures, ...exits.undecidedIds, ...announced])] });
    const folded = factsAt(histories, time, jurisdictions);
    // exits open below ("on or before") and exits not yet in force: their announcements decide
    const undecided = new Set([...exits.undecidedIds, ...announced]);
    const exitsInForce = new Map(exits.byJurisdiction);
    for (const fact of folded.filter((candidate) => undecided.has(candidate.factId))) {
      shownIn.add(fact.content.jurisdiction);
      if (fact.status === 'in-force') exitsInForce.set(fact.content.jurisdiction, (exitsInForce.get(fact.content.jurisdiction) ?? 0) + 1);
    }
    return nationalStateFromFacts(folded, time, jurisdictions, { country: country.code, partialNation: { shownIn, exitsInForce } });
  }
}

const EXIT = 'InstitutionExitAnnounced';

@QueryHandler(JurisdictionStateQuery)
export class JurisdictionStateHandler implements IQueryHandler<JurisdictionStateQuery> {
  constructor(@Inject(TIMELINE_READER) private readonly reader: TimelineReader) {}
  async execute({ time, jurisdiction, page }: JurisdictionStateQuery): Promise<JurisdictionStateWithInstitutions> {
    const inside = withDescendants(jurisdiction.code);
    const located = await this.reader.institutionsIn(inside, page);
    const { state, folded } = latestKnowledge(time) && oneZone([...inside, ...ancestorsOf(jurisdiction.code)], jurisdiction.zone)
      ? await this.fromIndexes(time, jurisdiction, page, located.institutions.flatMap((institution) => institution.factIds))
      : await this.fromAllFacts(time, jurisdiction, page);
    const byId = new Map(folded.map((fact) => [fact.factId, fact]));
    const institutions = located.institutions.map(({ factIds, ...institution }) => ({
      ...institution, ...institutionStatus(factIds.flatMap((factId) => byId.get(factId) ?? [])),
    }));
    return { ...state, institutions, institutionsTotal: located.total };
  }

  /** Every fact of the place (and its containers' prohibitions) that may have started, folded. */
  private async fromAllFacts(time: TimeQuery, jurisdiction: JurisdictionRecord, page: ListPage) {
    const cut = { recordedAt: time.recordedAt, recordedPosition: time.recordedPosition };
    const startedBy = dayIn(time.asOf, jurisdiction.zone);
    const [inside, above] = await Promise.all([
      this.reader.factHistories({ jurisdictions: withDescendants(jurisdiction.code), startedBy, ...cut }),
      this.reader.factHistories({ jurisdictions: ancestorsOf(jurisdiction.code), kinds: ['BusinessLineProhibited'], startedBy, ...cut }),
    ]);
    const folded = factsAt(mergeHistories(inside, above), time, jurisdictions);
    return { state: stateFromFacts(folded, jurisdiction.code, time, jurisdictions, { page }), folded };
  }

  /**
   * As the latest versions say, from the indexes: the facts that decide the figures, the first
   * facts by latest day for the window (more until it is full), the totals counted; only those
   * facts are read and folded.
   */
  private async fromIndexes(time: TimeQuery, jurisdiction: JurisdictionRecord, page: ListPage, institutionFactIds: readonly string[]) {
    const inside = withDescendants(jurisdiction.code);
    const day = dayIn(time.asOf, jurisdiction.zone);
    const every = { jurisdictions: inside, kinds: FACT_KINDS, day, announcedKind: EXIT };
    const [started, exits, announced, figures] = [
      await this.reader.countStarted(every),
      await this.reader.countStarted({ ...every, kinds: [EXIT] }),
      await this.reader.announcedExitIds(inside, EXIT, day),
      await this.reader.figureCandidateIds({ inside, containing: ancestorsOf(jurisdiction.code), day,
        prohibitionKind: 'BusinessLineProhibited', exitKind: EXIT, latestExits: MAX_FIGURE_FACT_IDS }),
    ];
    // exits open below ("on or before") and exits not yet in force: their announcements decide
    const undecided = factsAt(await this.histories([...started.undecidedIds, ...announced]), time, jurisdictions);
    const undecidedInForce = undecided.filter((fact) => fact.status === 'in-force').length;
    const factsTotal = started.count + undecided.length;
    const exitsInForce = exits.count + undecidedInForce;
    for (let wanted = page.offset + page.limit; ; wanted *= 2) {
      const first = await this.reader.firstStartedIds(every, wanted);
      const listedIds = new Set([...first.factIds, ...started.undecidedIds, ...announced]);
      const histories = await this.histories([...new Set([...listedIds, ...figures, ...institutionFactIds])]);
      const folded = factsAt(histories, time, jurisdictions);
      const listed = folded.filter((fact) => listedIds.has(fact.factId));
      if (listed.length >= page.offset + page.limit || first.complete) {
        const state = stateFromFacts(folded, jurisdiction.code, time, jurisdictions, { page, partial: { listed, factsTotal, exitsInForce } });
        // an institution's status reads the facts of the place and its containers' prohibitions, as from all facts
        const here = new Set(inside);
        const above = new Set(ancestorsOf(jurisdiction.code));
        return { state, folded: folded.filter((fact) => here.has(fact.content.jurisdiction) ||
          (above.has(fact.content.jurisdiction) && fact.content.kind === 'BusinessLineProhibited')) };
      }
    }
  }

  private histories(factIds: readonly string[]): Promise<FactHistory[]> {
    return this.reader.factHistories({ jurisdictions: null, startedBy: null, recordedAt: null, factIds });
  }
}

/** Two sets of fact histories as one, in first-recorded order (the order the fold keeps). */
function mergeHistories(a: readonly FactHistory[], b: readonly FactHistory[]): FactHistory[] {
  if (b.length === 0) return [...a];
  const first = (history: FactHistory) => history.versions[0]?.position ?? history.retraction?.position ?? 0;
  return [...a, ...b].sort((x, y) => first(x) - first(y));
}

@QueryHandler(BansQuery)
export class BansHandler implements IQueryHandler<BansQuery> {
  constructor(@Inject(TIMELINE_READER) private readonly reader: TimelineReader) {}
  async execute({ time, jurisdiction, page }: BansQuery) {
    const places = jurisdiction ? withDescendants(jurisdiction.code) : null;
    const zone = jurisdiction?.zone ?? jurisdictions.get('CN').zone;
    const answer = latestKnowledge(time) && oneZone(places, zone)
      ? await this.fromIndexes(time, places, dayIn(time.asOf, zone), jurisdiction?.code, page)
      : bansInForce(await this.reader.factHistories({ jurisdictions: places, startedBy: dayIn(time.asOf, zone),
        recordedAt: time.recordedAt, recordedPosition: time.recordedPosition }), time, jurisdiction?.code, jurisdictions, page);
    return { asOf: time.asOf.toISO() as string, jurisdiction: jurisdiction?.code ?? null, ...answer };
  }

  /**
   * As the latest versions say: the total counted on the started-facts indexes, the window folded
   * from the first facts by latest effective day (more of them until the window is full).
   */
  private async fromIndexes(time: TimeQuery, places: string[] | null, day: string, code: string | undefined, page: ListPage): Promise<BansPage> {
    const filter = { jurisdictions: places, kinds: BAN_KINDS, day, announcedKind: 'InstitutionExitAnnounced' };
    const started = await this.reader.countStarted(filter);
    const undecided = await this.histories(started.undecidedIds);
    const total = started.count + bansInForceAmong(undecided, time, jurisdictions);
    for (let wanted = page.offset + page.limit; ; wanted *= 2) {
      const first = await this.reader.firstStartedIds(filter, wanted);
      const { enough, ...window } = bansWindow(await this.histories(first.factIds), time, total, code, jurisdictions, page);
      if (enough || first.complete) return window;
    }
  }

  private histories(factIds: readonly string[]): Promise<FactHistory[]> {
    return this.reader.factHistories({ jurisdictions: null, startedBy: null, recordedAt: null, factIds });
  }
}

/** The question is about what the log says now: no knownAt, no recordedAt. */
const latestKnowledge = (time: TimeQuery): boolean =>
  time.knownAt === null && time.recordedAt === null && (time.recordedPosition ?? null) === null;

/** Every place asked about reads its days in `zone` (null = every jurisdiction known). */
const oneZone = (places: readonly string[] | null, zone: string): boolean =>
  (places ?? jurisdictions.all.map((record) => record.code)).every((code) => jurisdictions.get(code).zone === zone);

@QueryHandler(DiffQuery)
export class DiffHandler implements IQueryHandler<DiffQuery> {
  constructor(@Inject(TIMELINE_READER) private readonly reader: TimelineReader) {}
  async execute({ from, to, jurisdiction }: DiffQuery) {
    const later = from.asOf > to.asOf ? from : to;
    const histories = await this.reader.factHistories({
      jurisdictions: jurisdiction ? withDescendants(jurisdiction.code) : null,
      startedBy: dayIn(later.asOf, jurisdiction?.zone ?? 'Asia/Shanghai'),
      recordedAt: null,
    });
    return { ...diff(histories, from, to, jurisdiction?.code), jurisdiction: jurisdiction?.code ?? null };
  }
}

@QueryHandler(JurisdictionTimelineQuery)
export class JurisdictionTimelineHandler implements IQueryHandler<JurisdictionTimelineQuery> {
  constructor(@Inject(TIMELINE_READER) private readonly reader: TimelineReader) {}
  async execute({ jurisdiction, from, to, time }: JurisdictionTimelineQuery) {
    const histories = await this.reader.factHistories({
      jurisdictions: withDescendants(jurisdiction.code), startedBy: to, endsFrom: from, recordedAt: time.recordedAt, recordedPosition: time.recordedPosition,
    });
    return { jurisdiction: { code: jurisdiction.code, name: jurisdiction.name }, facts: timelineOf(histories, time) };
  }
}

export const TIMELINE_QUERY_HANDLERS = [
  NationalStateHandler, JurisdictionStateHandler, BansHandler, DiffHandler, JurisdictionTimelineHandler,
];
