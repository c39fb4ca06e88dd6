import { Controller, Get, Param, Query as QueryParam, Req, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { jurisdictions } from '../../../../libs/domain/src/index.js';
import { RequestValidationError } from '../../../../libs/application/src/index.js';
import { ComputedAnswers } from './answer-workers.js';
import { BoundedReadsInterceptor } from './bounded-reads.interceptor.js';
import { PageLinkInterceptor } from './page-link.js';
import { ReadModelPositionInterceptor } from './read-model-position.interceptor.js';
import { QuotePositionsInterceptor } from '../documents/quote-positions.js';
import { CsvInterceptor, CsvRepresentation, wantsCsv } from '../csv/csv-representation.js';
import { FULL_STATE } from '../../../../libs/read-model/src/index.js';
import { dayRange, instantOf, jurisdictionParam, pageOf, statePartsOf, timeQueryOf, type PageParams } from './time-params.js';
import { BansQuery, DiffQuery, JurisdictionStateQuery, JurisdictionTimelineQuery, NationalStateQuery } from './timeline.queries.js';

const TIME_DOC = 'YYYY, YYYY-MM, YYYY-MM-DD or an ISO timestamp with offset; a period means its end in the jurisdiction\'s zone';
const timeQueries = [
  ApiQuery({ name: 'asOf', required: false, description: `effective time (default now). ${TIME_DOC}` }),
  ApiQuery({ name: 'knownAt', required: false, description: `only facts published by then (default no limit). ${TIME_DOC}` }),
  ApiQuery({ name: 'recordedAt', required: false, description: `answer as the service would have then (default latest). ${TIME_DOC}` }),
  ApiQuery({ name: 'minPosition', required: false, description: 'read-your-writes: wait until the read models include this log position' }),
];
const pageQueries = [
  ApiQuery({ name: 'limit', required: false, description: 'how many items of each long list to return (1-1000, default 100)' }),
  ApiQuery({ name: 'after', required: false, description: 'the `next` cursor of the previous page (opaque; default the first page). `offset` is refused: use `after`' }),
];
const includeQuery = ApiQuery({ name: 'include', required: false,
  description: 'what to add to the lean answer (the state, the counts with their fact ids and the page of statistics), a comma list: `facts` (the page of the facts in force), `sources` (the sources of the facts and statistics), `institutions` (a jurisdiction\'s state: the page of the institutions located there, each with its status)' });
const PAGED = 'The body\'s `next` is the cursor of the next page (pass it as `after`; null on the last page), and a `Link` header (rel="next") names that page.';
const applyAll = (decorators: MethodDecorator[]): MethodDecorator => (target, key, descriptor) => {
  for (const decorator of decorators) decorator(target, key, descriptor);
};

interface TimeQueryString {
  asOf?: string;
  knownAt?: string;
  recordedAt?: string;
  minPosition?: string;
}

/** The form a worker gives the answer in: its bytes for a JSON answer, the object for a CSV (CsvInterceptor writes it from the object). */
const formOf = (request: FastifyRequest): 'json' | 'object' => (wantsCsv(request) ? 'object' : 'json');

@ApiTags('point in time')
@Controller('v1')
// the answer cache first: only questions it cannot answer take a turn at the read gate
// quote positions innermost: the answer cache keeps answers with their citations placed, and their Link header
// the CSV form outermost: it writes the answer the cache keeps (JSON) as CSV on the way out
@UseInterceptors(CsvInterceptor, ReadModelPositionInterceptor, BoundedReadsInterceptor, PageLinkInterceptor, QuotePositionsInterceptor)
export class TimelineController {
  constructor(private readonly answers: ComputedAnswers) {}

  @Get('state')
  @CsvRepresentation('national-state')
  @ApiOperation({ summary: 'The nation on a date: prohibited jurisdictions, every jurisdiction\'s state, national counts and statistics',
    description: `\`prohibitedByBusinessLine\` and the national counts cover every place; \`jurisdictions\` (every province, then the cities with something in force) and \`national.statistics\` are pages (\`limit\`, \`after\`) of their full lists, the provinces on the first page; \`jurisdictionsTotal\` and \`national.statisticsTotal\` give the full sizes. ${PAGED}` })
  @applyAll([...timeQueries, ...pageQueries, includeQuery])
  async national(@QueryParam() params: TimeQueryString & PageParams & { include?: string }, @Req() request: FastifyRequest) {
    const country = jurisdictions.get('CN');
    const time = timeQueryOf(params, country.zone);
    return this.answers.answer(new NationalStateQuery(time, country, statePartsOf(params.include), pageOf(params, 'state')), formOf(request));
  }

  @Get('jurisdictions/:code/state')
  @CsvRepresentation('jurisdiction-state')
  @ApiOperation({ summary: 'A province or city on a date: prohibition and its certainty, counts with their facts, facts with sources',
    description: `Lean by default: the state, the counts with their fact ids and the page of statistics; \`include=facts\` adds the page of the facts in force, \`include=sources\` their sources and the statistics' sources, \`include=institutions\` the page of the institutions located there with their statuses. `
      + `\`facts\`, \`statistics\` and \`institutions\` are pages (\`limit\`, \`after\`) of their full lists; \`factsTotal\`, \`statisticsTotal\` and \`institutionsTotal\` give the full sizes. ${PAGED}` })
  @applyAll([...timeQueries, ...pageQueries, includeQuery])
  async jurisdictionState(
    @Param('code') code: string, @QueryParam() params: TimeQueryString & PageParams & { include?: string }, @Req() request: FastifyRequest,
  ) {
    const jurisdiction = jurisdictionParam('code', code);
    const time = timeQueryOf(params, jurisdiction.zone);
    // the CSV's rows are the facts in force with their sources, whatever include says
    const parts = wantsCsv(request) ? FULL_STATE : statePartsOf(params.include);
    return this.answers.answer(new JurisdictionStateQuery(time, jurisdiction, pageOf(params, 'state'), parts), formOf(request));
  }

  @Get('bans')
  @CsvRepresentation('bans')
  @ApiOperation({ summary: 'Every ban in force on a date (prohibitions, banned batches, closures, revocations, exits, halted partnerships)',
    description: `\`bans\` is a page (\`limit\`, \`after\`) of the full list, oldest effective date first; \`total\` gives its size. ${PAGED}` })
  @ApiQuery({ name: 'jurisdiction', required: false, description: 'includes the jurisdictions inside it (CN-GD includes Guangzhou)' })
  @applyAll([...timeQueries, ...pageQueries])
  async bans(@QueryParam() params: TimeQueryString & PageParams & { jurisdiction?: string }, @Req() request: FastifyRequest) {
    const jurisdiction = params.jurisdiction ? jurisdictionParam('jurisdiction', params.jurisdiction) : null;
    const time = timeQueryOf(params, jurisdiction?.zone ?? jurisdictions.get('CN').zone);
    return this.answers.answer(new BansQuery(time, jurisdiction, pageOf(params, 'bans')), formOf(request));
  }

  @Get('diff')
  @ApiOperation({ summary: 'What came into force and what ended between two dates',
    description: '`started` and `ended` are pages (`limit`, `after`, the same for both) of their full lists, oldest effective date first; '
      + `\`startedTotal\` and \`endedTotal\` give their sizes. ${PAGED} (while either list goes on)` })
  @ApiQuery({ name: 'from', required: true })
  @ApiQuery({ name: 'to', required: true })
  @ApiQuery({ name: 'jurisdiction', required: false })
  @applyAll(pageQueries)
  async diff(
    @QueryParam() params: PageParams & { from?: string; to?: string; jurisdiction?: string; knownAt?: string; recordedAt?: string },
  ) {
    const missing = (['from', 'to'] as const).filter((name) => !params[name]);
    if (missing.length > 0) throw new RequestValidationError(missing.map((field) => ({ field, message: `${field} is required` })));
    const page = pageOf(params, 'diff');
    const jurisdiction = params.jurisdiction ? jurisdictionParam('jurisdiction', params.jurisdiction) : null;
    const zone = jurisdiction?.zone ?? jurisdictions.get('CN').zone;
    const base = timeQueryOf({ knownAt: params.knownAt, recordedAt: params.recordedAt }, zone);
    const from = { ...base, asOf: instantOf('from', params.from as string, zone) };
    const to = { ...base, asOf: instantOf('to', params.to as string, zone) };
    // no CSV form (CsvInterceptor refuses format=csv): always the JSON, written by a worker when there are some
    return this.answers.answer(new DiffQuery(from, to, jurisdiction, page), 'json');
  }

  @Get('jurisdictions/:code/timeline')
  @CsvRepresentation('timeline')
  @ApiOperation({ summary: 'Facts in effective-date order with sources; corrections and retractions beside what they changed',
    description: `\`facts\` is a page (\`limit\`, \`after\`) of the full timeline; \`total\` gives its size. ${PAGED}` })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'recordedAt', required: false })
  @applyAll(pageQueries)
  async timeline(
    @Param('code') code: string, @QueryParam() params: PageParams & { from?: string; to?: string; recordedAt?: string }, @Req() request: FastifyRequest,
  ) {
    const jurisdiction = jurisdictionParam('code', code);
    const page = pageOf(params, 'timeline');
    const zone = jurisdiction.zone;
    const from = params.from ? dayRange('from', params.from, zone).first : null;
    const to = params.to ? dayRange('to', params.to, zone).last : null;
    const time = timeQueryOf({ recordedAt: params.recordedAt }, zone);
    return this.answers.answer(new JurisdictionTimelineQuery(jurisdiction, from, to, time, page), formOf(request));
  }
}
