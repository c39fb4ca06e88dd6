import { createWriteStream, existsSync, readFileSync, statSync } from 'node:fs';
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import {
  checkDigest, digestLog, digestStore, InvalidDigestError, parseSavedDigest, toExportLine, verifyLog, verifyStore,
  type DigestCheck, type ExportLine, type VerifyReport,
} from '../../../../libs/audit/src/index.js';
import { openExistingLog } from '../data-dir.js';
import { existingExport, exportedEvents } from '../export-file.js';
import { CliFailure, EXIT, usage } from '../failure.js';
import { progressTo } from '../progress.js';
import { answerOf, clientOf, printJson } from '../service.js';

const CSV_COLUMNS = ['position', 'eventId', 'stream', 'revision', 'type', 'recordedAt', 'data', 'metadata'] as const;

/** One CSV record of an export line: data and metadata as JSON text (RFC 4180 quoting by csv-stringify). */
const csvRecord = (line: ExportLine) => ({ ...line, data: JSON.stringify(line.data), metadata: JSON.stringify(line.metadata) });

const describe = (report: VerifyReport): string =>
  report.ok
    ? `ok: ${report.eventCount} events in ${report.streamCount} streams, every hash and link holds` +
      (report.unchainedCount > 0 ? ` (${report.unchainedCount} events predate the chain: unchained, not verifiable)` : '')
    : `BROKEN (${report.broken!.kind}) at position ${report.broken!.position}, ${report.broken!.stream} revision ${report.broken!.revision}: ${report.broken!.message}`;

function savedDigest(digest: string | undefined) {
  if (digest === undefined) return null;
  try {
    return parseSavedDigest(existsSync(digest) ? readFileSync(digest, 'utf8') : digest);
  } catch (error) {
    if (error instanceof InvalidDigestError) throw usage(`--digest: ${error.message}`);
    throw error;
  }
}

type Source = { kind: 'url'; url: string } | { kind: 'file'; file: string } | { kind: 'dir'; dir: string | undefined };

/** What to verify: a service URL, an export file or a data dir, given as an argument or by its option. */
function sourceOf(given: string | undefined, options: { file?: string; url?: string; dataDir?: string }): Source {
  const chosen = [given, options.file, options.url, options.dataDir].filter((value) => value !== undefined);
  if (chosen.length > 1) throw usage('verify one thing: a data dir, an export file or a service URL');
  if (options.url !== undefined || /^https?:\/\//i.test(given ?? '')) return { kind: 'url', url: (options.url ?? given) as string };
  if (options.file !== undefined) return { kind: 'file', file: options.file };
  if (given !== undefined) {
    if (!existsSync(given)) throw usage(`${given} does not exist (a data dir, an export file or a service URL)`);
    return statSync(given).isDirectory() ? { kind: 'dir', dir: given } : { kind: 'file', file: given };
  }
  return { kind: 'dir', dir: options.dataDir };
}

export interface ExportOptions {
  readonly out?: string;
  readonly format?: 'ndjson' | 'csv';
  readonly dataDir?: string;
}

/** regtl export: the log of a data dir as NDJSON or CSV, streamed. */
export async function exportLog(options: ExportOptions): Promise<void> {
    const format = options.format ?? (options.out?.toLowerCase().endsWith('.csv') ? 'csv' : 'ndjson');
    const { store } = await openExistingLog(options);
    try {
      const progress = options.out ? progressTo(await store.headPosition(), 'export') : null;
      let count = 0;
      async function* lines(): AsyncGenerator<ExportLine> {
        for await (const event of store.readAll()) {
          count += 1;
          progress?.tick(event.position);
          yield toExportLine(event);
        }
      }
      const encode = format === 'csv'
        ? [new Transform({ objectMode: true, transform: (line: ExportLine, _, done) => done(null, csvRecord(line)) }),
          stringify({ header: true, columns: [...CSV_COLUMNS] })]
        : [new Transform({ writableObjectMode: true, transform: (line: ExportLine, _, done) => done(null, `${JSON.stringify(line)}\n`) })];
      const target: Writable = options.out ? createWriteStream(options.out) : process.stdout;
      await pipeline([Readable.from(lines()), ...encode, target], { end: Boolean(options.out) });
      progress?.stop();
      if (options.out) process.stderr.write(`exported ${count} events to ${options.out} (${format})\n`);
    } finally {
      await store.close();
    }
}

export interface VerifyOptions {
  readonly file?: string;
  readonly url?: string;
  readonly dataDir?: string;
  readonly digest?: string;
  readonly apiKey?: string;
}

/** regtl verify: the chain (and a saved digest) of a data dir, an export file or a running service. */
export async function verify(given: string | undefined, options: VerifyOptions): Promise<void> {
    const saved = savedDigest(options.digest);
    const source = sourceOf(given, options);
    let report: VerifyReport;
    let digest: DigestCheck | null = null;
    if (source.kind === 'url') {
      const client = clientOf({ url: source.url, apiKey: options.apiKey });
      report = (await answerOf(source.url, 'GET /v1/audit/verify', client.GET('/v1/audit/verify'))).data;
      if (saved) {
        const position = saved.position ? String(saved.position.commit) : undefined;
        const now = await answerOf(source.url, 'GET /v1/audit/digest', client.GET('/v1/audit/digest', { params: { query: { position } } }));
        digest = checkDigest(saved, now.data);
      }
    } else if (source.kind === 'file') {
      const file = existingExport(source.file);
      report = await verifyLog(exportedEvents(file));
      if (saved) digest = checkDigest(saved, await digestLog(exportedEvents(file), saved.position));
    } else {
      const { store } = await openExistingLog({ dataDir: source.dir });
      try {
        const progress = progressTo(await store.headPosition(), 'verify');
        report = await verifyStore(store, (event) => progress.tick(event.position));
        progress.stop();
        if (saved) digest = checkDigest(saved, await digestStore(store, saved.position));
      } finally {
        await store.close();
      }
    }
    printJson({ ...report, ...(digest ? { digest } : {}) });
    process.stderr.write(`${describe(report)}\n`);
    if (digest) process.stderr.write(`digest ${digest.ok ? 'ok' : 'MISMATCH'}: ${digest.message}\n`);
    if (!report.ok || !(digest?.ok ?? true)) throw new CliFailure(report.ok ? 'the saved digest does not match' : 'the chain is broken', EXIT.checkFailed);
}
