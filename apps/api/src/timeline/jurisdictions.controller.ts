import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { jurisdictions, type JurisdictionRecord } from '../../../../libs/domain/src/index.js';
import { jurisdictionParam } from './time-params.js';

const present = (record: JurisdictionRecord) => ({
  code: record.code, name: record.name, nameZh: record.nameZh, level: record.level, parent: record.parent,
  gbCode: record.gbCode, kind: record.kind, zone: record.zone,
});

@ApiTags('jurisdictions')
@Controller('v1/jurisdictions')
export class JurisdictionsController {
  @Get()
  @ApiOperation({ summary: 'Every jurisdiction: country, provincial-level divisions, cities' })
  list() {
    return jurisdictions.all.map(present);
  }

  @Get(':code')
  @ApiOperation({ summary: 'One jurisdiction by code, GB/T 2260 code, English or Chinese name' })
  get(@Param('code') code: string) {
    const record = jurisdictionParam('code', code);
    return { ...present(record), children: jurisdictions.children(record.code).map((child) => child.code) };
  }
}
