import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { openReadModel, READ_MODEL_TABLES, SQLITE_CACHE_KIB } from '../../libs/read-model/src/index.js';
import { DEFAULT_BATCH_SIZE } from '../../libs/consumers/src/index.js';
import type { CorpusDir } from '../support/corpus-dir.js';
import { progressBar, ratio, secondsSince } from '../support/measure.js';
import { WEBHOOK_MIGRATIONS } from '../../libs/webhooks/src/index.js';

const run = promisify(execFile);
const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rebuild-child.js');
/** what the projector ships with */
export const REBUILD_BATCH = DEFAULT_BATCH_SIZE;

export interface RebuildRun {
  readonly events: number;
  readonly seconds: number;
  readonly batches: number;
  readonly peakRssMiB: number;
  readonly sampledRssMiB: number;
}

/** A projector rebuild from zero of the corpus's read model, in a child process (its own VmHWM). */
export async function rebuildInChild(corpus: CorpusDir, nodeFlags: readonly string[] = []): Promise<RebuildRun> {
  rmSync(corpus.readModelPath, { force: true });
  for (const suffix of ['-wal', '-shm']) rmSync(corpus.readModelPath + suffix, { force: true });
  const child = run(process.execPath, [...nodeFlags, CHILD, corpus.eventsPath, corpus.readModelPath, String(REBUILD_BATCH)], {
    maxBuffer: 1 << 20, cwd: corpus.dir,
  });
  child.child.stderr?.pipe(process.stderr);
  const { stdout } = await child;
  const result = JSON.parse(stdout.trim().split('\n').pop()!) as RebuildRun;
  writeFileSync(path.join(corpus.dir, 'read-model.json'), JSON.stringify(result));
  return result;
}

/** The corpus's read model, built (untimed by the caller) when no complete one is there. */
export async function ensureReadModel(corpus: CorpusDir): Promise<RebuildRun> {
  const marker = path.join(corpus.dir, 'read-model.json');
  if (existsSync(marker) && existsSync(corpus.readModelPath)) return JSON.parse(readFileSync(marker, 'utf8')) as RebuildRun;
  return rebuildInChild(corpus);
}

/**
 * The physical limit of the rebuild: the rows it produced, inserted with prepared better-sqlite3
 * statements into a fresh file with the same schema and indexes and the read model's connection
 * settings (WAL, synchronous=NORMAL, the same page cache), the same number of rows per transaction
 * as the rebuild committed, each transaction also moving a checkpoint.
 */
export async function rawReadModelInsert(corpus: CorpusDir, batches: number): Promise<{ rows: number; seconds: number; rowsPerTransaction: number }> {
  const rawPath = path.join(corpus.dir, 'raw-read-model.sqlite');
  for (const suffix of ['', '-wal', '-shm']) rmSync(rawPath + suffix, { force: true });
  await (await openReadModel({ sqlitePath: rawPath, migrations: [WEBHOOK_MIGRATIONS] })).close(); // same schema and indexes, by the same migrations
  const source = new Database(corpus.readModelPath, { readonly: true });
  const target = new Database(rawPath);
  target.pragma('journal_mode = WAL');
  target.pragma('synchronous = NORMAL');
  target.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  const counts = READ_MODEL_TABLES.map((table) => Number((source.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n));
  const rows = counts.reduce((a, b) => a + b, 0);
  const perTransaction = Math.max(1, Math.round(rows / Math.max(1, batches)));
  const checkpoint = target.prepare("INSERT INTO checkpoints (name, \"commit\", prepare) VALUES ('raw', ?, ?) ON CONFLICT (name) DO UPDATE SET \"commit\" = excluded.\"commit\"");
  const bar = progressBar('raw read-model inserts', rows);
  let done = 0;
  let inTransaction = 0;
  const started = performance.now();
  try {
    for (const table of READ_MODEL_TABLES) {
      const read = source.prepare(`SELECT * FROM ${table}`).raw(true);
      const columns = read.columns().map((column) => `"${column.name}"`);
      const insert = target.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      for (const row of read.iterate() as IterableIterator<unknown[]>) {
        if (inTransaction === 0) target.exec('BEGIN IMMEDIATE');
        insert.run(row);
        done += 1;
        if (++inTransaction >= perTransaction) {
          checkpoint.run(String(done), String(done));
          target.exec('COMMIT');
          inTransaction = 0;
          bar.update(done);
        }
      }
    }
    if (inTransaction > 0) target.exec('COMMIT');
  } finally {
    bar.stop();
    source.close();
    target.close();
  }
  return { rows, seconds: secondsSince(started), rowsPerTransaction: perTransaction };
}

export async function rebuildSection(corpus: CorpusDir, nodeFlags: readonly string[] = []) {
  const rebuild = await rebuildInChild(corpus, nodeFlags);
  const raw = await rawReadModelInsert(corpus, rebuild.batches);
  const eventsPerSecond = rebuild.events / rebuild.seconds;
  const rawEventsPerSecond = rebuild.events / raw.seconds;
  return {
    events: rebuild.events,
    seconds: rebuild.seconds,
    eventsPerSecond,
    batchSize: REBUILD_BATCH,
    readModelRows: raw.rows,
    rawRowsPerTransaction: raw.rowsPerTransaction,
    rawSeconds: raw.seconds,
    rawEventsPerSecond,
    ratio: ratio(eventsPerSecond, rawEventsPerSecond),
    peakRssMiB: rebuild.peakRssMiB,
    sampledPeakRssMiB: rebuild.sampledRssMiB,
  };
}
