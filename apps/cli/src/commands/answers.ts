import { InvalidArgumentError, type Command } from 'commander';
import { answerOf, clientOf, printJson, withService, type ServiceOptions } from '../service.js';
import { bansText, diffText, nationalText, placeText, timelineText } from '../format.js';

interface TimeOptions extends ServiceOptions {
  asOf?: string;
  knownAt?: string;
  recordedAt?: string;
  limit?: number;
  after?: string;
}

/** The long lists of the answers, which the service pages (`limit`, the `next` cursor as `after`). */
const LISTS = ['bans', 'facts', 'statistics', 'institutions', 'started', 'ended'] as const;

/**
 * The whole answer: its pages followed through their `next` cursors and their lists joined; with
 * --after, the one page asked for (its `next` says where the following one starts).
 */
async function wholeAnswer<T>(options: TimeOptions, page: (after: string | undefined) => Promise<{ data: T }>): Promise<T> {
  const first = (await page(options.after)).data as T & { next?: string | null };
  if (options.after !== undefined) return first;
  const whole = first as Record<string, unknown>;
  for (let next = first.next; next; ) {
    const more = (await page(next)).data as Record<string, unknown> & { next?: string | null };
    for (const list of LISTS) {
      if (Array.isArray(whole[list]) && Array.isArray(more[list])) whole[list] = [...(whole[list] as unknown[]), ...(more[list] as unknown[])];
    }
    next = more.next;
    whole.next = null;
  }
  return whole as T;
}

const DATES = 'YYYY, YYYY-MM, YYYY-MM-DD or an ISO timestamp with offset';

const whole = (min: number, max: number) => (value: string): number => {
  const parsed = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  if (!(parsed >= min && parsed <= max)) throw new InvalidArgumentError(`a whole number from ${min} to ${max}`);
  return parsed;
};

const withTime = (command: Command): Command => command
  .option('-a, --as-of <date>', `when it holds in the world (default: now): ${DATES}`)
  .option('--known-at <date>', 'only facts published by then')
  .option('--recorded-at <date>', 'as the service answered then: a date or position:N');

const withPage = (command: Command, max = 1000): Command => command
  .option('--limit <n>', `items of the long lists per request (1-${max}); every page is read unless --after`, whole(1, max), max)
  .option('--after <cursor>', 'only the page after this cursor (the `next` of an answer)');

const show = (options: ServiceOptions, data: unknown, text: (data: never) => string): void => {
  if (options.json) printJson(data);
  else process.stdout.write(`${text(data as never)}\n`);
};

/** asof, bans, timeline, diff: questions to a running service, through the typed client. */
export function registerAnswers(program: Command): void {
  withPage(withTime(withService(program.command('asof')
    .description('what was in force on a date: the nation (prohibited jurisdictions, national counts) or one place')
    .argument('[jurisdiction]', 'a province or city: code (CN-NX), GB/T code or name; default the nation')
    .addHelpText('after', '\nExamples:\n  regtl asof --as-of 2020-06\n  regtl asof CN-NX --as-of 2020-06-30 --json'))))
    .action(async (jurisdiction: string | undefined, options: TimeOptions) => {
      const client = clientOf(options);
      const time = { asOf: options.asOf, knownAt: options.knownAt, recordedAt: options.recordedAt };
      if (jurisdiction === undefined) {
        const { data } = await answerOf(options.url, 'GET /v1/state', client.GET('/v1/state', { params: { query: time } }));
        show(options, data, nationalText);
      } else {
        const data = await wholeAnswer(options, (after) => answerOf(options.url, `GET /v1/jurisdictions/${jurisdiction}/state`, client.GET('/v1/jurisdictions/{code}/state', {
          params: { path: { code: jurisdiction }, query: { ...time, limit: options.limit, after } },
        })));
        show(options, data, placeText);
      }
    });

  withPage(withTime(withService(program.command('bans')
    .description('every ban in force on a date: prohibitions, banned batches, closures, revocations, exits, halted partnerships')
    .option('-j, --jurisdiction <code>', 'only this place and the places inside it (CN-GD includes Guangzhou)')
    .addHelpText('after', '\nExamples:\n  regtl bans --as-of 2020-06\n  regtl bans --as-of 2020-06-30 -j CN-NX --json'))))
    .action(async (options: TimeOptions & { jurisdiction?: string }) => {
      const client = clientOf(options);
      const data = await wholeAnswer(options, (after) => answerOf(options.url, 'GET /v1/bans', client.GET('/v1/bans', {
        params: { query: { asOf: options.asOf, knownAt: options.knownAt, recordedAt: options.recordedAt,
          jurisdiction: options.jurisdiction, limit: options.limit, after } },
      })));
      show(options, data, bansText);
    });

  withPage(withService(program.command('timeline')
    .description('a place\'s facts in effective-date order, with corrections and retractions beside what they changed')
    .argument('<jurisdiction>', 'a province or city: code (CN-NX), GB/T code or name')
    .option('--from <date>', `facts effective from (${DATES})`)
    .option('--to <date>', 'facts effective until')
    .option('--recorded-at <date>', 'as the service answered then: a date or position:N')
    .addHelpText('after', '\nExample:\n  regtl timeline CN-NX --from 2019 --to 2020')))
    .action(async (jurisdiction: string, options: TimeOptions & { from?: string; to?: string }) => {
      const client = clientOf(options);
      const data = await wholeAnswer(options, (after) => answerOf(options.url, `GET /v1/jurisdictions/${jurisdiction}/timeline`, client.GET('/v1/jurisdictions/{code}/timeline', {
        params: { path: { code: jurisdiction }, query: { from: options.from, to: options.to, recordedAt: options.recordedAt, limit: options.limit, after } },
      })));
      show(options, data, timelineText);
    });

  withPage(withService(program.command('diff')
    .description('what came into force and what ended between two dates')
    .requiredOption('--from <date>', `the earlier date (${DATES})`)
    .requiredOption('--to <date>', 'the later date')
    .option('-j, --jurisdiction <code>', 'only this place and the places inside it')
    .option('--known-at <date>', 'only facts published by then')
    .option('--recorded-at <date>', 'as the service answered then: a date or position:N')
    .addHelpText('after', '\nExample:\n  regtl diff --from 2019-12 --to 2020-06')))
    .action(async (options: TimeOptions & { from: string; to: string; jurisdiction?: string }) => {
      const client = clientOf(options);
      const data = await wholeAnswer(options, (after) => answerOf(options.url, 'GET /v1/diff', client.GET('/v1/diff', {
        params: { query: { from: options.from, to: options.to, jurisdiction: options.jurisdiction, knownAt: options.knownAt,
          recordedAt: options.recordedAt, limit: options.limit, after } },
      })));
      show(options, data, diffText);
    });
}
