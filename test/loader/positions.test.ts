/**
 * Issue 16, "keep source positions exact": the loader strips types with oxc, which reformats the
 * code; builder call sites and thrown errors are mapped back through source maps, so every problem
 * points at the user's TypeScript line and column (not only the line).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../helpers/cli.js';
import { syntaxErrorDefinitions } from './syntax-error.js';

const LOADER = path.join(FIXTURES, 'loader');

/** 1-based line and column of the `nth` occurrence (from 1) of `needle` in a fixture file. */
function locate(file: string, needle: string, nth = 1): { file: string; line: number; column: number } {
  const text = readFileSync(path.join(LOADER, file), 'utf8');
  let at = -1;
  for (let i = 0; i < nth; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${needle} not in ${file}`);
  const before = text.slice(0, at).split('\n');
  return { file, line: before.length, column: before[before.length - 1]!.length + 1 };
}

interface Reported {
  id: string;
  message: string;
  location?: { file: string; line: number; column: number };
}

async function report(name: string): Promise<Reported[]> {
  const result = await runCli(['validate', '--offline', '--format', 'json', '--definitions', path.isAbsolute(name) ? name : path.join(LOADER, name)]);
  return (JSON.parse(result.stdout) as { diagnostics: Reported[] }).diagnostics;
}

describe('problems point at the TypeScript line and column', () => {
  it('builder calls: two alerts on one line, behind enums, casts and annotations, each finding at its own property', async () => {
    const diagnostics = await report('positions');
    const at = (id: string) => diagnostics.filter((d) => d.id === id).map((d) => d.location);
    // Findings point at the property they are about (src/io/property-locations.ts), found below the
    // builder call the loader recorded: the exact column tells the two calls on line 13 apart.
    expect(at('promql/unknown-metric')).toEqual([locate('positions/rules.ts', 'expr: `app_queue_lenght')]);
    expect(at('alert/severity')).toEqual([locate('positions/rules.ts', "severity: 'page'")]);
    expect(at('tests/alert-coverage')).toEqual([locate('positions/rules.ts', 'alert(', 2), locate('positions/rules.ts', 'alert(', 1)]);
    expect(locate('positions/rules.ts', 'alert(', 2)).toEqual({ file: 'positions/rules.ts', line: 13, column: 137 });
  });

  it('an error thrown while loading: at the throw', async () => {
    const diagnostics = await report('throws');
    expect(diagnostics).toEqual([
      expect.objectContaining({ id: 'load', message: 'the definitions could not be loaded: refusing 1 rule group(s)', location: locate('throws/index.ts', 'new Error') }),
    ]);
  });

  it('TypeScript that does not parse: at the offending token', async () => {
    const diagnostics = await report(syntaxErrorDefinitions());
    expect(diagnostics).toEqual([
      expect.objectContaining({ id: 'load', message: 'the definitions could not be loaded: Unexpected token', location: { file: 'syntax-error/index.ts', line: 4, column: 15 } }),
    ]);
  });
});
