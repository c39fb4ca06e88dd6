import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Every package a module loads, following its relative imports (type-only ones are erased, so skipped). */
function packagesLoadedBy(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
    for (const statement of source.statements) {
      const isImport = ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly;
      const isExport = ts.isExportDeclaration(statement) && !statement.isTypeOnly;
      if (!isImport && !isExport) continue;
      const specifier = statement.moduleSpecifier;
      if (!specifier || !ts.isStringLiteral(specifier)) continue;
      if (!specifier.text.startsWith('.')) {
        packages.add(specifier.text);
        continue;
      }
      const target = path.resolve(path.dirname(file), specifier.text.replace(/\.js$/, '.ts'));
      if (existsSync(target)) visit(target);
    }
  };
  visit(path.join(ROOT, entry));
  return packages;
}

/** A worker thread that loaded a Nest module raced Node 20's require(esm): the threads' code stays free of the framework. */
describe.each(['apps/api/src/timeline/answer-worker.ts', 'apps/api/src/projector/projector-worker.ts', 'libs/event-store/src/range-checker/range-check-worker.ts'])('the worker thread %s', (entry) => {
  it('loads no Nest module', () => {
    const loaded = [...packagesLoadedBy(entry)];
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.filter((name) => name.startsWith('@nestjs/'))).toEqual([]);
  });
});
