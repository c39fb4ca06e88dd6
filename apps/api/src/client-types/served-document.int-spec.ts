import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { clientTypesOf, servedOpenApiDocument } from './served-document.js';

const CHECKED_IN = path.resolve(import.meta.dirname, '../../../../libs/client/src/openapi.ts');

describe('the typed client\'s types (libs/client/src/openapi.ts)', () => {
  it('are those of the OpenAPI document the server serves: run `npm run client:generate` after changing the contract', async () => {
    const document = await servedOpenApiDocument();
    expect(document).toMatchObject({ paths: expect.objectContaining({ '/v1/bans': expect.anything() }) });
    const fresh = await clientTypesOf(document);
    const stale = readFileSync(CHECKED_IN, 'utf8') !== fresh;
    expect({ stale, fix: stale ? 'npm run client:generate' : null }).toEqual({ stale: false, fix: null });
  });
});
