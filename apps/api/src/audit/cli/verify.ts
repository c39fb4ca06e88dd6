#!/usr/bin/env node
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import {
  checkDigest, digestLog, digestStore, fromExportLine, parseSavedDigest, verifyLog, verifyStore, type AuditedEvent, type DigestCheck, type VerifyReport,
} from '../../../../../libs/audit/src/index.js';
import { openConfiguredStore, progressTo, runCli } from './cli-support.js';

/**
 * npm run audit:verify [-- --digest <saved JSON or file>] [-- --file export.ndjson]
 * Exit 0: the chain (and the digest) hold; 1: broken, with the first broken event named; 2: could not run.
 */
const program = new Command('audit:verify')
  .description('recompute every hash of the log and check the chains; optionally prove a saved digest')
  .option('--digest <digest>', 'a digest saved from GET /v1/audit/digest: its JSON, or a file holding it')
  .option('--file <export>', 'verify an NDJSON export instead of the store');

async function* exportedEvents(file: string): AsyncGenerator<AuditedEvent> {
  let lineNumber = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    lineNumber += 1;
    if (line.trim() !== '') yield fromExportLine(line, lineNumber);
  }
}

const describe = (report: VerifyReport): string =>
  report.ok
    ? `ok: ${report.eventCount} events in ${report.streamCount} streams, every hash and link holds` +
      (report.unchainedCount > 0 ? ` (${report.unchainedCount} events predate the chain: unchained, not verifiable)` : '')
    : `BROKEN (${report.broken!.kind}) at position ${report.broken!.position}, ${report.broken!.stream} revision ${report.broken!.revision}: ${report.broken!.message}`;

runCli(async () => {
  const options = program.parse().opts<{ digest?: string; file?: string }>();
  const saved = options.digest === undefined ? null
    : parseSavedDigest(existsSync(options.digest) ? readFileSync(options.digest, 'utf8') : options.digest);
  let report: VerifyReport;
  let digest: DigestCheck | null = null;
  if (options.file) {
    report = await verifyLog(exportedEvents(options.file));
    if (saved) digest = checkDigest(saved, await digestLog(exportedEvents(options.file), saved.position));
  } else {
    const store = await openConfiguredStore();
    try {
      const progress = progressTo(await store.headPosition(), 'verify');
      report = await verifyStore(store, (event) => progress.tick(event.position));
      progress.stop();
      if (saved) digest = checkDigest(saved, await digestStore(store, saved.position));
    } finally {
      await store.close();
    }
  }
  process.stdout.write(`${JSON.stringify({ ...report, ...(digest ? { digest } : {}) }, null, 2)}\n`);
  process.stderr.write(`${describe(report)}\n`);
  if (digest) process.stderr.write(`digest ${digest.ok ? 'ok' : 'MISMATCH'}: ${digest.message}\n`);
  return report.ok && (digest?.ok ?? true) ? 0 : 1;
});
