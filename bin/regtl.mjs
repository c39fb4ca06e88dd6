#!/usr/bin/env node
// The package's `regtl` command (package.json bin). This file is committed so that npm and npx always
// find it and link it: npx caches the links of a local package per directory, and a bin pointing into
// an unbuilt dist/ was never linked, nor retried once dist/ existed ("sh: regtl: not found", exit 127).
// The CLI runs from dist/. In a source checkout whose dist/ is not built yet, it is built once first,
// with the build's output on stderr so that stdout stays the command's answer.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'dist/apps/cli/src/main.js');
const builder = path.join(root, 'scripts/build-changed.mjs');
if (!existsSync(cli) && existsSync(builder)) {
  process.stderr.write('regtl: dist/ is not built; building it once (scripts/build-changed.mjs)\n');
  execFileSync(process.execPath, [builder], { cwd: root, stdio: ['ignore', process.stderr, 'inherit'] });
}
await import(pathToFileURL(cli).href);
