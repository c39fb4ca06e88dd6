import { Controller, Get, Param, Query as QueryParam, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DateTime } from 'luxon';
import {
  MAX_SERIES_POINTS, ONLINE_LENDING, SERIES_COUNTS, SERIES_STEPS, seriesPoints, type SeriesMeasure, type SeriesStep,
} from '../../../../libs/domain/src/index.js';
import { RequestValidationError, type FieldProblem } from '../../../../libs/application/src/index.js';
import { CsvInterceptor, CsvRepresentation } from '../csv/csv-representation.js';
import { ComputedAnswers } from './answer-workers.js';
import { BoundedReadsInterceptor } from './bounded-reads.interceptor.js';
import { ReadModelPositionInterceptor } from './read-model-position.interceptor.js';
import { SeriesQuery } from './series.queries.js';
import { dayRange, jurisdictionParam, timeQueryOf } from './time-params.js';

export interface SeriesParams {
  from?: string;
  to?: string;
  step?: string;
  measure?: string;
  businessLine?: string;
  metric?: string;
  knownAt?: string;
  recordedAt?: string;
  minPosition?: string;
  format?: string;
}

const MEASURES = ['prohibition', ...SERIES_COUNTS, 'statistic'] as const;
const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

/** The measure asked for, or the problems of its parameters. */
function measureOf(params: SeriesParams, problems: FieldProblem[]): SeriesMeasure | null {
  const measure = params.measure ?? 'prohibition';
  if (!(MEASURES as readonly string[]).includes(measure)) {
    problems.push({ field: 'measure', message: `measure must be one of ${MEASURES.join(', ')}, got ${JSON.stringify(measure)}` });
    return null;
  }
  if (measure === 'prohibition') {
    const businessLine = params.businessLine ?? ONLINE_LENDING;
    if (SLUG.test(businessLine)) return { kind: 'prohibition', businessLine };
    problems.push({ field: 'businessLine', message: 'businessLine must be a business line slug such as online-lending' });
    return null;
  }
  if (measure === 'statistic') {
    if (params.metric !== undefined && SLUG.test(params.metric)) return { kind: 'statistic', metric: params.metric };
    problems.push({ field: 'metric', message: 'metric is required with measure=statistic: a statistic\'s metric slug such as operating-institutions' });
    return null;
  }
  return { kind: 'count', count: measure as (typeof SERIES_COUNTS)[number] };
}

@ApiTags('point in time')
@Controller('v1')
@UseInterceptors(CsvInterceptor, ReadModelPositionInterceptor, BoundedReadsInterceptor)
export class SeriesController {
  constructor(private readonly answers: ComputedAnswers) {}

  @Get('jurisdictions/:code/series')
  @CsvRepresentation('series')
  @ApiOperation({
    summary: 'A prohibition, a count or a statistic of a place at the end of every day, week, month, quarter or year of a range',
    description: 'One call for a range: the place\'s facts are folded at each step\'s end in its zone (the fold of the state answers). '
      + '`points` hold `{at, date, prohibition: {prohibited, certainty, since, factId}}`, `{at, date, count: {value, factIds, certainty, ...} | null}` '
      + `or \`{at, date, figures: [{factId, value, unit, ...}]}\`. At most ${MAX_SERIES_POINTS} points.`,
  })
  @ApiQuery({ name: 'from', required: true, description: 'the range\'s start: YYYY, YYYY-MM or YYYY-MM-DD (its first day)' })
  @ApiQuery({ name: 'to', required: true, description: 'the range\'s end: YYYY, YYYY-MM or YYYY-MM-DD (its last day)' })
  @ApiQuery({ name: 'step', required: false, enum: SERIES_STEPS, description: 'default month' })
  @ApiQuery({ name: 'measure', required: false, enum: MEASURES, description: 'default prohibition' })
  @ApiQuery({ name: 'businessLine', required: false, description: 'with measure=prohibition (default online-lending)' })
  @ApiQuery({ name: 'metric', required: false, description: 'with measure=statistic: the metric (operating-institutions, ...)' })
  @ApiQuery({ name: 'knownAt', required: false, description: 'only facts published by then (default no limit)' })
  @ApiQuery({ name: 'recordedAt', required: false, description: 'as the service would have answered then: an instant or position:N (default latest)' })
  async series(@Param('code') code: string, @QueryParam() params: SeriesParams) {
    const jurisdiction = jurisdictionParam('code', code);
    const zone = jurisdiction.zone;
    const problems: FieldProblem[] = [];
    for (const name of ['from', 'to'] as const) if (!params[name]) problems.push({ field: name, message: `${name} is required` });
    const step = (params.step ?? 'month') as SeriesStep;
    if (!SERIES_STEPS.includes(step)) problems.push({ field: 'step', message: `step must be one of ${SERIES_STEPS.join(', ')}, got ${JSON.stringify(params.step)}` });
    const measure = measureOf(params, problems);
    if (problems.length > 0 || !measure) throw new RequestValidationError(problems);
    const from = DateTime.fromISO(dayRange('from', params.from as string, zone).first, { zone }).startOf('day');
    const to = DateTime.fromISO(dayRange('to', params.to as string, zone).last, { zone }).endOf('day');
    if (to < from) throw new RequestValidationError([{ field: 'to', message: `to (${params.to}) is before from (${params.from})` }]);
    const points = seriesPoints(from, to, step, zone);
    if (!points) {
      throw new RequestValidationError([{ field: 'step', message: `from ${params.from} to ${params.to} by ${step} is more than ${MAX_SERIES_POINTS} points: take a longer step or a shorter range` }]);
    }
    const time = { ...timeQueryOf({ knownAt: params.knownAt, recordedAt: params.recordedAt }, zone), asOf: to };
    return this.answers.execute(new SeriesQuery(jurisdiction, measure, step, from, points, time));
  }
}
