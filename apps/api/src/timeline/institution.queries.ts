import { Inject, NotFoundException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DEFAULT_PAGE, type ListPage, type TimeQuery } from '../../../../libs/domain/src/index.js';
import {
  AsOfAnswers, type InstitutionRecord, type InstitutionState, type InstitutionTimelineAnswer,
} from '../../../../libs/read-model/src/index.js';
import { TIMELINE_READER, type TimelineReader } from './timeline-reader.js';

export { institutionStatus, type InstitutionState, type InstitutionStatus } from '../../../../libs/read-model/src/index.js';

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

export class InstitutionTimelineQuery extends Query<InstitutionTimelineAnswer> {
  constructor(readonly id: string, readonly time: TimeQuery, readonly page: ListPage = DEFAULT_PAGE) {
    super();
  }
}

function found<T>(answer: T | null, id: string): T {
  if (answer === null) throw new NotFoundException({ code: 'institution-not-found', message: `no institution ${id}` });
  return answer;
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
  private readonly answers: AsOfAnswers;
  constructor(@Inject(TIMELINE_READER) reader: TimelineReader) {
    this.answers = new AsOfAnswers(reader);
  }
  async execute({ id, time }: InstitutionStateQuery): Promise<InstitutionState> {
    return found(await this.answers.institutionState(id, time), id);
  }
}

@QueryHandler(InstitutionTimelineQuery)
export class InstitutionTimelineHandler implements IQueryHandler<InstitutionTimelineQuery> {
  private readonly answers: AsOfAnswers;
  constructor(@Inject(TIMELINE_READER) reader: TimelineReader) {
    this.answers = new AsOfAnswers(reader);
  }
  async execute({ id, time, page }: InstitutionTimelineQuery): Promise<InstitutionTimelineAnswer> {
    return found(await this.answers.institutionTimeline(id, time, page), id);
  }
}

export const INSTITUTION_QUERY_HANDLERS = [SearchInstitutionsHandler, InstitutionStateHandler, InstitutionTimelineHandler];
