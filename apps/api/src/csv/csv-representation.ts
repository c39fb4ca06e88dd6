import { applyDecorators, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiProduces, ApiQuery } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { RequestValidationError } from '../../../../libs/application/src/index.js';
import { csvTables, type CsvTableName } from './csv-tables.js';
import { PreparedAnswer } from '../timeline/prepared-answer.js';

/** Marks a route whose answer has a CSV form: the table of csv-tables.ts it is written as. */
export const CsvTable = Reflector.createDecorator<CsvTableName>();

/** A route with a CSV form: its table, and in OpenAPI both media types and the `format` parameter. */
export const CsvRepresentation = (table: CsvTableName) => applyDecorators(
  CsvTable(table),
  ApiProduces('application/json', 'text/csv'),
  ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'], description: 'csv: the answer as CSV (as `Accept: text/csv`), one row per item of its list' }),
);

export const CSV_TYPE = 'text/csv; charset=utf-8; header=present';
const CSV_TAG = '-csv"';

/** The q value (RFC 9110 12.4.2) an Accept header gives a media type by name, undefined when it does not name it. */
function qualityOf(accept: string, type: string): number | undefined {
  for (const range of accept.split(',')) {
    const [name, ...parameters] = range.split(';').map((part) => part.trim().toLowerCase());
    if (name !== type) continue;
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    const value = q === undefined ? 1 : Number(q.slice(2));
    return Number.isFinite(value) ? value : 0;
  }
  return undefined;
}

/**
 * Whether the request asks for CSV: `format=csv` (or `format=json` for JSON), else an Accept header
 * that names text/csv and prefers it to application/json. Any other format is a 400 naming it.
 */
export function wantsCsv(request: FastifyRequest): boolean {
  const format = (request.query as Record<string, unknown> | undefined)?.format;
  if (format !== undefined) {
    if (format === 'csv' || format === 'json') return format === 'csv';
    throw new RequestValidationError([{ field: 'format', message: `format must be json or csv, got ${JSON.stringify(format)}` }]);
  }
  const accept = request.headers.accept ?? '';
  const csv = qualityOf(accept, 'text/csv');
  const json = qualityOf(accept, 'application/json');
  return csv !== undefined && csv > 0 && (json === undefined || csv > json);
}

/** RFC 4180: a header row, every row in the columns' order, CRLF line ends, fields quoted when they need it; UTF-8. */
export function toCsv(table: CsvTableName, answer: Record<string, unknown>): string {
  const { rows, columns } = csvTables[table];
  const records = rows(answer).map((row) => columns.map((column) => column.value(row)));
  return stringify(records, {
    header: true, columns: columns.map((column) => column.header), record_delimiter: '\r\n', quote_record_delimiter: true,
    cast: { boolean: (value) => String(value) },
  });
}

/**
 * The CSV representation of an answer (`Accept: text/csv` or `format=csv`), listed first of a
 * controller's interceptors: the answer cache and the workers keep the JSON, and this writes it as
 * CSV on the way out. The entity tag of the CSV differs from the JSON's (`"...-csv"`); answers say
 * `Vary: Accept`. Paging is the JSON's: the rows are the page's, the `Link` header names the next.
 */
@Injectable()
export class CsvInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const table = this.reflector.get(CsvTable, context.getHandler());
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    if (!table) {
      // a route of these controllers with no CSV form (the diff) says so rather than answer JSON to format=csv
      if ((request.query as Record<string, unknown> | undefined)?.format === 'csv') {
        throw new RequestValidationError([{ field: 'format', message: 'this answer has no CSV form (state, bans, timelines and series have one)' }]);
      }
      return next.handle();
    }
    const reply = http.getResponse<FastifyReply>();
    void reply.header('vary', 'Accept');
    if (!wantsCsv(request)) return next.handle();
    // the answer cache compares the JSON's tag: a CSV tag is that tag marked, any other tag cannot match (`*` matches both)
    const ifNoneMatch = request.headers['if-none-match'];
    if (typeof ifNoneMatch === 'string' && ifNoneMatch.trim() !== '*') {
      const csvTags = ifNoneMatch.split(',').map((tag) => tag.trim()).filter((tag) => tag.endsWith(CSV_TAG))
        .map((tag) => `${tag.slice(0, -CSV_TAG.length)}"`);
      if (csvTags.length > 0) request.headers['if-none-match'] = csvTags.join(', ');
      else delete request.headers['if-none-match'];
    }
    return next.handle().pipe(map((answer: unknown) => {
      const etag = reply.getHeader('etag');
      if (typeof etag === 'string') void reply.header('etag', `${etag.slice(0, -1)}${CSV_TAG}`);
      if (answer === undefined || answer === null) return answer;
      const bytes = answer instanceof PreparedAnswer ? answer.body : answer;
      const json = Buffer.isBuffer(bytes) ? JSON.parse(bytes.toString('utf8')) : bytes;
      void reply.type(CSV_TYPE);
      if (csvTables[table].continues?.(json) === false) reply.removeHeader('link');
      return toCsv(table, json as Record<string, unknown>);
    }));
  }
}
