import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SqliteEventStore } from '../../libs/event-store/src/index.js';
import type { CorpusReport } from '../corpus/generate.js';
import { writeCorpus } from '../corpus/write-corpus.js';
import { progressBar } from './measure.js';

export interface CorpusDir {
  readonly dir: string;
  readonly eventsPath: string;
  readonly readModelPath: string;
  readonly report: CorpusReport;
  /** false: generated in this run; true: a complete corpus of the same size and seed was reused */
  readonly reused: boolean;
}

/**
 * The corpus of `events` events and `seed` in `workDir`, generated once: the marker file is
 * written only after the last commit, so a cut-short generation is never reused as complete.
 */
export async function corpusDir(workDir: string, events: number, seed: number, fresh: boolean): Promise<CorpusDir> {
  const dir = path.join(workDir, `corpus-${events}-seed-${seed}`);
  const eventsPath = path.join(dir, 'events.sqlite');
  const readModelPath = path.join(dir, 'read-model.sqlite');
  const marker = path.join(dir, 'corpus.json');
  if (!fresh && existsSync(marker)) {
    return { dir, eventsPath, readModelPath, report: JSON.parse(readFileSync(marker, 'utf8')) as CorpusReport, reused: true };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const store = await SqliteEventStore.open(eventsPath);
  const bar = progressBar(`corpus ${events.toLocaleString('en')} events`, events);
  try {
    const report = await writeCorpus(store, { events, seed, onProgress: (written) => bar.update(written) });
    writeFileSync(marker, JSON.stringify(report));
    return { dir, eventsPath, readModelPath, report, reused: false };
  } finally {
    bar.stop();
    await store.close();
  }
}
