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

export interface ReplayOptions {
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

/** regtl replay: a point-in-time answer from an export alone, pinned to its last position; with --compare, the service's. */
export async function replay(given: string | undefined, options: ReplayOptions): Promise<void> {
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
    // the whole state answer, as replay computes it: the facts in force and every source (the default answer is lean)
    const whole = { ...time, include: 'facts,sources' };
    const state = question.jurisdiction
      ? await answerOf(url, 'GET /v1/jurisdictions/{code}/state', client.GET('/v1/jurisdictions/{code}/state', { params: { path: { code: question.jurisdiction }, query: whole } }))
      : await answerOf(url, 'GET /v1/state', client.GET('/v1/state', { params: { query: whole } }));
    const bans = await answerOf(url, 'GET /v1/bans', client.GET('/v1/bans', { params: { query: { ...time, jurisdiction: question.jurisdiction } } }));
    const live = replayable({ state: state.data, bans: bans.data });
    const differences = [...jsonDifferences(answer.state, live.state, 'state'), ...jsonDifferences(answer.bans, live.bans, 'bans')];
    printJson({ question, same: differences.length === 0, differences, notReplayed: NOT_REPLAYED, replay: answer });
    if (differences.length > 0) throw new CliFailure(`${differences.length} differences between replay (left) and the service (right)`, EXIT.checkFailed);
    process.stderr.write(`replay and the service agree (pinned at ${question.recordedAt ?? 'the latest'})\n`);
}
