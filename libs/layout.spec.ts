import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CODE = ['apps', 'libs', 'seeds', 'bench'];

/** Every TypeScript file of the code (specs are tests: they may reach inside what they test). */
function codeFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : codeFiles(file);
    return /\.ts$/.test(entry.name) && !/\.(spec|int-spec|d)\.ts$/.test(entry.name) ? [file] : [];
  });
}

interface Import { readonly from: string; readonly to: string }

/** The repository files a file imports (relative specifiers only), repo-relative, with .ts for .js. */
function importsOf(file: string): Import[] {
  const source = ts.createSourceFile(file, readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.ES2022);
  const found: Import[] = [];
  const add = (specifier: string) => {
    if (specifier.startsWith('.')) found.push({ from: file, to: path.join(path.dirname(file), specifier).replace(/\.js$/, '.ts') });
    else found.push({ from: file, to: `package:${specifier}` });
  };
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && ts.isStringLiteral(node.arguments[0]!)) {
      add((node.arguments[0] as ts.StringLiteral).text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const imports = CODE.flatMap(codeFiles).flatMap(importsOf);
const libOf = (file: string) => /^libs\/([^/]+)\//.exec(file)?.[1] ?? null;
const appOf = (file: string) => /^apps\/([^/]+)\//.exec(file)?.[1] ?? null;
const shown = (found: readonly Import[]) => found.map(({ from, to }) => `${from} -> ${to}`);

/**
 * Issue 16, the layout: apps are thin composition over libs; each lib is used through its public
 * index.ts; the domain depends on nothing of ours and on no framework.
 */
describe('the layout of the code', () => {
  it('reads the code', () => {
    expect(imports.length).toBeGreaterThan(500);
  });

  it('has libs that import no app, seed, bench or test', () => {
    expect(shown(imports.filter(({ from, to }) => libOf(from) && /^(apps|seeds|bench|test)\//.test(to)))).toEqual([]);
  });

  it('uses every lib from outside it through its index.ts only', () => {
    const deep = imports.filter(({ from, to }) => {
      const lib = libOf(to);
      return lib !== null && libOf(from) !== lib && to !== `libs/${lib}/src/index.ts`;
    });
    expect(shown(deep)).toEqual([]);
  });

  it('keeps the two apps apart: neither imports the other', () => {
    expect(shown(imports.filter(({ from, to }) => appOf(from) && appOf(to) && appOf(from) !== appOf(to)))).toEqual([]);
  });

  it('builds seeds and the bench on libs, never on the apps (the bench starts the compiled server as a process)', () => {
    expect(shown(imports.filter(({ from, to }) => /^(seeds|bench)\//.test(from) && to.startsWith('apps/')))).toEqual([]);
  });

  it('keeps the domain pure: no framework, no database, no other lib', () => {
    const impure = imports.filter(({ from, to }) => libOf(from) === 'domain'
      && (/^package:(@nestjs|kysely|better-sqlite3|pg|@eventstore)/.test(to) || (libOf(to) !== null && libOf(to) !== 'domain')));
    expect(shown(impure)).toEqual([]);
  });
});
