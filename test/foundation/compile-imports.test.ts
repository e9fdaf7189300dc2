// The compilers read the normalised model only: defaults and names are settled there, once. An
// import of the definitions API (src/api/) from src/compile/ means a compiler applies a default or
// reads a shape the model should own.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** The src/ folders a file imports from (static imports, type-only ones included, and dynamic ones). */
export function importedFolders(file: string, text: string): string[] {
  const specifiers = [...text.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
  return specifiers
    .filter((s) => s.startsWith('.'))
    .map((s) => path.relative(SRC, path.resolve(path.dirname(file), s)).split(path.sep)[0]!);
}

describe('src/compile', () => {
  it('imports nothing from src/api (the model owns every default and shape the compilers read)', () => {
    const offenders = sources(path.join(SRC, 'compile')).filter((file) => importedFolders(file, readFileSync(file, 'utf8')).includes('api'));
    expect(offenders.map((f) => path.relative(SRC, f))).toEqual([]);
  });

  it('finds such an import when there is one', () => {
    const file = path.join(SRC, 'compile/prometheus/tests.ts');
    expect(importedFolders(file, "import type { AlertTestCase } from '../../api/tests.js';")).toEqual(['api']);
    expect(importedFolders(file, "const m = await import('../../api/rules.js');")).toEqual(['api']);
    expect(importedFolders(file, "import { compact } from '../output.js';")).toEqual(['compile']);
  });
});
