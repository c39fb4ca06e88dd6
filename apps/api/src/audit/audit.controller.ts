import { Controller, Get, Inject, Query as QueryParam } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { comparePositions, parsePosition, type EventStore } from '../../../../libs/event-store/src/index.js';
import { RequireRole } from '../auth/roles.guard.js';
import { RequestValidationError } from '../../../../libs/application/src/index.js';
import { EVENT_STORE } from '../store/store.tokens.js';
import { digestStore, verifyStore } from '../../../../libs/audit/src/index.js';

@ApiTags('audit')
@Controller('v1/audit')
export class AuditController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('verify')
  @RequireRole('auditor')
  @ApiOperation({ summary: 'Walks the whole log, recomputes every hash: ok, or the first altered, missing, inserted or reordered event' })
  verify() {
    return verifyStore(this.store);
  }

  @Get('digest')
  @RequireRole('auditor')
  @ApiOperation({ summary: 'Merkle root of the log up to a position: save it, and `npm run audit:verify -- --digest` proves that part unchanged' })
  @ApiQuery({ name: 'position', required: false, description: 'log position to cut at (default: the head)' })
  async digest(@QueryParam('position') position?: string) {
    const head = await this.store.headPosition();
    if (position === undefined || position === '') return digestStore(this.store, head);
    const cut = parsePosition(position);
    if (!cut) throw new RequestValidationError([{ field: 'position', message: 'position must be a log position, e.g. 42' }]);
    if (!head || comparePositions(cut, head) > 0) {
      throw new RequestValidationError([{ field: 'position', message: `position ${position} is beyond the head of the log` }]);
    }
    return digestStore(this.store, cut);
  }
}
