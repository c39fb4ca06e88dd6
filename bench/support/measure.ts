import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { Presets, SingleBar } from 'cli-progress';

/** Seconds since `started` (a performance.now() reading). */
export const secondsSince = (started: number): number => (performance.now() - started) / 1000;

/** The q-quantile (0..1) of latencies in ms, nearest rank. */
export function quantile(sortedMs: readonly number[], q: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const rank = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil(q * sortedMs.length) - 1));
  return sortedMs[rank]!;
}

export interface Latencies {
  readonly count: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly perSecond: number;
}

/**
 * Runs `call` one at a time for `seconds` (at least `minCalls`), timing each call; with `more`,
 * as long as it says (given the number of calls made) instead.
 */
export async function timeCalls(
  seconds: number, minCalls: number, call: (i: number) => Promise<unknown>, more?: (calls: number) => boolean,
): Promise<Latencies> {
  const samples: number[] = [];
  const started = performance.now();
  while (more ? more(samples.length) : samples.length < minCalls || secondsSince(started) < seconds) {
    const t = performance.now();
    await call(samples.length);
    samples.push(performance.now() - t);
  }
  const total = secondsSince(started);
  samples.sort((a, b) => a - b);
  return { count: samples.length, p50Ms: quantile(samples, 0.5), p99Ms: quantile(samples, 0.99), perSecond: samples.length / total };
}

/** The item at the median of `key` (the upper middle of an even count); undefined for none. */
export const medianBy = <T>(items: readonly T[], key: (item: T) => number): T | undefined =>
  [...items].sort((a, b) => key(a) - key(b))[Math.floor(items.length / 2)];

/** The median of some figures (the upper middle of an even count). */
export const medianOf = (values: readonly number[]): number => medianBy(values, (value) => value)!;

/** ratio rounded for the report; NaN when the limit was not measured */
export const ratio = (value: number, limit: number): number => (limit > 0 ? Math.round((value / limit) * 1000) / 1000 : Number.NaN);

/** A progress bar on stderr (stdout carries the table). */
export function progressBar(label: string, total: number): { update(value: number): void; stop(): void } {
  const bar = new SingleBar(
    { format: `${label.padEnd(26)} [{bar}] {percentage}% | {value}/{total} | {duration}s`, hideCursor: true, stream: process.stderr,
      // in a log (not a terminal), a line every 10 s
      noTTYOutput: true, notTTYSchedule: 10_000 },
    Presets.shades_classic,
  );
  bar.start(Math.max(1, total), 0);
  let last = 0;
  return {
    update(value) {
      // redrawing per call costs more than the work measured: at most ~20 times a second
      const now = performance.now();
      if (now - last > 50 || value >= total) {
        last = now;
        bar.update(Math.min(value, total));
      }
    },
    stop: () => bar.stop(),
  };
}

/** The machine the figures come from. */
export function machine() {
  const cpuList = cpus();
  return {
    cpus: cpuList.length,
    cpuModel: cpuList[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
  };
}

/** Peak resident set of this process (VmHWM, KiB -> MiB); falls back to the current RSS. */
export function peakRssMiB(): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Math.round(Number(match[1]) / 1024);
  } catch {
    // not Linux
  }
  return Math.round(process.memoryUsage().rss / 2 ** 20);
}

/** Deterministic picks for queries (a different stream from the corpus's). */
export function seededRandom(seed: number): () => number {
  let a = (seed ^ 0x9e3779b9) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
