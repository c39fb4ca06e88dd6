export * from './document-events.js';
export * from './document-decider.js';
export * from './locate-quote.js';
export * from './quote-check.js';
export * from './place-quotes.js';
