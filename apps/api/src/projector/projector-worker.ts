import { parentPort, workerData } from 'node:worker_threads';
import { LogConsumer, type ConsumerLogger, type LogProcessor } from '../../../../libs/consumers/src/index.js';
import { openEventStore, type EventStore } from '../../../../libs/event-store/src/index.js';
import { openReadModel, ReadModelStore, type OpenedReadModel } from '../../../../libs/read-model/src/index.js';
import { logProcessors, wakeSender, WEBHOOK_MIGRATIONS } from '../../../../libs/webhooks/src/index.js';
import type { FromProjector, ProjectorWorkerData, ToProjector } from './projector-messages.js';

/**
 * The embedded projector's thread (projector-thread.ts starts it): the log consumer with its
 * processors (the read models, then the webhook queue and its sender) on connections of its own,
 * so the projection of each write no longer shares the API's event loop with the requests. No
 * framework is loaded here (a Nest module in a worker raced Node 20's require(esm)); its lines go
 * to the API's thread, which logs them.
 */
const port = parentPort!;
const settings = workerData as ProjectorWorkerData;
const post = (message: FromProjector) => port.postMessage(message);
const loggerFor = (context: string): ConsumerLogger => ({
  log: (message) => post({ type: 'log', context, level: 'log', message }),
  warn: (message) => post({ type: 'log', context, level: 'warn', message }),
  error: (message) => post({ type: 'log', context, level: 'error', message }),
});
/** how often a change of state without a commit (a failure, its backoff) is told */
const STATE_EVERY_MS = 250;

async function run(): Promise<void> {
  let eventStore: EventStore | null = null;
  let readModel: OpenedReadModel | null = null;
  let consumer: LogConsumer | null = null;
  let processors: LogProcessor[] = [];
  let told = '';
  const tell = (commit: string | null) => {
    const state = consumer?.state() ?? 'starting';
    told = state;
    post({ type: 'progress', commit, state });
  };
  const stop = async () => {
    await consumer?.stop();
    await readModel?.close();
    await eventStore?.close();
    post({ type: 'stopped' });
  };
  let stopping: Promise<void> | null = null;
  port.on('message', (message: ToProjector) => {
    if (message.type === 'appended') eventStore?.appendedElsewhere?.();
    else if (message.type === 'deliveries-due') wakeSender(processors);
    else if (message.type === 'stop') stopping ??= stop();
  });
  try {
    eventStore = await openEventStore(settings.eventStore);
    // the API's thread opened (and migrated) the read models first; this is a connection of this thread's own
    readModel = await openReadModel({ ...settings.readModel, migrations: [WEBHOOK_MIGRATIONS] });
    processors = logProcessors(new ReadModelStore(readModel.db), settings.webhooks, loggerFor('Webhooks'));
    consumer = new LogConsumer(eventStore, processors, {
      logger: loggerFor('Projector'),
      onCommitted: (position) => tell(position ? position.commit.toString() : null),
    });
    await consumer.start();
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    await (stopping ??= stop()).catch(() => undefined);
    return;
  }
  if (stopping) return;
  tell(consumer.position()?.commit.toString() ?? null);
  post({ type: 'following' });
  setInterval(() => {
    if (consumer && consumer.state() !== told) tell(consumer.position()?.commit.toString() ?? null);
  }, STATE_EVERY_MS).unref();
}

void run();
