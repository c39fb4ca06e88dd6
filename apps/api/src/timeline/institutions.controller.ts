import { Controller, Get, Param, Query as QueryParam, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DEFAULT_ZONE } from '../../../../libs/domain/src/index.js';
import { RequestValidationError } from '../../../../libs/application/src/index.js';
import { InstitutionStateQuery, InstitutionTimelineQuery, SearchInstitutionsQuery } from './institution.queries.js';
import { BoundedReadsInterceptor } from './bounded-reads.interceptor.js';
import { PageLinkInterceptor } from './page-link.js';
import { ReadModelPositionInterceptor } from './read-model-position.interceptor.js';
import { QuotePositionsInterceptor } from '../documents/quote-positions.js';
import { CsvInterceptor, CsvRepresentation } from '../csv/csv-representation.js';
import { pageOf, statePartsOf, timeQueryOf, type PageParams } from './time-params.js';

const PAGED = 'The body\'s `next` is the cursor of the next page (pass it as `after`; null on the last page), and a `Link` header (rel="next") names that page.';
const AFTER = 'the `next` cursor of the previous page (opaque; default the first page). `offset` is refused: use `after`';

@ApiTags('institutions')
@Controller('v1/institutions')
// the answer cache first: only questions it cannot answer take a turn at the read gate
// quote positions innermost: the answer cache keeps answers with their citations placed
@UseInterceptors(CsvInterceptor, ReadModelPositionInterceptor, BoundedReadsInterceptor, PageLinkInterceptor, QuotePositionsInterceptor)
export class InstitutionsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Find institutions by name or alias in any language ("micro-loan network", 微贷网)',
    description: '`institutions` is a page (`limit`, `after`) of the matches by name. ' + PAGED })
  @ApiQuery({ name: 'q', required: true })
  @ApiQuery({ name: 'limit', required: false, description: 'how many institutions to return (1-1000, default 100)' })
  @ApiQuery({ name: 'after', required: false, description: AFTER })
  search(@QueryParam() params: PageParams & { q?: string }) {
    const q = params.q?.trim();
    if (!q) throw new RequestValidationError([{ field: 'q', message: 'q is required: a name or alias' }]);
    return this.queryBus.execute(new SearchInstitutionsQuery(q, pageOf(params, 'institutions')));
  }

  @Get(':id/state')
  @ApiOperation({ summary: 'An institution on a date: operating, exit-announced, exited, banned, closed, revoked, ...',
    description: 'Lean by default: its status, certainty and since, and the ids of the facts naming it that hold (`factIds`); `include=facts` adds those facts, '
      + '`include=sources` their sources.' })
  @ApiQuery({ name: 'include', required: false,
    description: 'what to add to the lean answer, a comma list: `facts` (the facts naming the institution that hold), `sources` (their sources, with `facts`)' })
  async state(@Param('id') id: string, @QueryParam() params: { asOf?: string; knownAt?: string; recordedAt?: string; minPosition?: string; include?: string }) {
    const time = timeQueryOf(params, DEFAULT_ZONE);
    return this.queryBus.execute(new InstitutionStateQuery(id, time, statePartsOf(params.include)));
  }

  @Get(':id/timeline')
  @CsvRepresentation('timeline')
  @ApiOperation({ summary: 'Facts naming the institution in effective-date order, with corrections beside what they corrected',
    description: '`facts` is a page (`limit`, `after`) of the full timeline; `total` gives its size. The body\'s `next` is the cursor of the next page '
      + '(pass it as `after`; null on the last page), and a `Link` header (rel="next") names that page.' })
  @ApiQuery({ name: 'recordedAt', required: false })
  @ApiQuery({ name: 'limit', required: false, description: 'how many facts to return (1-1000, default 100)' })
  @ApiQuery({ name: 'after', required: false, description: AFTER })
  async timeline(
    @Param('id') id: string, @QueryParam() params: PageParams & { recordedAt?: string },
  ) {
    const page = pageOf(params, 'timeline');
    return this.queryBus.execute(new InstitutionTimelineQuery(id, timeQueryOf({ recordedAt: params.recordedAt }, DEFAULT_ZONE), page));
  }
}
