import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EventStore } from '../../../../libs/event-store/src/index.js';
import type { TimelineReader } from '../../../../libs/read-model/src/index.js';

interface LogMeasure {
  readonly head: number;
  readonly projected: number;
  /** age in seconds of the oldest event the read models do not include yet */
  readonly lagSeconds: number;
}

/**
 * Prometheus metrics of one application instance (its own registry, so several apps in one
 * process — tests — do not collide). Projector lag is measured at scrape time from the store.
 */
export class TimelineMetrics {
  readonly registry = new Registry();
  readonly requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly requests = new Counter({
    name: 'http_requests_total', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private measuring: Promise<LogMeasure> | null = null;

  constructor(private readonly store: EventStore, private readonly reader: TimelineReader) {
    collectDefaultMetrics({ register: this.registry });
    // the registry collects gauges concurrently: each reads the same measure of one scrape
    const gauge = (name: string, help: string, value: (measure: LogMeasure) => number) => {
      const metrics = this;
      new Gauge({ name, help, registers: [this.registry], async collect() { this.set(value(await metrics.measure())); } });
    };
    gauge('event_store_head_position', 'position of the last event in the log', (m) => m.head);
    gauge('projector_checkpoint_position', 'log position the read models include (events projected)', (m) => m.projected);
    gauge('projector_lag_positions', 'head position minus projected position', (m) => Math.max(0, m.head - m.projected));
    gauge('projector_lag_seconds', 'age of the oldest event not yet in the read models (0 when caught up)', (m) => m.lagSeconds);
  }

  private measure(): Promise<LogMeasure> {
    this.measuring ??= this.readLog().finally(() => setTimeout(() => (this.measuring = null), 50).unref());
    return this.measuring;
  }

  private async readLog(): Promise<LogMeasure> {
    const [headPosition, checkpoint] = await Promise.all([this.store.headPosition(), this.reader.projectedPosition()]);
    const head = headPosition ? Number(headPosition.commit) : 0;
    const projected = checkpoint === null ? 0 : Number(checkpoint);
    let lagSeconds = 0;
    if (head > projected) {
      const after = checkpoint === null ? undefined : { commit: checkpoint, prepare: checkpoint };
      for await (const event of this.store.readAll({ after, limit: 1 })) lagSeconds = Math.max(0, (Date.now() - Date.parse(event.recordedAt)) / 1000);
    }
    return { head, projected, lagSeconds };
  }
}
