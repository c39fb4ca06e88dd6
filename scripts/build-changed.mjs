#!/usr/bin/env node
// `npm start` and the other scripts run the compiled code; this brings dist/ up to date first, doing
// only what changed: `tsc -b` compiles nothing when dist/tsconfig.build.tsbuildinfo says the sources
// are unchanged (under a second), and the page is bundled again only when a file under web/ is newer
// than dist/web/index.html. A fresh clone builds everything once.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const run = (args) => execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
/** a package's command, by its package.json `bin` (vite exports no bin path) */
const bin = (name) => {
  const manifest = createRequire(import.meta.url).resolve(`${name}/package.json`);
  const { bin: bins } = JSON.parse(readFileSync(manifest, 'utf8'));
  return path.join(path.dirname(manifest), typeof bins === 'string' ? bins : bins[name === 'typescript' ? 'tsc' : name]);
};

run([bin('typescript'), '-b', 'tsconfig.build.json']);

const bundle = path.join(root, 'dist/web/index.html');
const newest = (dir) => readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .reduce((latest, entry) => Math.max(latest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs), 0);
if (!existsSync(bundle) || newest(path.join(root, 'web')) > statSync(bundle).mtimeMs) {
  run([bin('typescript'), '-p', 'web/tsconfig.json']);
  run([bin('vite'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
}
