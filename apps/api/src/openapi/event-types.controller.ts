import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_TYPES, standalone } from './event-types.js';

/** GET /v1/event-types: the catalogue of what the log records and webhooks deliver, with the schema of each event's data. */
@ApiTags('log')
@Controller('v1/event-types')
export class EventTypesController {
  private readonly catalogue = {
    eventTypes: EVENT_TYPES.map((entry) => ({ ...entry, schema: standalone(entry.schema) })),
  };

  @Get()
  @ApiOperation({
    summary: 'Every event type: name with version, description, whether webhooks deliver it, and the JSON Schema of its data',
    description: 'The schemas are generated from the types the service records (the same as the OpenAPI document\'s `webhooks`).',
  })
  list() {
    return this.catalogue;
  }
}
