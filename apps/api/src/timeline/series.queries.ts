import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DateTime } from 'luxon';
import type { JurisdictionRecord, SeriesMeasure, SeriesStep, TimeQuery } from '../../../../libs/domain/src/index.js';
import { AsOfAnswers, type SeriesAnswer } from '../../../../libs/read-model/src/index.js';
import { TIMELINE_READER, type TimelineReader } from './timeline-reader.js';

/** A measure of a place at the end of every step of a range (`time`: knownAt, recordedAt; asOf the last point). */
export class SeriesQuery extends Query<SeriesAnswer> {
  constructor(
    readonly jurisdiction: JurisdictionRecord, readonly measure: SeriesMeasure, readonly step: SeriesStep,
    readonly from: DateTime, readonly points: readonly DateTime[], readonly time: TimeQuery,
  ) {
    super();
  }
}

@QueryHandler(SeriesQuery)
export class SeriesHandler implements IQueryHandler<SeriesQuery> {
  private readonly answers: AsOfAnswers;
  constructor(@Inject(TIMELINE_READER) reader: TimelineReader) {
    this.answers = new AsOfAnswers(reader);
  }

  execute({ jurisdiction, measure, step, from, points, time }: SeriesQuery) {
    return this.answers.series(jurisdiction, measure, step, from, points, time);
  }
}
