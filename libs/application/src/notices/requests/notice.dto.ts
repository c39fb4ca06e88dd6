import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, IsUrl, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import {
  LIMITS, SOURCE_KINDS, type CorroborationInput, type FactInput, type NoticeInput, type SourceInput, type SourceKind, type SourcePatch,
} from '../../../../domain/src/index.js';
import { FACT_DTOS } from './fact.dto.js';
import { IsFuzzyDate, IsJurisdiction } from './validators.js';

const factSchemas = { oneOf: Object.values(FACT_DTOS).map((dto) => ({ $ref: getSchemaPath(dto) })) };

const kindDescription = 'primary: the regulator\'s or outlet\'s own words (default); secondary: notes about other sources; ' +
  'summary: a summary service\'s words; translation: a translation of the original';
const citedOutletDescription = 'the outlet a secondary source, summary or translation cites (never shown as the author of the quote); ' +
  'not allowed for a primary source';

export class SourceDto implements SourceInput {
  @ApiProperty({ example: 'example.txt' }) @IsString() @IsNotEmpty() @MaxLength(LIMITS.shortText)
  document!: string;

  @ApiProperty({ example: 'Example News' }) @IsString() @IsNotEmpty() @MaxLength(LIMITS.shortText)
  publisher!: string;

  @ApiPropertyOptional({ example: 'https://example.org/n/1' })
  @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_protocol: true }) @MaxLength(LIMITS.url)
  url?: string;

  @ApiProperty({ description: 'verbatim passage of the document' }) @IsString() @IsNotEmpty() @MaxLength(LIMITS.quote)
  quote!: string;

  @ApiPropertyOptional({ enum: SOURCE_KINDS, description: kindDescription }) @IsOptional() @IsIn(SOURCE_KINDS)
  kind?: SourceKind;

  @ApiPropertyOptional({ example: 'Global Times', description: citedOutletDescription, nullable: true })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(LIMITS.shortText)
  citedOutlet?: string;
}

/** What a correction may restate of the fact's source. */
export class SourcePatchDto implements SourcePatch {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(LIMITS.shortText)
  publisher?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(LIMITS.shortText)
  authority?: string;

  @ApiPropertyOptional({ enum: SOURCE_KINDS, description: kindDescription }) @IsOptional() @IsIn(SOURCE_KINDS)
  kind?: SourceKind;

  @ApiPropertyOptional({ description: citedOutletDescription, nullable: true })
  @IsOptional() @ValidateIf((_, value) => value !== null) @IsString() @MaxLength(LIMITS.shortText)
  citedOutlet?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional() @ValidateIf((_, value) => value !== null) @IsUrl({ protocols: ['http', 'https'], require_protocol: true }) @MaxLength(LIMITS.url)
  url?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(LIMITS.text)
  title?: string;

  @ApiPropertyOptional({ example: '2020-06' }) @IsOptional() @IsFuzzyDate()
  published?: string;
}

@ApiExtraModels(...Object.values(FACT_DTOS))
export class NoticeRequestDto implements NoticeInput {
  @ApiProperty({ example: 'Example Provincial Local Financial Supervision Administration' })
  @IsString() @IsNotEmpty() @MaxLength(LIMITS.shortText)
  authority!: string;

  @ApiProperty({ example: 'CN-ZJ' }) @IsJurisdiction()
  jurisdiction!: string;

  @ApiProperty({ example: 'Example notice' }) @IsString() @IsNotEmpty() @MaxLength(LIMITS.text)
  title!: string;

  @ApiProperty({ example: '2021-03-02' }) @IsFuzzyDate()
  published!: string;

  @ApiProperty({ type: SourceDto }) @IsObject() @ValidateNested() @Type(() => SourceDto)
  source!: SourceDto;

  @ApiPropertyOptional({ example: 'en' }) @IsOptional() @IsString() @MaxLength(35)
  language?: string;

  /** validated per fact kind by the notice request pipe */
  @ApiProperty({ type: 'array', items: factSchemas }) @IsArray() @ArrayMaxSize(LIMITS.effects)
  effects!: FactInput[];
}

export class CorrectionRequestDto {
  @ApiProperty({ example: '0b6c…:1' }) @IsString() @IsNotEmpty() @MaxLength(LIMITS.shortText)
  factId!: string;

  @ApiProperty({ example: 'the source said 28, not 27' }) @IsString() @IsNotEmpty() @MaxLength(LIMITS.text)
  reason!: string;

  /** the fact as it should read; validated per fact kind */
  @ApiProperty(factSchemas)
  corrected!: FactInput;

  @ApiPropertyOptional({ type: SourcePatchDto, description: 'restates the fact\'s source (its kind, the outlet it cites, who wrote it...)' })
  @IsOptional() @ValidateNested() @Type(() => SourcePatchDto)
  source?: SourcePatchDto;
}

export class CorroborationRequestDto implements CorroborationInput {
  @ApiProperty({ example: '0b6c…:1', description: 'the fact another source reports' }) @IsString() @IsNotEmpty() @MaxLength(LIMITS.shortText)
  factId!: string;

  @ApiProperty({ type: SourceDto }) @IsObject() @ValidateNested() @Type(() => SourceDto)
  source!: SourceDto;

  @ApiProperty({ example: 'Hunan bans all P2P business' }) @IsString() @IsNotEmpty() @MaxLength(LIMITS.text)
  title!: string;

  @ApiProperty({ example: 'Hunan Provincial Local Financial Supervision Administration' })
  @IsString() @IsNotEmpty() @MaxLength(LIMITS.shortText)
  authority!: string;

  @ApiProperty({ example: '2019-10-16', description: 'when this source was published' }) @IsFuzzyDate()
  published!: string;

  @ApiPropertyOptional({ example: '2019-10-16', description: 'the date this source gives the fact; the fact\'s window becomes what all ' +
    'its sources allow (a date that cannot be the same event gets 422: record a fact of its own)' })
  @IsOptional() @IsFuzzyDate()
  effective?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(LIMITS.text)
  note?: string;
}

export class RetractionRequestDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(LIMITS.shortText)
  factId!: string;

  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(LIMITS.text)
  reason!: string;
}
