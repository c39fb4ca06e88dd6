import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min,
  ValidateNested,
} from 'class-validator';
import {
  FACT_KINDS, LIMITS, SLUG_PATTERN, STATISTIC_QUALIFIERS, type BusinessLineProhibitedInput, type FactKind,
  type InstitutionExitAnnouncedInput, type InstitutionsBannedInput, type InstitutionsClosedInput,
  type InstitutionsRevokedInput, type NameRestrictionImposedInput, type PartnershipHaltedInput, type StatisticQualifier,
  type StatisticReportedInput,
} from '../../../../domain/src/index.js';
import { IsFuzzyDate, IsJurisdiction } from './validators.js';

const slugMessage = { message: '$property must be a lowercase slug such as "online-lending"' };

export class PartyDto {
  @ApiPropertyOptional({ description: 'stable id; derived from the name when absent' })
  @IsOptional() @IsString() @MaxLength(LIMITS.shortText)
  id?: string;

  @ApiProperty({ example: 'Weidai' }) @IsString() @IsNotEmpty() @MaxLength(LIMITS.shortText)
  name!: string;

  @ApiPropertyOptional({ type: [String], example: ['微贷网', 'micro-loan network'] })
  @IsOptional() @IsArray() @ArrayMaxSize(LIMITS.words) @IsString({ each: true }) @MaxLength(LIMITS.shortText, { each: true })
  aliases?: string[];
}

export class BatchDto {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(LIMITS.batchNumber)
  number!: number;

  @ApiProperty({ example: 3 }) @IsInt() @Min(1) @Max(LIMITS.batchNumber)
  of!: number;
}

/** Fields every fact has. */
export class FactDto {
  @ApiProperty({ enum: FACT_KINDS }) @IsIn(FACT_KINDS)
  type!: FactKind;

  @ApiProperty({ example: 'CN-NX', description: 'code, GB/T 2260 code, English or Chinese name' }) @IsJurisdiction()
  jurisdiction!: string;

  @ApiProperty({ example: '2020-06', description: 'YYYY, YYYY-MM, YYYY-MM-DD, or a window D/D (between, both inclusive). Every date needs a ' +
    'lower bound: "../YYYY-MM-DD" (on or before, no lower bound) is refused with 422 (give "2016-01-01/2020-06-30")' })
  @IsFuzzyDate()
  effective!: string;

  @ApiPropertyOptional({ description: 'verbatim words of the source supporting this fact' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(LIMITS.quote)
  quote?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LIMITS.text)
  note?: string;
}

class CountedFactDto extends FactDto {
  @ApiPropertyOptional({ description: 'absent when the source gives no number' }) @IsOptional() @IsInt() @Min(0)
  count?: number;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional() @IsArray() @ArrayMaxSize(LIMITS.names) @IsString({ each: true }) @IsNotEmpty({ each: true })
  @MaxLength(LIMITS.shortText, { each: true })
  names?: string[];

  @ApiPropertyOptional({ example: 'online-lending' }) @IsOptional() @IsString() @Matches(SLUG_PATTERN, slugMessage)
  businessLine?: string;

  @ApiPropertyOptional({ description: 'true when the count is a running total as of the effective date ("up to now, 147 have closed"): ' +
    'a figure, superseded by the next total of the place, never added to it. Absent: one more action, added up with the others' })
  @IsOptional() @IsBoolean()
  cumulative?: boolean;
}

export class BusinessLineProhibitedDto extends FactDto implements BusinessLineProhibitedInput {
  declare type: 'BusinessLineProhibited';
  @ApiProperty({ example: 'online-lending' }) @IsString() @Matches(SLUG_PATTERN, slugMessage)
  businessLine!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LIMITS.text)
  scope?: string;
}

export class InstitutionsBannedDto extends CountedFactDto implements InstitutionsBannedInput {
  declare type: 'InstitutionsBanned';
  @ApiPropertyOptional({ type: BatchDto }) @IsOptional() @ValidateNested() @Type(() => BatchDto)
  batch?: BatchDto;
}

export class InstitutionsClosedDto extends CountedFactDto implements InstitutionsClosedInput {
  declare type: 'InstitutionsClosed';
}

export class InstitutionsRevokedDto extends CountedFactDto implements InstitutionsRevokedInput {
  declare type: 'InstitutionsRevoked';
}

export class InstitutionExitAnnouncedDto extends FactDto implements InstitutionExitAnnouncedInput {
  declare type: 'InstitutionExitAnnounced';
  @ApiProperty({ type: PartyDto }) @ValidateNested() @Type(() => PartyDto)
  institution!: PartyDto;

  @ApiProperty({ example: '2020-05-31' }) @IsFuzzyDate()
  announced!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(SLUG_PATTERN, slugMessage)
  businessLine?: string;
}

export class StatisticReportedDto extends FactDto implements StatisticReportedInput {
  declare type: 'StatisticReported';
  @ApiProperty({ example: 'operating-institutions' }) @IsString() @Matches(SLUG_PATTERN, slugMessage)
  metric!: string;

  @ApiProperty({ example: 139 }) @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;

  @ApiProperty({ example: 'institutions' }) @IsString() @IsNotEmpty() @MaxLength(LIMITS.shortText)
  unit!: string;

  @ApiPropertyOptional({ enum: STATISTIC_QUALIFIERS }) @IsOptional() @IsIn(STATISTIC_QUALIFIERS)
  qualifier?: StatisticQualifier;

  @ApiPropertyOptional({ example: '2019-01' }) @IsOptional() @IsFuzzyDate()
  baseline?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(SLUG_PATTERN, slugMessage)
  businessLine?: string;

  @ApiPropertyOptional({ type: PartyDto, description: 'the institution the figure describes (a platform\'s loan balance); absent: the place itself' })
  @IsOptional() @ValidateNested() @Type(() => PartyDto)
  institution?: PartyDto;
}

export class NameRestrictionImposedDto extends FactDto implements NameRestrictionImposedInput {
  declare type: 'NameRestrictionImposed';
  @ApiProperty({ type: [String] })
  @IsArray() @ArrayMaxSize(LIMITS.words) @IsString({ each: true }) @IsNotEmpty({ each: true })
  forbiddenWords!: string[];

  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(LIMITS.text)
  appliesTo!: string;
}

export class PartnershipHaltedDto extends FactDto implements PartnershipHaltedInput {
  declare type: 'PartnershipHalted';
  @ApiProperty({ type: PartyDto }) @ValidateNested() @Type(() => PartyDto)
  bank!: PartyDto;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional() @IsArray() @ArrayMaxSize(LIMITS.names) @IsString({ each: true }) @IsNotEmpty({ each: true })
  partners?: string[];

  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0)
  partnerCount?: number;

  @ApiProperty({ example: 'internet-lending-assistance' }) @IsString() @Matches(SLUG_PATTERN, slugMessage)
  businessLine!: string;
}

/** The DTO class of each fact kind; a unit test checks their fields against the domain catalogue. */
export const FACT_DTOS: { [K in FactKind]: new () => FactDto } = {
  BusinessLineProhibited: BusinessLineProhibitedDto,
  InstitutionsBanned: InstitutionsBannedDto,
  InstitutionsClosed: InstitutionsClosedDto,
  InstitutionsRevoked: InstitutionsRevokedDto,
  InstitutionExitAnnounced: InstitutionExitAnnouncedDto,
  StatisticReported: StatisticReportedDto,
  NameRestrictionImposed: NameRestrictionImposedDto,
  PartnershipHalted: PartnershipHaltedDto,
};
