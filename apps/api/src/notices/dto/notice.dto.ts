import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, IsUrl, MaxLength, ValidateNested } from 'class-validator';
import { LIMITS, type FactInput, type NoticeInput } from '../../../../../libs/domain/src/index.js';
import { FACT_DTOS } from './fact.dto.js';
import { IsFuzzyDate, IsJurisdiction } from './validators.js';

const factSchemas = { oneOf: Object.values(FACT_DTOS).map((dto) => ({ $ref: getSchemaPath(dto) })) };

export class SourceDto {
  @ApiProperty({ example: 'example.txt' }) @IsString() @IsNotEmpty() @MaxLength(LIMITS.shortText)
  document!: string;

  @ApiProperty({ example: 'Example News' }) @IsString() @IsNotEmpty() @MaxLength(LIMITS.shortText)
  publisher!: string;

  @ApiPropertyOptional({ example: 'https://example.org/n/1' })
  @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_protocol: true }) @MaxLength(LIMITS.url)
  url?: string;

  @ApiProperty({ description: 'verbatim passage of the document' }) @IsString() @IsNotEmpty() @MaxLength(LIMITS.quote)
  quote!: string;
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

  @ApiProperty({ type: SourceDto }) @ValidateNested() @Type(() => SourceDto)
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
}

export class RetractionRequestDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(LIMITS.shortText)
  factId!: string;

  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(LIMITS.text)
  reason!: string;
}
