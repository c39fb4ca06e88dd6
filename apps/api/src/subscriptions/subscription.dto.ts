import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_IN_FLIGHT_PER_SUBSCRIPTION } from '../../../../libs/webhooks/src/index.js';

const MAX_IN_FLIGHT_DOC = {
  example: 1,
  description: `1 (default): one delivery at a time, in log order. 2-${MAX_IN_FLIGHT_PER_SUBSCRIPTION}: up to that many at once, in no particular order `
    + '(a failed one is retried later while the next ones go); order by data.position if you need it',
};

export class CreateSubscriptionDto {
  @ApiProperty({ example: 'https://example.org/hooks/timeline', description: 'https (http only with WEBHOOK_ALLOW_PRIVATE=true); public addresses only' })
  @IsString() @IsNotEmpty() @MaxLength(2000)
  url!: string;

  @ApiPropertyOptional({ example: ['InstitutionsBanned.v1'], description: 'event types (a name without .v1 means every version); none = all' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true })
  eventTypes?: string[];

  @ApiPropertyOptional({ example: ['CN-GD'], description: 'jurisdictions, each with its children (CN-GD includes Guangzhou); none = all' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true })
  jurisdictions?: string[];

  @ApiPropertyOptional({ example: 'compliance system' }) @IsOptional() @IsString() @MaxLength(500)
  description?: string;

  @ApiPropertyOptional(MAX_IN_FLIGHT_DOC)
  @IsOptional() @IsInt() @Min(1) @Max(MAX_IN_FLIGHT_PER_SUBSCRIPTION)
  maxInFlight?: number;
}

export class UpdateSubscriptionDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional() @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true })
  eventTypes?: string[];

  @ApiPropertyOptional() @IsOptional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true })
  jurisdictions?: string[];

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500)
  description?: string;

  @ApiPropertyOptional(MAX_IN_FLIGHT_DOC)
  @IsOptional() @IsInt() @Min(1) @Max(MAX_IN_FLIGHT_PER_SUBSCRIPTION)
  maxInFlight?: number;

  @ApiPropertyOptional({ enum: ['active', 'paused'], description: 'paused: deliveries queue up; active: resume (also a disabled subscription)' })
  @IsOptional() @IsIn(['active', 'paused'])
  status?: 'active' | 'paused';
}

export class ReplayDto {
  @ApiPropertyOptional({ example: '1', description: 'log position to re-send from (inclusive)' })
  @IsOptional() @IsString() @Matches(/^\d+$/, { message: 'fromPosition must be a log position (digits)' })
  fromPosition?: string;

  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z', description: 're-send what was recorded at or after this time' })
  @IsOptional() @IsISO8601({ strict: true })
  since?: string;
}
