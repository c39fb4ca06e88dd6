export * from './time-query.js';
export * from './recorded-fact.js';
export * from './fold.js';
export * from './summary.js';
export * from './counts.js';
export * from './jurisdiction-state.js';
export * from './bans.js';
export * from './list-page.js';
