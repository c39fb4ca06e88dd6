#!/usr/bin/env node
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { buildFactHistories, documentsOfLog, type LoggedEvent } from '../../../../../libs/domain/src/index.js';
import {
  apiPathsOf, fromExportLine, jsonDifferences, NOT_REPLAYED, replayable, replayAnswer, toLoggedEvent, type ReplayAnswer, type ReplayQuestion,
} from '../../../../../libs/audit/src/index.js';
import { runCli } from './cli-support.js';

/**
 * npm run audit:replay -- --file export.ndjson --as-of 2020-06-30 [--jurisdiction CN-NX] [--known-at ..]
 *   [--recorded-at ..] [--compare http://127.0.0.1:3000]
 * The point-in-time answer from the export alone (libs/domain fold, no database). With --compare,
 * the live API is asked the same question; exit 1 when any answer differs.
 */
const program = new Command('audit:replay')
  .description('answer a point-in-time question from an NDJSON export alone')
  .requiredOption('--file <export>', 'NDJSON export (npm run export, GET /v1/events.ndjson)')
  .requiredOption('--as-of <date>', 'effective time: YYYY, YYYY-MM, YYYY-MM-DD or an ISO timestamp')
  .option('--jurisdiction <code>', 'a jurisdiction (default: the national state)')
  .option('--known-at <date>', 'only facts published by then')
  .option('--recorded-at <date>', 'only events recorded by then: the answer as the service gave it then')
  .option('--compare <url>', 'base URL of a live API to compare with, e.g. http://127.0.0.1:3000')
  .option('--api-key <key>', 'bearer key for --compare (default: $API_KEY)');

/** Only the events the fold reads are kept; their data is all the memory replay needs. */
async function readLoggedEvents(file: string): Promise<LoggedEvent[]> {
  const events: LoggedEvent[] = [];
  let lineNumber = 0;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    lineNumber += 1;
    if (line.trim() !== '') events.push(toLoggedEvent(fromExportLine(line, lineNumber)));
  }
  return events;
}

async function askApi(baseUrl: string, question: ReplayQuestion, apiKey: string | undefined): Promise<ReplayAnswer> {
  const paths = apiPathsOf(question);
  const get = async (path: string): Promise<unknown> => {
    const response = await fetch(new URL(path, baseUrl), { headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {} });
    if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status} ${await response.text()}`);
    return response.json();
  };
  return { state: await get(paths.state), bans: await get(paths.bans) };
}

runCli(async () => {
  const options = program.parse().opts<{
    file: string; asOf: string; jurisdiction?: string; knownAt?: string; recordedAt?: string; compare?: string; apiKey?: string;
  }>();
  const question: ReplayQuestion = {
    asOf: options.asOf, jurisdiction: options.jurisdiction, knownAt: options.knownAt, recordedAt: options.recordedAt,
  };
  const logged = await readLoggedEvents(options.file);
  const answer = replayAnswer(buildFactHistories(logged), question, undefined, documentsOfLog(logged));
  if (!options.compare) {
    process.stdout.write(`${JSON.stringify({ question, ...answer }, null, 2)}\n`);
    return 0;
  }
  const live = replayable(await askApi(options.compare, question, options.apiKey ?? process.env.API_KEY));
  const differences = [
    ...jsonDifferences(answer.state, live.state, 'state'),
    ...jsonDifferences(answer.bans, live.bans, 'bans'),
  ];
  process.stdout.write(`${JSON.stringify({ question, same: differences.length === 0, differences, notReplayed: NOT_REPLAYED, replay: answer }, null, 2)}\n`);
  process.stderr.write(differences.length === 0 ? 'replay and API agree\n' : `${differences.length} differences between replay (left) and API (right)\n`);
  return differences.length === 0 ? 0 : 1;
});
