/**
 * The definitions run as vm modules of the loader's own thread (src/io/loader/vm-modules.ts), not
 * through Node's module hooks: what a definition imports and uses must behave as it does for
 * Node's own modules — the one API instance, builtins, packages, JSON, cycles, folders, imports
 * without extension, JavaScript modules, top-level await, import(), import.meta — with every
 * builder call site exact, an unresolvable import failing with Node's own message, and nothing
 * on standard error (Node's notice that vm modules are experimental is not the user's).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDefinitions, selfEntry } from '../../src/io/load.js';
import { pathToFileURL } from 'node:url';
import { FIXTURES, tempDir } from '../helpers/cli.js';
import { runCliProcess } from '../helpers/process.js';

const GRAPH = path.join(FIXTURES, 'loader/module-graph');

/** 1-based line and column of `needle` in a file of the fixture. */
function locate(file: string, needle: string): { file: string; line: number; column: number } {
  const text = readFileSync(path.join(GRAPH, file), 'utf8');
  const before = text.slice(0, text.indexOf(needle)).split('\n');
  return { file: `module-graph/${file}`, line: before.length, column: before[before.length - 1]!.length + 1 };
}

describe('the definitions as vm modules', () => {
  it('import and use what Node modules can, with the one API instance and exact call sites', async () => {
    const loaded = await loadDefinitions(GRAPH);
    expect(loaded.diagnostics).toEqual([]);
    const { facts } = loaded.project as { facts: Record<string, unknown> };
    expect(facts).toEqual({
      sameApi: true,
      builtins: ['index.ts', path.sep, 'string'],
      yaml: 'a: 1\n',
      json: { from: 'json', list: [1, 2] },
      cycle: ['a', 'b', 'a', 'b'],
      folder: 'folder/index.ts',
      plain: 'plain.ts, imported without an extension',
      level: 2,
      settled: 'after a timer',
      late: 'imported while the definitions ran',
      meta: { url: true, dirname: true, resolved: true, missing: true, api: pathToFileURL(selfEntry()).href },
      alerts: [
        { kind: 'alert', name: 'FromTypeScript', expr: 'up == 0', source: locate('index.ts', "alert(partial({ name: 'FromTypeScript'") },
        { kind: 'alert', name: 'FromJavaScript', expr: 'up == 1', source: locate('helper.mjs', "alert({ name: 'FromJavaScript'") },
      ],
    });
  });

  it.each([
    ["import './missing.js';", (dir: string) => `Cannot find module '${path.join(dir, 'missing.js')}' imported from ${path.join(dir, 'index.ts')}`],
    ["import './folder';", (dir: string) => `Directory import '${path.join(dir, 'folder')}' is not supported resolving ES modules imported from ${path.join(dir, 'index.ts')}`],
    ["import 'no-such-package';", (dir: string) => `Cannot find package 'no-such-package' imported from ${path.join(dir, 'index.ts')}`],
  ])('%s fails with the message Node gives', async (statement, message) => {
    const dir = path.join(tempDir(), 'definitions');
    mkdirSync(path.join(dir, 'folder'), { recursive: true });
    writeFileSync(path.join(dir, 'index.ts'), `${statement}\nexport default { kind: 'project' };\n`);
    const loaded = await loadDefinitions(dir);
    expect(loaded.diagnostics.map((d) => d.message)).toEqual([`the definitions could not be loaded: ${message(dir)}`]);
  });

  it('leave standard error to the definitions: no notice that vm modules are experimental', async () => {
    const result = await runCliProcess(['validate', '--offline', '--format', 'json', '--definitions', GRAPH]);
    expect(JSON.parse(result.stdout)).toMatchObject({ definitions: expect.stringContaining('module-graph') });
    expect(result.stderr).toBe('');
  });
});
