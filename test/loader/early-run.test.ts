/**
 * The loader runs definition modules while the rest of their graph is still read
 * (src/io/loader/early-evaluation.ts, through vm-modules.ts). In a real loader process: the modules
 * run in the order Node itself runs them (cycles included), a module that could tell the difference
 * (`await`, promises, `import()`…) stops the early runs, and the one difference left is documented
 * here: a module read after one that ran fails the load with the same error, after that one ran.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../src/io/load.js';
import { tempDir } from '../helpers/cli.js';

/** Writes `files` (name → content) into a new definitions folder. */
function definitions(files: Record<string, string>): string {
  const dir = path.join(tempDir(), 'definitions');
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

// Each module records that it ran; `a` and `b` import each other, `c` is imported after the cycle's
// members are done and must run after them, `d` is shared, `e` re-exports.
const ran = (name: string) => `(globalThis.order ??= []).push('${name}');\n`;
const GRAPH: Record<string, string> = {
  'entry.mjs': `import './a.mjs';\nimport './d.mjs';\nexport * from './e.mjs';\n${ran('entry')}`,
  'a.mjs': `import './b.mjs';\nimport './c.mjs';\n${ran('a')}export const a = 1;\n`,
  'b.mjs': `import { a } from './a.mjs';\nimport './d.mjs';\n${ran('b')}export const b = () => a;\n`,
  'c.mjs': `import './f.mjs';\n${ran('c')}`,
  'd.mjs': ran('d'),
  'e.mjs': `export { b } from './b.mjs';\nimport './f.mjs';\n${ran('e')}`,
  'f.mjs': ran('f'),
};

describe('definition modules that run while the graph is read', () => {
  it('run in the order Node runs the same modules', async () => {
    const dir = definitions({
      ...GRAPH,
      'index.ts': `import './entry.mjs';\nexport default { kind: 'project', order: (globalThis as { order?: string[] }).order };\n`,
    });
    writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
    const node = execFileSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(path.join(dir, 'entry.mjs')).href)}); console.log(JSON.stringify(globalThis.order));`], { encoding: 'utf8' });
    const loaded = await loadDefinitions(dir);
    expect(loaded.diagnostics).toEqual([]);
    expect((loaded.project as { order: string[] }).order).toEqual(JSON.parse(node));
    expect(JSON.parse(node)).toEqual(['d', 'b', 'f', 'c', 'a', 'e', 'entry']);
  });

  it('a module read after one that ran fails the load with its own error, after that one ran', async () => {
    const files = {
      'index.ts': `import './first.ts';\nimport './broken.ts';\nexport default { kind: 'project' };\n`,
      'first.ts': `console.log('first ran');\nexport const first = 1;\n`,
      'broken.ts': `export const = ;\n`,
    };
    const loaded = await loadDefinitions(definitions(files));
    const messages = loaded.diagnostics.map((d) => `${d.severity} ${d.source?.file}: ${d.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^error definitions\/broken\.ts: the definitions could not be loaded: Unexpected token/),
      expect.stringMatching(/^warning definitions\/index\.ts: the definitions wrote 1 line\(s\) to standard output .*"first ran"/),
    ]);
  });

  it.each([
    ['an await', `await 0;`],
    ['a promise', `Promise.resolve().then(() => 0);`],
    ['a microtask', `queueMicrotask(() => {});`],
    ['an import()', `void import('./other.ts');`],
    ['import.meta', `void import.meta.url;`],
    ['the word await in a comment (the test is lexical)', `// await nothing`],
  ])('a module with %s does not run before the graph is read', async (_what, line) => {
    const files = {
      'index.ts': `import './first.ts';\nimport './broken.ts';\nexport default { kind: 'project' };\n`,
      'first.ts': `console.log('first ran');\n${line}\nexport const first = 1;\n`,
      'other.ts': `export const other = 1;\n`,
      'broken.ts': `export const = ;\n`,
    };
    const loaded = await loadDefinitions(definitions(files));
    expect(loaded.diagnostics.map((d) => `${d.severity} ${d.source?.file}: ${d.message}`)).toEqual([
      expect.stringMatching(/^error definitions\/broken\.ts: the definitions could not be loaded: Unexpected token/),
    ]);
  });
});
