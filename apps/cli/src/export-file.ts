import { createReadStream, existsSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fromExportLine, InvalidExportLineError, type AuditedEvent } from '../../../libs/audit/src/index.js';
import { usage } from './failure.js';

/** An NDJSON export must exist and be a file: said in one line otherwise (exit 2). */
export function existingExport(file: string): string {
  if (!existsSync(file)) throw usage(`export file ${file} does not exist`);
  if (!statSync(file).isFile()) throw usage(`${file} is not an export file (a directory? use --data-dir)`);
  return file;
}

/** The events of an NDJSON export (regtl export, GET /v1/events.ndjson), line by line; a malformed line is a usage error naming it. */
export async function* exportedEvents(file: string): AsyncGenerator<AuditedEvent & { readonly recordedAt: string }> {
  let lineNumber = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    try {
      yield fromExportLine(line, lineNumber);
    } catch (error) {
      if (error instanceof InvalidExportLineError) throw usage(`${file} ${error.message}: not an export (regtl export, GET /v1/events.ndjson)`);
      throw error;
    }
  }
}
