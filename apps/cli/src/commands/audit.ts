import { createWriteStream, existsSync, readFileSync, statSync } from 'node:fs';
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Option, type Command } from 'commander';
import { stringify } from 'csv-stringify';
import {
  checkDigest, digestLog, digestStore, InvalidDigestError, parseSavedDigest, toExportLine, verifyLog, verifyStore,
  type DigestCheck, type ExportLine, type LogDigest, type VerifyReport,
} from '../../../../libs/audit/src/index.js';
import { openExistingLog, withDataDir } from '../data-dir.js';
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

export function registerAudit(program: Command): void {
  withDataDir(program.command('export')
    .description('write the whole event log of a data dir, one event per line with its hashes (streamed)')
    .option('-o, --out <file>', 'write to this file (default: stdout)')
    .addOption(new Option('-f, --format <format>', 'ndjson (verify and replay read it) or csv (default: by the --out extension)').choices(['ndjson', 'csv']))
    .addHelpText('after', '\nExamples:\n  regtl export --out events.ndjson\n  regtl export --format csv > events.csv'))
    .action(async (options: { out?: string; format?: 'ndjson' | 'csv'; dataDir?: string }) => {
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
    });

  withDataDir(program.command('verify')
    .description('recompute every hash and check the chains of a data dir, an NDJSON export or a running service; optionally prove a saved digest')
    .argument('[source]', 'a data dir, an export file or a service URL (default: the data dir)')
    .option('--file <export>', 'an NDJSON export (regtl export, GET /v1/events.ndjson)')
    .option('--digest <digest>', 'a digest saved from GET /v1/audit/digest: its JSON, or a file holding it')
    .addHelpText('after', '\nExit codes: 0 the chain (and digest) hold; 1 broken or changed; 2 could not run.\n'
      + 'Examples:\n  regtl verify ./data\n  regtl verify events.ndjson --digest digest.json\n  regtl verify http://localhost:3000 --api-key $AUDITOR_KEY'))
    .option('-u, --url <url>', 'a running service: GET /v1/audit/verify and /v1/audit/digest')
    .option('-k, --api-key <key>', 'an auditor\'s bearer key for --url (default: $REGTL_API_KEY)', process.env.REGTL_API_KEY || undefined)
    .action(async (given: string | undefined, options: { file?: string; url?: string; dataDir?: string; digest?: string; apiKey?: string }) => {
      const saved = savedDigest(options.digest);
      const source = sourceOf(given, options);
      let report: VerifyReport;
      let digest: DigestCheck | null = null;
      if (source.kind === 'url') {
        const client = clientOf({ url: source.url, apiKey: options.apiKey });
        report = (await answerOf(source.url, 'GET /v1/audit/verify', client.GET('/v1/audit/verify'))).data as unknown as VerifyReport;
        if (saved) {
          const position = saved.position ? String(saved.position.commit) : undefined;
          const now = await answerOf(source.url, 'GET /v1/audit/digest', client.GET('/v1/audit/digest', { params: { query: { position } } }));
          digest = checkDigest(saved, now.data as unknown as LogDigest);
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
    });
}
