import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { DOCUMENT_LIMITS, SOURCE_KINDS, type DocumentInput, type SourceKind } from '../../../domain/src/index.js';

/** POST /v1/documents: a source document's text, registered under the id sources cite in `source.document`. */
export class DocumentRequestDto implements DocumentInput {
  @ApiProperty({ example: '004_ba8a3840d4a23d3b.txt', description: 'the id sources cite in `source.document` (may hold "/", e.g. research/timeline-facts.md)' })
  @IsString() @IsNotEmpty() @MaxLength(DOCUMENT_LIMITS.id)
  document!: string;

  @ApiProperty({ example: 'Bank pull-back from internet lending assistance (Reportify summary of Xin Jing Bao)' })
  @IsString() @IsNotEmpty() @MaxLength(DOCUMENT_LIMITS.title)
  title!: string;

  @ApiProperty({ description: 'the full text as published (UTF-8); kept byte for byte: quote positions index into it' })
  @IsString() @IsNotEmpty() @MaxLength(DOCUMENT_LIMITS.text)
  text!: string;

  @ApiPropertyOptional({ type: String, example: 'en', nullable: true, description: 'BCP 47 language tag of the text' })
  @IsOptional() @ValidateIf((_, value) => value !== null) @IsString() @MaxLength(DOCUMENT_LIMITS.language)
  language?: string | null;

  @ApiPropertyOptional({ type: String, enum: SOURCE_KINDS, nullable: true, description: 'what the document is (truth rule 6)' })
  @IsOptional() @ValidateIf((_, value) => value !== null) @IsIn(SOURCE_KINDS)
  kind?: SourceKind | null;

  @ApiPropertyOptional({ description: 'the SHA-256 you computed (hex of the UTF-8 bytes); checked against the text when given' })
  @IsOptional() @IsString() @Matches(/^[0-9a-fA-F]{64}$/, { message: 'sha256 must be 64 hexadecimal digits' })
  sha256?: string;
}
