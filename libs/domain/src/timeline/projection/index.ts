export * from './contract.js';
export * from './half-day.js';
export * from './project-place.js';
export * from './answers.js';
export * from './memory-reader.js';
export { earliestKeyOf, factOfSpan } from './fact-pieces.js';
export { isBanPiece } from './fact-pieces.js';
