// A change to Totem (definitions/) must not break tests that are not about Totem: test code and
// fixtures bring their own small definitions. Only the tests about Totem itself read it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { relativeImports, typescriptFiles } from '../helpers/imports.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const TEST = path.join(REPO, 'test');
const DEFINITIONS = path.join(REPO, 'definitions') + path.sep;

/** About Totem: the end-to-end chain serves Totem's catalogue; document-alerts is its source document's own alerts. */
const ABOUT_TOTEM = ['test/e2e/stack.ts', 'test/fixtures/e2e/index.ts', 'test/fixtures/validate/document-alerts/index.ts'];

const importsTotem = (file: string, text: string) => relativeImports(file, text).some((target) => target.startsWith(DEFINITIONS));

describe('test code and fixtures', () => {
  it('import nothing from definitions/ except the tests about Totem', () => {
    const importers = typescriptFiles(TEST)
      .filter((file) => importsTotem(file, readFileSync(file, 'utf8')))
      .map((file) => path.relative(REPO, file).split(path.sep).join('/'));
    expect(importers.filter((f) => !ABOUT_TOTEM.includes(f))).toEqual([]);
  });

  it('finds such an import when there is one', () => {
    const file = path.join(TEST, 'fixtures/tests/threshold-changed/index.ts');
    expect(importsTotem(file, "import totem from '../../../../definitions/index.js';")).toBe(true);
    expect(importsTotem(file, "import { shop } from '../shop.js';")).toBe(false);
  });
});
