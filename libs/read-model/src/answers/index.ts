export * from './as-of-answers.js';
export * from './fact-timeline.js';
export * from './institution-status.js';
export * from './question-text.js';
export * from './state-parts.js';
