import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  BAN_KINDS, bansInForce, diff, factsAt, jurisdictions, nationalStateAt, stateFromFacts, DEFAULT_PAGE,
  type BansPage, type FactDiff,
  type FactHistory, type JurisdictionRecord, type JurisdictionState, type ListPage, type TimeQuery,
} from '../../../../libs/domain/src/index.js';
import { timelinePageOf, type TimelinePage } from './fact-timeline.js';
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
  constructor(readonly from: TimeQuery, readonly to: TimeQuery, readonly jurisdiction: JurisdictionRecord | null, readonly page: ListPage = DEFAULT_PAGE) {
    super();
  }
}

export class JurisdictionTimelineQuery extends Query<TimelinePage & { jurisdiction: { code: string; name: string } }> {
  constructor(
    readonly jurisdiction: JurisdictionRecord, readonly from: string | null, readonly to: string | null, readonly time: TimeQuery,
    readonly page: ListPage = DEFAULT_PAGE,
  ) {
    super();
  }
}

@QueryHandler(NationalStateQuery)
export class NationalStateHandler implements IQueryHandler<NationalStateQuery> {
  constructor(@Inject(TIMELINE_READER) private readonly reader: TimelineReader) {}
  async execute({ time, country }: NationalStateQuery) {
    const histories = await this.reader.factHistories({ jurisdictions: null, startedBy: dayIn(time.asOf, country.zone), recordedAt: time.recordedAt, recordedPosition: time.recordedPosition });
    return nationalStateAt(histories, time, jurisdictions, { country: country.code });
  }
}

/**
 * Every answer is the domain's fold (libs/domain: the truth model) over the facts of the places
 * asked about that may have started by the query's day: the read models choose the candidates by
 * index, the fold decides what holds. Supersession of figures, corroborating sources and disputes
 * need a series' figures side by side, so no answer is cut from index counts alone (issue 17
 * projects point-in-time state for the latest-knowledge questions).
 */
@QueryHandler(JurisdictionStateQuery)
export class JurisdictionStateHandler implements IQueryHandler<JurisdictionStateQuery> {
  constructor(@Inject(TIMELINE_READER) private readonly reader: TimelineReader) {}
  async execute({ time, jurisdiction, page }: JurisdictionStateQuery): Promise<JurisdictionStateWithInstitutions> {
    const inside = withDescendants(jurisdiction.code);
    const located = await this.reader.institutionsIn(inside, page);
    const cut = { recordedAt: time.recordedAt, recordedPosition: time.recordedPosition };
    const startedBy = dayIn(time.asOf, jurisdiction.zone);
    const [here, above] = await Promise.all([
      this.reader.factHistories({ jurisdictions: inside, startedBy, ...cut }),
      this.reader.factHistories({ jurisdictions: ancestorsOf(jurisdiction.code), kinds: ['BusinessLineProhibited'], startedBy, ...cut }),
    ]);
    const folded = factsAt(mergeHistories(here, above), time, jurisdictions);
    const state = stateFromFacts(folded, jurisdiction.code, time, jurisdictions, { page });
    const byId = new Map(folded.map((fact) => [fact.factId, fact]));
    const institutions = located.institutions.map(({ factIds, ...institution }) => ({
      ...institution, ...institutionStatus(factIds.flatMap((factId) => byId.get(factId) ?? [])),
    }));
    return { ...state, institutions, institutionsTotal: located.total };
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
    const histories = await this.reader.factHistories({ jurisdictions: places, kinds: BAN_KINDS, startedBy: dayIn(time.asOf, zone),
      recordedAt: time.recordedAt, recordedPosition: time.recordedPosition });
    return { asOf: time.asOf.toISO() as string, jurisdiction: jurisdiction?.code ?? null,
      ...bansInForce(histories, time, jurisdiction?.code, jurisdictions, page) };
  }
}

@QueryHandler(DiffQuery)
export class DiffHandler implements IQueryHandler<DiffQuery> {
  constructor(@Inject(TIMELINE_READER) private readonly reader: TimelineReader) {}
  async execute({ from, to, jurisdiction, page }: DiffQuery) {
    const later = from.asOf > to.asOf ? from : to;
    const histories = await this.reader.factHistories({
      jurisdictions: jurisdiction ? withDescendants(jurisdiction.code) : null,
      startedBy: dayIn(later.asOf, jurisdiction?.zone ?? 'Asia/Shanghai'),
      recordedAt: null,
    });
    return { ...diff(histories, from, to, jurisdiction?.code, jurisdictions, page), jurisdiction: jurisdiction?.code ?? null };
  }
}

@QueryHandler(JurisdictionTimelineQuery)
export class JurisdictionTimelineHandler implements IQueryHandler<JurisdictionTimelineQuery> {
  constructor(@Inject(TIMELINE_READER) private readonly reader: TimelineReader) {}
  async execute({ jurisdiction, from, to, time, page }: JurisdictionTimelineQuery) {
    const histories = await this.reader.factHistories({
      jurisdictions: withDescendants(jurisdiction.code), startedBy: to, endsFrom: from, recordedAt: time.recordedAt, recordedPosition: time.recordedPosition,
    });
    return { jurisdiction: { code: jurisdiction.code, name: jurisdiction.name }, ...timelinePageOf(histories, time, page) };
  }
}

export const TIMELINE_QUERY_HANDLERS = [
  NationalStateHandler, JurisdictionStateHandler, BansHandler, DiffHandler, JurisdictionTimelineHandler,
];
