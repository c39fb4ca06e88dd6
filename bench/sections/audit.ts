import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import { metadataWithoutLinks, verifyStore } from '../../libs/audit/src/index.js';
import { SqliteEventStore } from '../../libs/event-store/src/index.js';
import type { CorpusDir } from '../support/corpus-dir.js';
import { progressBar, ratio, secondsSince } from '../support/measure.js';

type Canonicalize = (input: unknown) => string | undefined;
const canonicalize: Canonicalize =
  (canonicalizeModule as unknown as { default?: Canonicalize }).default ?? (canonicalizeModule as unknown as Canonicalize);

/** CPU seconds (user + system) of this process since `start`. */
const cpuSecondsSince = (start: NodeJS.CpuUsage): number => {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1e6;
};

/** Texts are hashed in chunks, so memory stays bounded at any log size. */
const CHUNK = 20_000;

/**
 * Verify as the service and the CLI run it (verifyStore: every hash recomputed, every link checked) against the floor of the same work:
 * SHA-256 over the very bytes verify hashes (the canonical texts, built outside the clock), on one thread.
 * From 50k events verify reads and hashes every other range on a checker thread: the wall-time
 * ratio is what an auditor waits; the CPU-time ratio counts both threads' work.
 * Reading the log alone is measured too: it tells how the rest splits.
 */
export async function auditSection(corpus: CorpusDir) {
  const store = await SqliteEventStore.open(corpus.eventsPath);
  try {
    const total = corpus.report.events;
    let bar = progressBar('audit: verify', total);
    let started = performance.now();
    let cpu = process.cpuUsage();
    const report = await verifyStore(store, (_event, checked) => bar.update(checked));
    const verifySeconds = secondsSince(started);
    const verifyCpuSeconds = cpuSecondsSince(cpu);
    bar.stop();
    if (!report.ok) throw new Error(`verify found a broken chain: ${JSON.stringify(report.broken)}`);

    bar = progressBar('audit: read log only', total);
    started = performance.now();
    let read = 0;
    for await (const _event of store.readAll()) bar.update(++read);
    const readSeconds = secondsSince(started);
    bar.stop();

    bar = progressBar('audit: raw sha-256', total);
    let hashSeconds = 0;
    let hashCpuSeconds = 0;
    let bytes = 0;
    let hashed = 0;
    let texts: string[] = [];
    const hashAll = () => {
      const t = performance.now();
      cpu = process.cpuUsage();
      for (const text of texts) createHash('sha256').update(text, 'utf8').digest('hex');
      hashSeconds += secondsSince(t);
      hashCpuSeconds += cpuSecondsSince(cpu);
      hashed += texts.length;
      bar.update(hashed);
      texts = [];
    };
    for await (const event of store.readAll()) {
      const text = canonicalize({
        stream: event.streamName, revision: event.revision, eventId: event.eventId.toLowerCase(), type: event.type,
        data: event.data ?? null, metadata: metadataWithoutLinks(event.metadata), prevHash: event.metadata.prevHash,
      })!;
      bytes += Buffer.byteLength(text);
      texts.push(text);
      if (texts.length >= CHUNK) hashAll();
    }
    hashAll();
    bar.stop();
    const verifyRate = report.eventCount / verifySeconds;
    const hashRate = hashed / hashSeconds;
    return {
      events: report.eventCount,
      verifySeconds,
      verifyEventsPerSecond: verifyRate,
      readOnlyEventsPerSecond: read / readSeconds,
      rawSha256EventsPerSecond: hashRate,
      rawSha256MiBPerSecond: bytes / 2 ** 20 / hashSeconds,
      meanHashedBytes: Math.round(bytes / Math.max(1, hashed)),
      ratio: ratio(verifyRate, hashRate),
      // the same two by this process's CPU time: on a shared machine, wall time also counts other people's work
      verifyEventsPerCpuSecond: report.eventCount / verifyCpuSeconds,
      rawSha256EventsPerCpuSecond: hashed / hashCpuSeconds,
      cpuRatio: ratio(report.eventCount / verifyCpuSeconds, hashed / hashCpuSeconds),
    };
  } finally {
    await store.close();
  }
}
