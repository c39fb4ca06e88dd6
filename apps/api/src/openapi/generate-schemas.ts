import { writeFileSync } from 'node:fs';
import { contractSchemasModule, SCHEMAS_FILE } from './schema-generator.js';

/** `npm run openapi:schemas`: writes generated/contract-schemas.ts from contract-types.ts (no options). */
if (process.argv.slice(2).some((argument) => argument === '--help' || argument === '-h')) {
  console.log('usage: npm run openapi:schemas\n  writes apps/api/src/openapi/generated/contract-schemas.ts from the types of contract-types.ts');
} else {
  writeFileSync(SCHEMAS_FILE, contractSchemasModule());
  console.log(`wrote ${SCHEMAS_FILE}`);
}
