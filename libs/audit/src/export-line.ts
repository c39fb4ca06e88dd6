import { parsePosition, positionToJson, type RecordedEvent } from '../../event-store/src/index.js';
import type { LoggedEvent } from '../../domain/src/index.js';
import type { AuditedEvent } from './verify-log.js';

/** One line of the NDJSON export: everything needed to verify the chain and replay answers offline. */
export interface ExportLine {
  readonly position: number | string;
  readonly eventId: string;
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  readonly data: unknown;
  /** as stored, with hash and prevHash */
  readonly metadata: Record<string, unknown>;
  readonly recordedAt: string;
}

export const toExportLine = (event: RecordedEvent): ExportLine => ({
  position: positionToJson(event.position),
  eventId: event.eventId,
  stream: event.streamName,
  revision: event.revision,
  type: event.type,
  data: event.data,
  metadata: { ...event.metadata },
  recordedAt: event.recordedAt,
});

export class InvalidExportLineError extends Error {
  constructor(readonly lineNumber: number, reason: string) {
    super(`line ${lineNumber}: ${reason}`);
  }
}

/** A line back to an event (for verify and replay), checking its shape. */
export function fromExportLine(text: string, lineNumber: number): AuditedEvent & { readonly recordedAt: string } {
  let line: Partial<ExportLine>;
  try {
    line = JSON.parse(text) as Partial<ExportLine>;
  } catch {
    throw new InvalidExportLineError(lineNumber, 'is not JSON');
  }
  const position = parsePosition(String(line.position ?? ''));
  if (!position) throw new InvalidExportLineError(lineNumber, 'has no position');
  if (typeof line.stream !== 'string' || typeof line.type !== 'string' || typeof line.eventId !== 'string'
    || typeof line.revision !== 'number' || typeof line.recordedAt !== 'string') {
    throw new InvalidExportLineError(lineNumber, 'needs eventId, stream, revision, type and recordedAt');
  }
  return {
    position, eventId: line.eventId, streamName: line.stream, revision: line.revision, type: line.type,
    data: line.data ?? null, metadata: line.metadata ?? {}, recordedAt: line.recordedAt,
  };
}

/** What the point-in-time fold needs of an event. */
export const toLoggedEvent = (event: AuditedEvent & { readonly recordedAt: string }): LoggedEvent => ({
  position: Number(event.position.commit), recordedAt: event.recordedAt, type: event.type, data: event.data,
  actor: typeof event.metadata?.actor === 'string' ? event.metadata.actor : null,
});
