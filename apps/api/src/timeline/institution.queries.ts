import { Inject, NotFoundException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  DEFAULT_PAGE, factEntryOf, factsAt, jurisdictions, type Certainty, type FactAt, type FactEntry, type FuzzyDate, type ListPage, type TimeQuery,
} from '../../../../libs/domain/src/index.js';
import { timelinePageOf, type TimelinePage } from './fact-timeline.js';
import { TIMELINE_READER, type InstitutionRecord, type TimelineReader } from './timeline-reader.js';

export type InstitutionStatus =
  | 'operating' | 'exit-announced' | 'exited' | 'banned' | 'closed' | 'revoked' | 'partnerships-halted' | 'unknown';

export interface InstitutionState {
  readonly institution: { id: string; name: string; aliases: readonly string[]; jurisdiction: string };
  readonly asOf: string;
  readonly status: InstitutionStatus;
  readonly certainty: Certainty | null;
  readonly since: FuzzyDate | null;
  readonly facts: readonly FactEntry[];
}

/** The strongest status first: an exit or a revocation outranks a ban, a ban outranks an announcement. */
const STATUS_OF: Array<[InstitutionStatus, (fact: FactAt) => boolean]> = [
  ['exited', (fact) => fact.content.kind === 'InstitutionExitAnnounced' && fact.status === 'in-force'],
  ['revoked', (fact) => fact.content.kind === 'InstitutionsRevoked'],
  ['closed', (fact) => fact.content.kind === 'InstitutionsClosed'],
  ['banned', (fact) => fact.content.kind === 'InstitutionsBanned'],
  ['exit-announced', (fact) => fact.content.kind === 'InstitutionExitAnnounced' && fact.status === 'exit-announced'],
  ['partnerships-halted', (fact) => fact.content.kind === 'PartnershipHalted'],
];

export function institutionStatus(facts: readonly FactAt[]): Pick<InstitutionState, 'status' | 'certainty' | 'since'> {
  for (const [status, matches] of STATUS_OF) {
    const found = facts.filter(matches).sort((a, b) => (a.certainty === b.certainty ? 0 : a.certainty === 'certain' ? -1 : 1));
    const best = found[0];
    if (best) return { status, certainty: best.certainty, since: best.content.effective };
  }
  return { status: facts.length > 0 ? 'operating' : 'unknown', certainty: null, since: null };
}

export class SearchInstitutionsQuery extends Query<InstitutionRecord[]> {
  constructor(readonly text: string, readonly limit: number) {
    super();
  }
}

export class InstitutionStateQuery extends Query<InstitutionState> {
  constructor(readonly id: string, readonly time: TimeQuery) {
    super();
  }
}

export class InstitutionTimelineQuery extends Query<TimelinePage & { institution: InstitutionRecord }> {
  constructor(readonly id: string, readonly time: TimeQuery, readonly page: ListPage = DEFAULT_PAGE) {
    super();
  }
}

async function institutionOrThrow(reader: TimelineReader, id: string): Promise<InstitutionRecord> {
  const institution = await reader.institution(id);
  if (!institution) throw new NotFoundException({ code: 'institution-not-found', message: `no institution ${id}` });
  return institution;
}

@QueryHandler(SearchInstitutionsQuery)
export class SearchInstitutionsHandler implements IQueryHandler<SearchInstitutionsQuery> {
  constructor(@Inject(TIMELINE_READER) private readonly reader: TimelineReader) {}
  execute({ text, limit }: SearchInstitutionsQuery) {
    return this.reader.searchInstitutions(text, limit);
  }
}

@QueryHandler(InstitutionStateQuery)
export class InstitutionStateHandler implements IQueryHandler<InstitutionStateQuery> {
  constructor(@Inject(TIMELINE_READER) private readonly reader: TimelineReader) {}
  async execute({ id, time }: InstitutionStateQuery): Promise<InstitutionState> {
    const institution = await institutionOrThrow(this.reader, id);
    const histories = await this.reader.factHistories({ jurisdictions: null, startedBy: null, recordedAt: time.recordedAt, recordedPosition: time.recordedPosition, institutionId: id });
    const facts = factsAt(histories, time, jurisdictions);
    return { institution, asOf: time.asOf.toISO() as string, ...institutionStatus(facts), facts: facts.map(factEntryOf) };
  }
}

@QueryHandler(InstitutionTimelineQuery)
export class InstitutionTimelineHandler implements IQueryHandler<InstitutionTimelineQuery> {
  constructor(@Inject(TIMELINE_READER) private readonly reader: TimelineReader) {}
  async execute({ id, time, page }: InstitutionTimelineQuery) {
    const institution = await institutionOrThrow(this.reader, id);
    const histories = await this.reader.factHistories({ jurisdictions: null, startedBy: null, recordedAt: time.recordedAt, recordedPosition: time.recordedPosition, institutionId: id });
    return { institution, ...timelinePageOf(histories, time, page) };
  }
}

export const INSTITUTION_QUERY_HANDLERS = [SearchInstitutionsHandler, InstitutionStateHandler, InstitutionTimelineHandler];
