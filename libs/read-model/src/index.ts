// The read models' public face. Nothing exported here may load Nest: the answer worker threads
// load this index (a Nest module loaded in a worker raced Node 20's require(esm)).
export * from './answers/index.js';
export * from './timeline-reader.js';
export * from './document-reader.js';
export * from './quote-placement.js';
export { openReadModel, openReadModelForReading, type OpenReadModelOptions, type OpenedReadModel, type ReadModelDialect } from './open-read-model.js';
export * from './read-model-store.js';
export * from './read-model-projection.js';
export { migrateReadModel, migrationProvider, type MigrationSet } from './migrations.js';
export { checkReadModelAgainstLog, type ReadModelMismatchPolicy } from './log-consistency.js';
export { openCheckedStores, reconcileReadModel, type StoreConfig } from './startup-checks.js';
export * from './schema.js';
export { holdDataDir, liveServersOn, type DataDirUser } from './data-dir-users.js';
export { SqlProjectionReader } from './projection-reader.js';
export { LIVE_RUN, recomputeDirty, type PlaceProjector } from './projection-maintenance.js';
