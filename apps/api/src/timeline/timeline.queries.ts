import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, type AppConfig } from '../../../../libs/config/src/index.js';
import { DEFAULT_PAGE, type JurisdictionRecord, type ListPage, type TimeQuery } from '../../../../libs/domain/src/index.js';
import {
  AsOfAnswers, FULL_STATE, type BansAnswer, type DiffAnswer, type JurisdictionStateAsAnswered, type JurisdictionTimelineAnswer, type NationalStateAsAnswered,
  type StateParts,
} from '../../../../libs/read-model/src/index.js';
import { TIMELINE_READER, type TimelineReader } from './timeline-reader.js';

export { withDescendants, type JurisdictionStateWithInstitutions } from '../../../../libs/read-model/src/index.js';

/** `parts`: what the answer carries besides the state and counts (include=); everything unless asked */
export class NationalStateQuery extends Query<NationalStateAsAnswered> {
  constructor(
    readonly time: TimeQuery, readonly country: JurisdictionRecord, readonly parts: StateParts = FULL_STATE, readonly page: ListPage = DEFAULT_PAGE,
  ) {
    super();
  }
}

export class JurisdictionStateQuery extends Query<JurisdictionStateAsAnswered> {
  constructor(
    readonly time: TimeQuery, readonly jurisdiction: JurisdictionRecord, readonly page: ListPage = DEFAULT_PAGE, readonly parts: StateParts = FULL_STATE,
  ) {
    super();
  }
}

export class BansQuery extends Query<BansAnswer> {
  constructor(readonly time: TimeQuery, readonly jurisdiction: JurisdictionRecord | null, readonly page: ListPage = DEFAULT_PAGE) {
    super();
  }
}

export class DiffQuery extends Query<DiffAnswer> {
  constructor(readonly from: TimeQuery, readonly to: TimeQuery, readonly jurisdiction: JurisdictionRecord | null, readonly page: ListPage = DEFAULT_PAGE) {
    super();
  }
}

export class JurisdictionTimelineQuery extends Query<JurisdictionTimelineAnswer> {
  constructor(
    readonly jurisdiction: JurisdictionRecord, readonly from: string | null, readonly to: string | null, readonly time: TimeQuery,
    readonly page: ListPage = DEFAULT_PAGE,
  ) {
    super();
  }
}

/**
 * The handlers answer in the API's thread with libs/read-model's AsOfAnswers, the code the answer
 * workers run (a question about a place the projector is computing waits for it as a read-your-writes
 * read would, READ_YOUR_WRITES_TIMEOUT_MS at most, rather than fold).
 */
abstract class AsOfHandler {
  protected readonly answers: AsOfAnswers;
  constructor(@Inject(TIMELINE_READER) reader: TimelineReader, @Inject(APP_CONFIG) config: Pick<AppConfig, 'readYourWritesTimeoutMs'>) {
    this.answers = new AsOfAnswers(reader, { staleWaitMs: config.readYourWritesTimeoutMs });
  }
}

@QueryHandler(NationalStateQuery)
export class NationalStateHandler extends AsOfHandler implements IQueryHandler<NationalStateQuery> {
  execute({ time, country, parts, page }: NationalStateQuery) {
    return this.answers.nationalState(time, country, parts, page);
  }
}

@QueryHandler(JurisdictionStateQuery)
export class JurisdictionStateHandler extends AsOfHandler implements IQueryHandler<JurisdictionStateQuery> {
  execute({ time, jurisdiction, page, parts }: JurisdictionStateQuery) {
    return this.answers.jurisdictionState(time, jurisdiction, page, parts);
  }
}

@QueryHandler(BansQuery)
export class BansHandler extends AsOfHandler implements IQueryHandler<BansQuery> {
  execute({ time, jurisdiction, page }: BansQuery) {
    return this.answers.bans(time, jurisdiction, page);
  }
}

@QueryHandler(DiffQuery)
export class DiffHandler extends AsOfHandler implements IQueryHandler<DiffQuery> {
  execute({ from, to, jurisdiction, page }: DiffQuery) {
    return this.answers.diff(from, to, jurisdiction, page);
  }
}

@QueryHandler(JurisdictionTimelineQuery)
export class JurisdictionTimelineHandler extends AsOfHandler implements IQueryHandler<JurisdictionTimelineQuery> {
  execute({ jurisdiction, from, to, time, page }: JurisdictionTimelineQuery) {
    return this.answers.timeline(jurisdiction, from, to, time, page);
  }
}

export const TIMELINE_QUERY_HANDLERS = [
  NationalStateHandler, JurisdictionStateHandler, BansHandler, DiffHandler, JurisdictionTimelineHandler,
];
