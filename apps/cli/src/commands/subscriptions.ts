import { InvalidArgumentError, type Command } from 'commander';
import { CliFailure, EXIT } from '../failure.js';
import { answerOf, clientOf, printJson, withService, type ServiceOptions } from '../service.js';

interface Subscription {
  readonly id?: string;
  readonly url?: string;
  readonly status?: string;
  readonly eventTypes?: readonly string[] | null;
  readonly jurisdictions?: readonly string[] | null;
  readonly description?: string | null;
  readonly secret?: string;
  readonly disabledReason?: string | null;
}

const list = (values: readonly string[] | null | undefined) => (values && values.length > 0 ? values.join(',') : 'all');
const line = (s: Subscription) => `${s.id}  ${s.status ?? ''}  ${s.url}  types: ${list(s.eventTypes)}  places: ${list(s.jurisdictions)}`
  + `${s.description ? `  "${s.description}"` : ''}${s.disabledReason ? `  (${s.disabledReason})` : ''}`;
const withSecret = (s: Subscription) => `${line(s)}\nsigning secret (shown once, keep it): ${s.secret}`;
const pageSize = (value: string): number => {
  const parsed = /^\d{1,4}$/.test(value) ? Number(value) : Number.NaN;
  if (!(parsed >= 1 && parsed <= 1000)) throw new InvalidArgumentError('a whole number from 1 to 1000');
  return parsed;
};
const commaList = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((item) => item.trim()).filter(Boolean)];

/** What POST /v1/subscriptions/{id}/test answers: the receiver's status and latency. */
interface TestResult {
  readonly webhookId?: string;
  readonly type?: string;
  readonly delivered?: boolean;
  readonly statusCode?: number | null;
  readonly latencyMs?: number;
  readonly error?: string | null;
}

export function registerSubscriptions(program: Command): void {
  const subscriptions = program.command('subscriptions')
    .description('webhook subscriptions of a running service: create, list, test, rotate (a subscriber key with keys configured)');

  withService(subscriptions.command('create')
    .description('subscribe an endpoint to the facts recorded from now on; prints its signing secret once')
    .argument('<url>', 'the endpoint (https; http and private addresses only with WEBHOOK_ALLOW_PRIVATE on the service)')
    .option('-t, --event-type <type>', 'an event type (repeat, or comma separated; default all)', commaList)
    .option('-j, --jurisdiction <code>', 'a jurisdiction with its children (repeat, or comma separated; default all)', commaList)
    .option('--description <text>', 'what it is for')
    .option('--idempotency-key <key>', 'a retry with the same key and body returns the same subscription')
    .addHelpText('after', '\nExample:\n  regtl subscriptions create https://example.org/hooks -t InstitutionsBanned -j CN-GD --api-key $SUBSCRIBER_KEY'))
    .action(async (url: string, options: ServiceOptions & { eventType?: string[]; jurisdiction?: string[]; description?: string; idempotencyKey?: string }) => {
      const { data } = await answerOf(options.url, 'POST /v1/subscriptions', clientOf(options).POST('/v1/subscriptions', {
        body: { url, eventTypes: options.eventType, jurisdictions: options.jurisdiction, description: options.description },
        ...(options.idempotencyKey ? { headers: { 'Idempotency-Key': options.idempotencyKey } } : {}),
      }));
      if (options.json) printJson(data);
      else process.stdout.write(`${withSecret(data as Subscription)}\n`);
    });

  withService(subscriptions.command('list').description('your subscriptions, without secrets (an auditor sees every one)')
    .option('--limit <n>', 'subscriptions per request (1-1000); every page is read', pageSize, 1000))
    .action(async (options: ServiceOptions & { limit: number }) => {
      // every page, followed through its `next` cursor
      const rows: Subscription[] = [];
      for (let after: string | null | undefined; ;) {
        const { data } = await answerOf(options.url, 'GET /v1/subscriptions',
          clientOf(options).GET('/v1/subscriptions', { params: { query: { limit: options.limit, ...(after ? { after } : {}) } } }));
        const page = data as { subscriptions?: Subscription[]; next?: string | null };
        rows.push(...(page.subscriptions ?? []));
        after = page.next;
        if (!after) break;
      }
      if (options.json) printJson({ subscriptions: rows, next: null });
      else process.stdout.write(rows.length === 0 ? 'no subscriptions\n' : `${rows.map(line).join('\n')}\n`);
    });

  withService(subscriptions.command('test')
    .description('send the subscription a signed test event (webhook.test) now and report what its endpoint answered')
    .argument('<id>', 'the subscription')
    .addHelpText('after', '\nExit codes: 0 the endpoint answered 2xx; 1 it did not (its status or error is printed); 2 could not ask.'))
    .action(async (id: string, options: ServiceOptions) => {
      const { data } = await answerOf(options.url, `POST /v1/subscriptions/${id}/test`,
        clientOf(options).POST('/v1/subscriptions/{id}/test', { params: { path: { id } } }));
      const result: TestResult = data;
      if (options.json) printJson(result);
      else {
        process.stdout.write(`${result.type ?? 'webhook.test'} ${result.webhookId ?? ''} to subscription ${id}: `
          + `${result.statusCode === null || result.statusCode === undefined ? 'no answer' : `HTTP ${result.statusCode}`} in ${result.latencyMs ?? '?'} ms`
          + `${result.error ? ` (${result.error})` : ''}\n`);
      }
      if (!result.delivered) throw new CliFailure(`the endpoint did not accept the test event`, EXIT.checkFailed);
    });

  withService(subscriptions.command('rotate')
    .description('a new signing secret; the old one also signs for the grace period (WEBHOOK_SECRET_GRACE_SECONDS)')
    .argument('<id>', 'the subscription'))
    .action(async (id: string, options: ServiceOptions) => {
      const { data } = await answerOf(options.url, `POST /v1/subscriptions/${id}/rotate-secret`,
        clientOf(options).POST('/v1/subscriptions/{id}/rotate-secret', { params: { path: { id } } }));
      if (options.json) printJson(data);
      else process.stdout.write(`${withSecret(data as Subscription)}\n`);
    });
}
