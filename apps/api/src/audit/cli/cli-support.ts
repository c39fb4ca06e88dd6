import cliProgress from 'cli-progress';
import { loadConfig } from '../../../../../libs/config/src/index.js';
import { openEventStore, type EventStore, type LogPosition } from '../../../../../libs/event-store/src/index.js';

/** The store the server uses (DATA_DIR/events.sqlite, or EVENTSTORE_CONNECTION_STRING), opened directly. */
export async function openConfiguredStore(): Promise<EventStore> {
  const config = loadConfig();
  return openEventStore({ eventStoreConnectionString: config.eventStoreConnectionString, sqlitePath: config.sqlitePath });
}

export interface Progress {
  tick(position: LogPosition): void;
  stop(): void;
}

/**
 * A bar on stderr measured in log position up to the head (positions grow with the log in both
 * stores). cli-progress draws nothing when stderr is not a terminal.
 */
export function progressTo(head: LogPosition | null, label: string): Progress {
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${label} [{bar}] {percentage}% | {events} events | {eta_formatted}`, etaBuffer: 200 },
    cliProgress.Presets.shades_classic,
  );
  const total = head ? Number(head.commit) : 0;
  let events = 0;
  bar.start(Math.max(total, 1), 0, { events });
  return {
    tick(position) {
      events += 1;
      if (events % 500 === 0) bar.update(Math.min(Number(position.commit), total), { events });
    },
    stop() {
      bar.update(Math.max(total, 1), { events });
      bar.stop();
    },
  };
}

/** Runs a CLI's main: its exit code, or 2 with the message on an error. */
export function runCli(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
