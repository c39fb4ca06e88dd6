import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { contractSchemasModule, SCHEMAS_FILE } from './schema-generator.js';

describe('the generated contract schemas', () => {
  it('are up to date with the types of contract-types.ts (else: npm run openapi:schemas)', () => {
    expect(readFileSync(SCHEMAS_FILE, 'utf8')).toBe(contractSchemasModule());
  });
});
