#!/usr/bin/env node
import { createWriteStream } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Command } from 'commander';
import { toExportLine } from '../../../../../libs/audit/src/index.js';
import { openConfiguredStore, progressTo, runCli } from './cli-support.js';

/** npm run export [-- --out file]: the whole log as NDJSON (stdout by default), streamed. */
const program = new Command('export')
  .description('write the whole event log as NDJSON, one event per line with its hashes')
  .option('-o, --out <file>', 'write to this file (default: stdout)');

runCli(async () => {
  const { out } = program.parse().opts<{ out?: string }>();
  const store = await openConfiguredStore();
  try {
    const progress = out ? progressTo(await store.headPosition(), 'export') : null;
    let count = 0;
    async function* lines(): AsyncGenerator<string> {
      for await (const event of store.readAll()) {
        count += 1;
        progress?.tick(event.position);
        yield `${JSON.stringify(toExportLine(event))}\n`;
      }
    }
    const target: Writable = out ? createWriteStream(out) : process.stdout;
    await pipeline(Readable.from(lines()), target, { end: Boolean(out) });
    progress?.stop();
    if (out) process.stderr.write(`exported ${count} events to ${out}\n`);
    return 0;
  } finally {
    await store.close();
  }
});
