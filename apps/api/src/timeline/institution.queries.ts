import { Inject, NotFoundException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DEFAULT_PAGE, factEntryOf, factsAt, jurisdictions, type ListPage, type TimeQuery } from '../../../../libs/domain/src/index.js';
import { institutionStatus, type InstitutionState } from './institution-status.js';
import { timelinePageOf, type TimelinePage } from './fact-timeline.js';
import { TIMELINE_READER, type InstitutionRecord, type TimelineReader } from './timeline-reader.js';

export { institutionStatus, type InstitutionState, type InstitutionStatus } from './institution-status.js';

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
