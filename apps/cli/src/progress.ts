import cliProgress from 'cli-progress';
import type { LogPosition } from '../../../libs/event-store/src/index.js';

export interface Progress {
  tick(position: LogPosition | null): void;
  stop(): void;
}

/**
 * A bar on stderr measured in log position up to the head (positions grow with the log in every
 * store); cli-progress draws nothing when stderr is not a terminal.
 */
export function progressTo(head: LogPosition | null, label: string): Progress {
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${label} [{bar}] {percentage}% | {events} events | {eta_formatted}`, etaBuffer: 200, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const total = head ? Number(head.commit) : 0;
  let events = 0;
  bar.start(Math.max(total, 1), 0, { events });
  return {
    tick(position) {
      events += 1;
      if (events % 500 === 0) bar.update(Math.min(position ? Number(position.commit) : 0, total), { events });
    },
    stop() {
      bar.update(Math.max(total, 1), { events });
      bar.stop();
    },
  };
}
