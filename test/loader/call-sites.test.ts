/**
 * Every builder's source crosses from the loader process with its call site (src/source-sites.ts):
 * the definition file's absolute path and the builder called, which property locations need. The
 * sites cross as a list beside the sources (shared per file and builder), so each source must get
 * its own call's site back, never a neighbour's.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../src/io/load.js';
import { callSiteOf } from '../../src/source-sites.js';
import type { SourceRef } from '../../src/diagnostic.js';
import { FIXTURES } from '../helpers/cli.js';

const POSITIONS = path.join(FIXTURES, 'loader', 'positions');
const LATE_IMPORT = path.join(FIXTURES, 'loader', 'late-import');

/** Where `needle` occurs (the `nth` time, from 1) in a fixture file, as a source names it. */
function locate(file: string, needle: string, nth: number, dir = POSITIONS): { file: string; line: number; column: number } {
  const text = readFileSync(path.join(dir, file), 'utf8');
  let at = -1;
  for (let i = 0; i < nth; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${needle} not in ${file}`);
  const before = text.slice(0, at).split('\n');
  return { file: `${path.basename(dir)}/${file}`, line: before.length, column: before[before.length - 1]!.length + 1 };
}

interface Sourced {
  kind: string;
  source?: SourceRef;
}

/** Every object of the project with a `kind` and a source, in a walk of the graph. */
function sourced(root: unknown): Sourced[] {
  const found: Sourced[] = [];
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    if (typeof (node as Sourced).kind === 'string' && (node as Sourced).source) found.push(node as Sourced);
    stack.push(...Object.values(node));
  }
  return found;
}

/** Each sourced object of the definitions in `dir`, with its position and call site, in position order. */
async function sitesOf(dir: string) {
  const loaded = await loadDefinitions(dir);
  expect(loaded.diagnostics).toEqual([]);
  return sourced(loaded.project)
    .map((object) => ({ kind: object.kind, file: object.source!.file, line: object.source!.line, column: object.source!.column, site: callSiteOf(object.source!) }))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

describe('builder call sites after a load', () => {
  it("each source has its own call's site: the definition file and the builder", async () => {
    const sites = await sitesOf(POSITIONS);
    const call = (file: string, builder: string, nth = 1) => ({ ...locate(file, `${builder}(`, nth), site: { absolute: path.join(POSITIONS, file), builder } });
    expect(sites).toEqual([
      { kind: 'metric', ...call('catalogue.ts', 'gauge') },
      { kind: 'scrapeJob', ...call('index.ts', 'scrapeJob') },
      { kind: 'project', ...call('index.ts', 'defineProject') },
      { kind: 'ruleGroup', ...call('index.ts', 'ruleGroup') },
      { kind: 'alert', ...call('rules.ts', 'alert', 1) },
      { kind: 'alert', ...call('rules.ts', 'alert', 2) },
    ]);
  });

  it('a module imported while the definitions run (a dynamic import): its positions mapped as exactly', async () => {
    const sites = await sitesOf(LATE_IMPORT);
    const call = (file: string, builder: string) => ({ ...locate(file, `${builder}(`, 1, LATE_IMPORT), site: { absolute: path.join(LATE_IMPORT, file), builder } });
    expect(sites).toEqual([
      { kind: 'metric', ...call('catalogue.ts', 'gauge') },
      { kind: 'project', ...call('index.ts', 'defineProject') },
      { kind: 'ruleGroup', ...call('index.ts', 'ruleGroup') },
      { kind: 'alert', ...call('rules.ts', 'alert') },
    ]);
  });
});
