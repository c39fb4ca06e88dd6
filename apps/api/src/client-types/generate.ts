#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { clientTypesOf, servedOpenApiDocument } from './served-document.js';

/** `npm run client:generate`: libs/client/src/openapi.ts from the document the server serves (built without listening). */
const target = path.resolve(process.argv[2] ?? 'libs/client/src/openapi.ts');
const source = await clientTypesOf(await servedOpenApiDocument());
writeFileSync(target, source);
process.stdout.write(`wrote ${path.relative(process.cwd(), target)} (${source.split('\n').length} lines)\n`);
