import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { propertyLocation } from '../../src/io/property-locations.js';
import { propertyBelow, rememberCallSite } from '../../src/source-sites.js';
import type { SourceRef } from '../../src/diagnostic.js';

/** A definition file on disk and a call site recorded on `line` for `builder`, as captureSource does. */
function site(text: string, line: number, builder?: string): SourceRef {
  const file = path.join(tempDir(), 'index.ts');
  writeFileSync(file, text);
  // A column that matches no call: the call is found by its line and builder name alone.
  const source = { file: 'definitions/index.ts', line, column: 99 };
  rememberCallSite(source, { absolute: file, ...(builder ? { builder } : {}) });
  return source;
}

const at = (source: SourceRef, ...fields: string[]) => {
  const { line, column } = propertyLocation(propertyBelow(source, fields));
  return `${line}:${column}`;
};

describe('property locations: the line and column of a property inside the builder call', () => {
  const text = [
    "import { alert as a } from 'totem-mon';", // 1
    'export const x = a({ // the alias is still found', // 2
    "  alert: 'X',", // 3
    '  /* expr: not this one */', // 4
    '  expr: `', // 5
    '    rate(x[5m]) > 1`,', // 6
    "  'for': '5m',", // 7
    '  annotations: {', // 8
    "    summary: 'ação',", // 9
    "    ['runbook_url']: 'https://example.com',", // 10
    '  },', // 11
    "  tests: [{ name: 'fires', input: [] }, { name: 'quiet', input: [] }],", // 12
    '} as const);', // 13
  ].join('\n');

  it.each([
    [['expr'], '5:3'],
    [['for'], '7:3'],
    [['annotations', 'summary'], '9:5'],
    [['annotations', 'runbook_url'], '10:5'],
    [['tests[1]'], '12:41'],
    [['tests', 'quiet'], '12:41'],
    [['tests', 'fires', 'input'], '12:28'],
    // Not written there: the deepest property that is, then the call itself.
    [['annotations', 'description'], '8:3'],
    [['labels', 'severity'], '2:18'],
  ])('%j → %s', (fields, expected) => {
    expect(at(site(text, 2, 'alert'), ...fields)).toBe(expected);
  });

  it('tells two builder calls on one line apart by the builder name', () => {
    const source = site("row({ title: 'R', panels: [timeseriesPanel({ title: 'P', unit: 's' })] });", 1, 'timeseriesPanel');
    expect(at(source, 'unit')).toBe('1:58');
    const rowSource = site("row({ title: 'R', panels: [timeseriesPanel({ title: 'P', unit: 's' })] });", 1, 'row');
    expect(at(rowSource, 'title')).toBe('1:7');
  });

  it('does not count positions past a spread in an array', () => {
    const source = site("alert({ tests: [...common, { name: 'x' }] });", 1, 'alert');
    expect(at(source, 'tests[1]')).toBe('1:9');
  });

  it('keeps the source as it is when the file cannot be read or parsed into a call on that line', () => {
    const source = site('const nothing = 1;\n', 1, 'alert');
    expect(propertyLocation(propertyBelow(source, ['expr']))).toEqual({ file: 'definitions/index.ts', line: 1, column: 99 });
    const unknown = { file: 'elsewhere.ts', line: 3, column: 4 };
    expect(propertyLocation(propertyBelow(unknown, ['expr']))).toBe(unknown);
  });

  it('follows a property path in steps: a target, then its field', () => {
    const text2 = ["timeseriesPanel({", "  title: 'P',", '  targets: [', "    { expr: 'a' },", "    { expr: 'b', datasource: { type: 'prometheus', uid: 'x' } },", '  ],', '});'].join('\n');
    const panel = site(text2, 1, 'timeseriesPanel');
    const target = propertyBelow(panel, ['targets[1]']);
    expect(at(target, 'datasource')).toBe('5:18');
    expect(at(target)).toBe('5:5');
  });

  describe('a finding about the call itself (no property)', () => {
    /** A call site recorded at an exact line and column, as the loader records it from the stack. */
    const exact = (text: string, line: number, column: number, builder: string): SourceRef => {
      const file = path.join(tempDir(), 'index.ts');
      writeFileSync(file, text);
      const source = { file: 'definitions/index.ts', line, column };
      rememberCallSite(source, { absolute: file, builder });
      return source;
    };

    it('is the recorded position when that is a plain call of the builder', () => {
      expect(at(exact("export const x = alert({ name: 'X' });", 1, 18, 'alert'))).toBe('1:18');
      expect(at(exact("const y = 1;\nexport const x = [\n  alert ({ name: 'X' }),\n];", 3, 3, 'alert'))).toBe('3:3');
    });

    it('is where the callee starts for a member call, on its line or the line above', () => {
      // The stack gives the position of `alert`; the call starts at its object.
      expect(at(exact("export const x = totem.alert({ name: 'X' });", 1, 24, 'alert'))).toBe('1:18');
      expect(at(exact("export const x = totem\n  .alert({ name: 'X' });", 2, 4, 'alert'))).toBe('1:18');
      expect(at(exact("export const x = totem?.alert({ name: 'X' });", 1, 25, 'alert'))).toBe('1:18');
    });

    it('is found by the parse when the recorded position is not the builder (an alias, another name)', () => {
      expect(at(exact("import { alert as a } from 'totem-mon';\nexport const x = a({ name: 'X' });", 2, 18, 'alert'))).toBe('2:18');
      expect(at(exact("export const x = myalert({ name: 'X' }); alert({});", 1, 20, 'alert'))).toBe('1:42');
    });
  });
});

