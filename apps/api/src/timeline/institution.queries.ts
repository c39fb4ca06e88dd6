import { Inject, NotFoundException } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { cursorOf, DEFAULT_PAGE, type ListPage, type TimeQuery } from '../../../../libs/domain/src/index.js';
import {
  AsOfAnswers, FULL_STATE, type InstitutionRecord, type InstitutionStateAsAnswered, type InstitutionTimelineAnswer, type StateParts,
} from '../../../../libs/read-model/src/index.js';
import { TIMELINE_READER, type TimelineReader } from './timeline-reader.js';

export { institutionStatus, type InstitutionState, type InstitutionStatus } from '../../../../libs/read-model/src/index.js';

/** A page of the institutions found, by name; `next` is the cursor of the page after it (null on the last). */
export interface InstitutionSearchPage {
  institutions: InstitutionRecord[];
  next: string | null;
}

export class SearchInstitutionsQuery extends Query<InstitutionSearchPage> {
  constructor(readonly text: string, readonly page: ListPage) {
    super();
  }
}

export class InstitutionStateQuery extends Query<InstitutionStateAsAnswered> {
  constructor(readonly id: string, readonly time: TimeQuery, readonly parts: StateParts = FULL_STATE) {
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
  async execute({ text, page }: SearchInstitutionsQuery): Promise<InstitutionSearchPage> {
    // one more than the page: whether a next page exists, without counting every match
    const found = await this.reader.searchInstitutions(text, { offset: page.offset, limit: page.limit + 1 });
    return {
      institutions: found.slice(0, page.limit),
      next: found.length > page.limit ? cursorOf('institutions', page.offset + page.limit) : null,
    };
  }
}

@QueryHandler(InstitutionStateQuery)
export class InstitutionStateHandler implements IQueryHandler<InstitutionStateQuery> {
  private readonly answers: AsOfAnswers;
  constructor(@Inject(TIMELINE_READER) reader: TimelineReader) {
    this.answers = new AsOfAnswers(reader);
  }
  async execute({ id, time, parts }: InstitutionStateQuery): Promise<InstitutionStateAsAnswered> {
    return found(await this.answers.institutionState(id, time, parts), id);
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
