import { checkStoredText, type LogRangeReader, type StoredTextCheck } from '../../../event-store/src/index.js';

/** A range of log positions, `from` < position <= `to`, to check. */
export interface RangeRequest {
  readonly index: number;
  readonly from: bigint;
  readonly to: bigint;
}

/**
 * The events of a range as a checker thread found them, column by column (cheap to pass between
 * threads): what the chain walk needs, and whether each stored text hashes to the hash it carries.
 * hash and prevHash are null where the metadata text does not end with the links.
 */
export interface CheckedRange {
  readonly index: number;
  readonly positions: BigInt64Array<ArrayBuffer>;
  readonly revisions: Float64Array<ArrayBuffer>;
  readonly eventIds: string[];
  readonly streamNames: string[];
  readonly types: string[];
  readonly hashes: Array<string | null>;
  readonly prevHashes: Array<string | null>;
  /** 1: the stored text proves the event (the fast path); 0: the walk must check the parsed event */
  readonly matches: Uint8Array<ArrayBuffer>;
}

/** Reads a range and checks every row's stored text (what verify spends most of its time on). */
export function checkRange(reader: LogRangeReader, request: RangeRequest): CheckedRange {
  const rows = reader.readRange(request.from, request.to);
  const range: CheckedRange = {
    index: request.index,
    positions: new BigInt64Array(rows.length),
    revisions: new Float64Array(rows.length),
    eventIds: [], streamNames: [], types: [], hashes: [], prevHashes: [],
    matches: new Uint8Array(rows.length),
  };
  rows.forEach((event, i) => {
    const checked: StoredTextCheck | null = checkStoredText(event, event.storedText);
    range.positions[i] = event.position.commit;
    range.revisions[i] = event.revision;
    range.eventIds.push(event.eventId);
    range.streamNames.push(event.streamName);
    range.types.push(event.type);
    range.hashes.push(checked?.hash ?? null);
    range.prevHashes.push(checked?.prevHash ?? null);
    range.matches[i] = checked?.matches ? 1 : 0;
  });
  return range;
}
