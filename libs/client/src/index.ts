// The typed client of the HTTP API: openapi-fetch over the types openapi-typescript generated from
// the served OpenAPI document (`npm run client:generate` writes ./openapi.ts; a test fails when it is stale).
export { timelineClient, describeProblem, type TimelineClient, type TimelineClientOptions, type Problem } from './client.js';
export type { paths, components, operations } from './openapi.js';
