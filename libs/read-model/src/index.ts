// The read models' public face. Nothing exported here may load Nest: the answer worker threads
// load this index (a Nest module loaded in a worker raced Node 20's require(esm)).
export * from './answers/index.js';
export { KyselyTimelineReader, startWindowOfRow, type FactFilter, type InstitutionRecord, type InstitutionsPage, type TimelineReader } from './timeline-reader.js';
export { KyselyDocumentReader, type DocumentSummary } from './document-reader.js';
export { openReadModel, openReadModelForReading, type OpenReadModelOptions, type OpenedReadModel, type ReadModelDialect } from './open-read-model.js';
export { READ_MODEL_PROJECTOR } from './read-model-store.js';
export { ReadModelStore, type ReadModelStoreHooks } from './read-model-store.js';
export { ReadModelProjection, readModelConsumer, STATISTICS_AFTER_EVENTS } from './read-model-projection.js';
export { migrateReadModel, migrationProvider, type MigrationSet } from './migrations.js';
export { checkReadModelAgainstLog, type ReadModelMismatchPolicy } from './log-consistency.js';
export { openCheckedStores, reconcileReadModel, type StoreConfig } from './startup-checks.js';
export { isPostgres, positionParam, type ReadModelDatabase } from './schema.js';
