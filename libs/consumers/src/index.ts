export { backoffDelay, MAX_BACKOFF_MS } from './backoff.js';
export {
  checkpointEventOf, commitAt, commitEvents, readCheckpoint, readCheckpointRecord, takeTurn, writeCheckpoint,
  type CheckpointDatabase, type CheckpointDb, type CheckpointEvent, type CheckpointRecord, type CheckpointsTable,
} from './checkpoints.js';
export { CATCH_UP_HEAP_GROWING_PERCENT, HeapGrowth, processHeapGrowth } from './heap-growth.js';
export { DEFAULT_BATCH_SIZE, LogConsumer, type ConsumerLogger, type ConsumerProgress, type LogConsumerOptions } from './log-consumer.js';
export { LogEventsRead, type LogProcessor } from './processor.js';
export { ConsumerModule, type ConsumerModuleOptions } from './consumer.module.js';
