import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

let version: string | undefined;

/** The version in the project's package.json (found upward from this file, in src/ or dist/). */
export function serviceVersion(): string {
  if (version) return version;
  for (let dir = import.meta.dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'regulatory-timeline' && manifest.version) return (version = manifest.version);
    }
    if (path.dirname(dir) === dir) return (version = 'unknown');
  }
}
