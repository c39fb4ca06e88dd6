import type { Command } from 'commander';
import { buildFactHistories, documentsOfLog, InvalidTimeParameterError, type LoggedEvent } from '../../../../libs/domain/src/index.js';
import {
  jsonDifferences, NOT_REPLAYED, RECORDED_POSITION, replayable, replayAnswer, toLoggedEvent, type ReplayQuestion,
} from '../../../../libs/audit/src/index.js';
import { existingExport, exportedEvents } from '../export-file.js';
import { CliFailure, EXIT, usage } from '../failure.js';
import { answerOf, clientOf, printJson } from '../service.js';

/** Only the events the fold reads are kept; their data is all the memory replay needs. */
async function readLoggedEvents(file: string): Promise<LoggedEvent[]> {
  const events: LoggedEvent[] = [];
  for await (const event of exportedEvents(file)) events.push(toLoggedEvent(event));
  return events;
}

interface ReplayOptions {
  file?: string;
  asOf: string;
  jurisdiction?: string;
  knownAt?: string;
  recordedAt?: string;
  compare?: string;
  apiKey?: string;
}

/**
 * The export answers as the log stood at its last event: the question is pinned there
 * (`recordedAt=position:<last>`), so a service whose log has grown since is asked the same question.
 */
function pinned(options: ReplayOptions, last: number | null): ReplayQuestion {
  const question = { asOf: options.asOf, jurisdiction: options.jurisdiction, knownAt: options.knownAt };
  if (options.recordedAt === undefined) return { ...question, recordedAt: last === null ? undefined : `position:${last}` };
  const position = RECORDED_POSITION.exec(options.recordedAt);
  if (position && last !== null && Number(position[1]) > last) {
    throw usage(`--recorded-at ${options.recordedAt} is past the export's last event (position ${last}): the export cannot answer it`);
  }
  return { ...question, recordedAt: options.recordedAt };
}

export function registerReplay(program: Command): void {
  program.command('replay')
    .description('answer a point-in-time question from an NDJSON export alone (the domain\'s fold, no database), '
      + 'as the log stood at the export\'s last event; with --compare, ask a running service the same pinned question')
    .argument('[export]', 'NDJSON export (regtl export, GET /v1/events.ndjson)')
    .option('--file <export>', 'the export (as the argument)')
    .requiredOption('-a, --as-of <date>', 'effective time: YYYY, YYYY-MM, YYYY-MM-DD or an ISO timestamp')
    .option('-j, --jurisdiction <code>', 'a jurisdiction (default: the national state)')
    .option('--known-at <date>', 'only facts published by then')
    .option('--recorded-at <date>', 'position:N (at most the export\'s last) or an instant; default position:<the export\'s last>')
    .option('--compare <url>', 'a running service to compare with, e.g. http://localhost:3000')
    .option('-k, --api-key <key>', 'bearer key for --compare (default: $REGTL_API_KEY)', process.env.REGTL_API_KEY || undefined)
    .addHelpText('after', '\nExit codes: 0 answered (and the service agrees); 1 the service answers differently; 2 could not run.\n'
      + 'Example:\n  regtl replay events.ndjson --as-of 2020-06-30 -j CN-NX --compare http://localhost:3000')
    .action(async (given: string | undefined, options: ReplayOptions) => {
      const file = given ?? options.file;
      if (file === undefined) throw usage('replay needs an export file (argument or --file)');
      const logged = await readLoggedEvents(existingExport(file));
      const last = logged.reduce<number | null>((max, event) => (max === null || event.position > max ? event.position : max), null);
      const question = pinned(options, last);
      let answer;
      try {
        answer = replayAnswer(buildFactHistories(logged), question, undefined, documentsOfLog(logged));
      } catch (error) {
        if (error instanceof InvalidTimeParameterError || error instanceof RangeError) throw usage(error.message);
        throw error;
      }
      if (!options.compare) {
        printJson({ question, ...answer });
        return;
      }
      const url = options.compare;
      const client = clientOf({ url, apiKey: options.apiKey });
      const time = { asOf: question.asOf, knownAt: question.knownAt, recordedAt: question.recordedAt };
      const state = question.jurisdiction
        ? await answerOf(url, 'GET /v1/jurisdictions/{code}/state', client.GET('/v1/jurisdictions/{code}/state', { params: { path: { code: question.jurisdiction }, query: time } }))
        : await answerOf(url, 'GET /v1/state', client.GET('/v1/state', { params: { query: time } }));
      const bans = await answerOf(url, 'GET /v1/bans', client.GET('/v1/bans', { params: { query: { ...time, jurisdiction: question.jurisdiction } } }));
      const live = replayable({ state: state.data, bans: bans.data });
      const differences = [...jsonDifferences(answer.state, live.state, 'state'), ...jsonDifferences(answer.bans, live.bans, 'bans')];
      printJson({ question, same: differences.length === 0, differences, notReplayed: NOT_REPLAYED, replay: answer });
      if (differences.length > 0) throw new CliFailure(`${differences.length} differences between replay (left) and the service (right)`, EXIT.checkFailed);
      process.stderr.write(`replay and the service agree (pinned at ${question.recordedAt ?? 'the latest'})\n`);
    });
}
