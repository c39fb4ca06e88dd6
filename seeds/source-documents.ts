import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DocumentInput } from '../libs/domain/src/index.js';

/**
 * The documents the seeds quote, registered before the seed notices (docs/provenance.md): the five
 * source documents (`shared/sources/`, ids = their file names, as the seeds' `source.document`) and
 * the research notes (`shared/research/timeline-facts.md`, id `research/timeline-facts.md`).
 * Titles are the documents' own first lines; kinds as the seeds say them (seeds/documents/revisions.ts).
 */
interface SeedDocument {
  readonly document: string;
  /** path under shared/ */
  readonly file: string;
  readonly title: string | null;
  readonly language: string;
  readonly kind: DocumentInput['kind'];
}

const source = (name: string, kind: DocumentInput['kind']): SeedDocument =>
  ({ document: name, file: path.join('sources', name), title: null, language: 'en', kind });

export const SEED_DOCUMENTS: readonly SeedDocument[] = [
  source('000_75f2afc41285faae.txt', 'translation'),
  source('001_23c39a3baf8a8859.txt', 'translation'),
  source('002_4a6bbc94062e667f.txt', 'translation'),
  source('003_120a717767cf1151.txt', 'translation'),
  source('004_ba8a3840d4a23d3b.txt', 'summary'),
  { document: 'research/timeline-facts.md', file: path.join('research', 'timeline-facts.md'),
    title: 'Research notes: facts beyond the five source documents', language: 'en', kind: 'secondary' },
];

/** The repository's root: the nearest directory above this file holding package.json (seeds/ in a checkout, dist/seeds/ built). */
function repositoryRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return import.meta.dirname;
    dir = parent;
  }
  return dir;
}

/** Where the documents are: SEED_SHARED_DIR, else `shared/` beside the repository (its parent holds shared/). */
export function sharedDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return env.SEED_SHARED_DIR ? path.resolve(env.SEED_SHARED_DIR) : path.resolve(repositoryRoot(), '..', 'shared');
}

/** The first non-blank line of a text, trimmed, as a title (at most 200 characters). */
const firstLine = (text: string): string => (text.split('\n').find((line) => line.trim() !== '') ?? '').trim().slice(0, 200);

/**
 * The seed documents found on disk, read as UTF-8 byte for byte (their SHA-256 is `sha256sum`'s);
 * those missing (an image built without shared/) are left out: their quotes are then taken as written.
 */
export function seedDocuments(dir: string = sharedDirectory()): DocumentInput[] {
  return SEED_DOCUMENTS.flatMap((seed) => {
    const file = path.join(dir, seed.file);
    if (!existsSync(file)) return [];
    const text = readFileSync(file, 'utf8');
    return [{ document: seed.document, title: seed.title ?? firstLine(text), text, language: seed.language, kind: seed.kind }];
  });
}
