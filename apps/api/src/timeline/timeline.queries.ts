import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  bansInForce, diff, factsAt, jurisdictionStateAt, jurisdictions, nationalStateAt, type BanEntry, type FactDiff,
  type JurisdictionRecord, type JurisdictionState, type TimeQuery,
} from '../../../../libs/domain/src/index.js';
import { timelineOf, type TimelineEntry } from './fact-timeline.js';
import { dayIn } from './time-params.js';
import { institutionStatus } from './institution.queries.js';
import { TIMELINE_READER, type InstitutionRecord, type TimelineReader } from './timeline-reader.js';

type NationalState = ReturnType<typeof nationalStateAt>;

/** The jurisdiction and everything inside it (CN-GD: Guangdong, Guangzhou, Shenzhen). */
export const withDescendants = (code: string): string[] =>
  jurisdictions.all.filter((record) => jurisdictions.isWithin(record.code, code)).map((record) => record.code);

/** ... plus the jurisdictions containing it, whose prohibitions hold in it too. */
const withLineage = (code: string): string[] =>
  [...new Set([...withDescendants(code), ...jurisdictions.lineage(code).map((record) => record.code)])];

export class NationalStateQuery extends Query<NationalState> {
  constructor(readonly time: TimeQuery, readonly country: JurisdictionRecord) {
    super();
  }
}

export type JurisdictionStateWithInstitutions = JurisdictionState & {
  institutions: Array<InstitutionRecord & ReturnType<typeof institutionStatus>>;
};

export class JurisdictionStateQuery extends Query<JurisdictionStateWithInstitutions> {
  constructor(readonly time: TimeQuery, readonly jurisdiction: JurisdictionRecord) {
    super();
  }
}

export class BansQuery extends Query<{ asOf: string; jurisdiction: string | null; bans: BanEntry[] }> {
  constructor(readonly time: TimeQuery, readonly jurisdiction: JurisdictionRecord | null) {
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
    const histories = await this.reader.factHistories({ jurisdictions: null, startedBy: dayIn(time.asOf, country.zone), recordedAt: time.recordedAt, recordedPosition: time.recordedPosition });
    return nationalStateAt(histories, time, jurisdictions, { country: country.code });
  }
}

@QueryHandler(JurisdictionStateQuery)
export class JurisdictionStateHandler implements IQueryHandler<JurisdictionStateQuery> {
  constructor(@Inject(TIMELINE_READER) private readonly reader: TimelineReader) {}
  async execute({ time, jurisdiction }: JurisdictionStateQuery) {
    const histories = await this.reader.factHistories({
      jurisdictions: withLineage(jurisdiction.code), startedBy: dayIn(time.asOf, jurisdiction.zone), recordedAt: time.recordedAt, recordedPosition: time.recordedPosition,
    });
    const state = jurisdictionStateAt(histories, jurisdiction.code, time, jurisdictions);
    const folded = new Map(factsAt(histories, time, jurisdictions).map((fact) => [fact.factId, fact]));
    const located = await this.reader.institutionsIn(withDescendants(jurisdiction.code));
    const institutions = located.map(({ factIds, ...institution }) => ({
      ...institution, ...institutionStatus(factIds.flatMap((factId) => folded.get(factId) ?? [])),
    }));
    return { ...state, institutions };
  }
}

@QueryHandler(BansQuery)
export class BansHandler implements IQueryHandler<BansQuery> {
  constructor(@Inject(TIMELINE_READER) private readonly reader: TimelineReader) {}
  async execute({ time, jurisdiction }: BansQuery) {
    const histories = await this.reader.factHistories({
      jurisdictions: jurisdiction ? withDescendants(jurisdiction.code) : null,
      startedBy: dayIn(time.asOf, jurisdiction?.zone ?? 'Asia/Shanghai'),
      recordedAt: time.recordedAt, recordedPosition: time.recordedPosition,
    });
    return { asOf: time.asOf.toISO() as string, jurisdiction: jurisdiction?.code ?? null, bans: bansInForce(histories, time, jurisdiction?.code) };
  }
}

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
