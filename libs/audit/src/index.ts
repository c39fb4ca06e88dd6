// the chain itself lives beside the adapters that write it
export * from '../../event-store/src/event-hash.js';
export * from './merkle.js';
export * from './verify-log.js';
export * from './log-digest.js';
export * from './export-line.js';
export * from './replay.js';
