/**
 * Writes a deterministic generated corpus into DATA_DIR/events.sqlite.
 *   npm run build && node dist/bench/corpus/cli.js --events 100000 --seed 1 --data-dir /tmp/corpus
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import { SqliteEventStore } from '../../libs/event-store/src/index.js';
import { writeCorpus } from './write-corpus.js';

const integer = (min: number) => (value: string): number => {
  const parsed = Number(value.replace(/_/g, ''));
  if (!Number.isSafeInteger(parsed) || parsed < min) throw new InvalidArgumentError(`expected an integer >= ${min}`);
  return parsed;
};

const program = new Command('corpus')
  .description('Generate a deterministic log of realistic notices into DATA_DIR/events.sqlite')
  .option('--events <n>', 'number of events', integer(1), 100_000)
  .option('--seed <n>', 'PRNG seed', integer(0), 1)
  .option('--institutions <n>', 'size of the institution pool (default: events / 10, 1,000 to 100,000)', integer(1))
  .option('--data-dir <dir>', 'data directory (default: $DATA_DIR or ./data)')
  .parse();
const opts = program.opts<{ events: number; seed: number; institutions?: number; dataDir?: string }>();

const dataDir = resolve(opts.dataDir ?? (process.env.DATA_DIR || 'data'));
mkdirSync(dataDir, { recursive: true });
const file = join(dataDir, 'events.sqlite');
const store = await SqliteEventStore.open(file);
const bar = new SingleBar(
  { format: 'generating [{bar}] {percentage}% | {value}/{total} events | {rate} events/s | ETA {eta}s', hideCursor: true },
  Presets.shades_classic,
);
const started = Date.now();
bar.start(opts.events, 0, { rate: 0 });
try {
  const report = await writeCorpus(store, {
    events: opts.events,
    seed: opts.seed,
    ...(opts.institutions === undefined ? {} : { institutions: opts.institutions }),
    onProgress: (written) => bar.update(written, { rate: Math.round(written / Math.max(0.001, (Date.now() - started) / 1000)) }),
  });
  bar.stop();
  console.log(
    `${report.events} events (${report.notices} notices, ${report.corrections} corrections, ${report.retractions} retractions) ` +
      `in ${report.seconds.toFixed(1)} s (${Math.round(report.events / Math.max(report.seconds, 0.001))} events/s) into ${file}` +
      (report.alreadyPresent > 0 ? `; ${report.alreadyPresent} appends were already there` : ''),
  );
} finally {
  bar.stop();
  await store.close();
}
