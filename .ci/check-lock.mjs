// The registry mirror here lacks some platform-specific optional packages; a lock that names an
// optional dependency without its own entry makes `npm ci` refuse it. Run after any install.
import { readFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8'));
const missing = [];
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const name of Object.keys(entry.optionalDependencies ?? {})) {
    if (!lock.packages[`node_modules/${name}`] && !lock.packages[`${path}/node_modules/${name}`]) missing.push(`${name} <- ${path || 'root'}`);
  }
}
if (missing.length > 0) {
  console.error(`package-lock.json names optional packages it does not lock (npm ci will refuse it):\n${missing.join('\n')}`);
  console.error('pin the parent to a version whose platform packages the registry has (see @swc/core, unrs-resolver in package.json)');
  process.exit(1);
}
console.log('package-lock.json: every optional dependency is locked');
