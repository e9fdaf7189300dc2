/**
 * The loader's own source-map lookup (src/io/loader/source-map.ts) against Node's: for every
 * position of code oxc generated from a TypeScript file, both find the same original position.
 */
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { transformSync } from 'oxc-transform';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/cli.js';
import { decodeMappings, lineCount, lineSegments, originalPosition } from '../../src/io/loader/source-map.js';
import { stripTypes } from '../../src/io/loader/transform.js';

const FILES = ['loader/positions/rules.ts', 'loader/positions/index.ts', 'loader/base.ts', 'shared/base.ts'];

describe('source-map lookup', () => {
  it.each(FILES)('%s: every generated position maps where Node maps it', (name) => {
    const file = path.join(FIXTURES, name);
    const result = transformSync(file, readFileSync(file, 'utf8'), { lang: 'ts', sourceType: 'module', sourcemap: true });
    const node = new SourceMap({ version: 3, file, sources: [file], names: [], mappings: result.map!.mappings } as never);
    const ours = decodeMappings(result.map!.mappings);
    const lines = result.code.split('\n');
    let compared = 0;
    lines.forEach((text, i) => {
      for (let column = 1; column <= text.length; column++) {
        const entry = node.findEntry(i, column - 1) as { generatedLine?: number; originalLine?: number; originalColumn?: number };
        // Node falls back to an earlier line's segment; ours maps a line only through its own segments.
        if (entry.generatedLine !== i || entry.originalLine === undefined) continue;
        expect(originalPosition(ours, i + 1, column), `${name}:${i + 1}:${column}`).toEqual({ line: entry.originalLine + 1, column: entry.originalColumn! + 1 });
        compared++;
      }
    });
    expect(compared).toBeGreaterThan(100);
  });

  it('the progress marker line shifts every mapping down one line', () => {
    const file = path.join(FIXTURES, 'loader/positions/rules.ts');
    const source = readFileSync(file, 'utf8');
    const plain = stripTypes(source, file, { progress: false });
    const marked = stripTypes(source, file, { progress: true });
    expect(marked.code.split('\n').slice(1, 1 + plain.code.split('\n').length)).toEqual(plain.code.split('\n'));
    const a = decodeMappings(plain.mappings);
    const b = decodeMappings(marked.mappings);
    expect(lineCount(b)).toBe(lineCount(a) + 1);
    expect(lineSegments(b, 0)).toEqual(new Int32Array());
    for (let line = 0; line < lineCount(a); line++) expect(lineSegments(b, line + 1)).toEqual(lineSegments(a, line));
  });
});
