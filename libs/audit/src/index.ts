// the chain itself lives beside the adapters that write it
export {
  canonicalEventText, chainEvents, checkStoredText, eventHash, GENESIS_HASH, HASH_ALGORITHM, metadataWithoutLinks, nextPrevHash,
  type ChainedEvent, type ChainLinks, type EventToChain, type HashableEvent, type StoredEventText, type StoredTextCheck,
} from '../../event-store/src/index.js';
export * from './merkle.js';
export * from './verify-log.js';
export * from './log-digest.js';
export * from './export-line.js';
export * from './replay.js';
export { digestStore, verifyStore } from './store-audit.js';
export { usesCheckerThread, type ParallelVerifyOptions } from './parallel/checked-log.js';
