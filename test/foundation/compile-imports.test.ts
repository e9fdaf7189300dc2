// The compilers read the normalised model only: defaults and names are settled there, once. An
// import of the definitions API (src/api/) from src/compile/ means a compiler applies a default or
// reads a shape the model should own.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { relativeImports, typescriptFiles } from '../helpers/imports.js';

const SRC = path.resolve(import.meta.dirname, '../../src');
const API = path.join(SRC, 'api') + path.sep;

const importsApi = (file: string, text: string) => relativeImports(file, text).some((target) => target.startsWith(API));

describe('src/compile', () => {
  it('imports nothing from src/api (the model owns every default and shape the compilers read)', () => {
    const offenders = typescriptFiles(path.join(SRC, 'compile')).filter((file) => importsApi(file, readFileSync(file, 'utf8')));
    expect(offenders.map((f) => path.relative(SRC, f))).toEqual([]);
  });

  it('finds such an import when there is one', () => {
    const file = path.join(SRC, 'compile/prometheus/tests.ts');
    expect(importsApi(file, "import type { AlertTestCase } from '../../api/tests.js';")).toBe(true);
    expect(importsApi(file, "const m = await import('../../api/rules.js');")).toBe(true);
    expect(importsApi(file, "import { compact } from '../output.js';")).toBe(false);
  });
});
