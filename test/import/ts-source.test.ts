/** Issue 22: the TypeScript import writes says exactly what the input said. */
import { describe, expect, it } from 'vitest';
import { identifier, tsString, tsValue } from '../../src/import/ts-source.js';

const evaluate = (source: string): unknown => new Function(`return ${source};`)();

describe('TypeScript source for imported values', () => {
  it('string literals hold any text exactly: quotes, backslashes, backticks, ${, newlines', () => {
    for (const text of ["it's", 'a\\d+b', 'rate(x{path=~"/api/.*"}[5m])', 'line one\n  `two` ${three} \\n', '{{ $labels.job }}', 'tab\there', '']) {
      expect(evaluate(tsString(text))).toBe(text);
    }
  });

  it('writes an expression over several lines as a template literal, line for line', () => {
    expect(tsString('sum(x)\n  > 1\n')).toBe('`sum(x)\n  > 1\n`');
  });

  it('lays an object out on one line when it fits and one property a line when not, quoting keys that need it', () => {
    expect(tsValue({ severity: 'critical', 'app.kubernetes.io/name': 'x' })).toBe("{ severity: 'critical', 'app.kubernetes.io/name': 'x' }");
    const long = tsValue({ summary: 'a'.repeat(60), description: 'b'.repeat(60) });
    expect(long).toBe(`{\n  summary: '${'a'.repeat(60)}',\n  description: '${'b'.repeat(60)}',\n}`);
    expect(evaluate(long)).toEqual({ summary: 'a'.repeat(60), description: 'b'.repeat(60) });
  });

  it('makes unique, valid identifiers from rule names', () => {
    const taken = new Set<string>();
    expect(['HighErrorRate', 'job:http_requests:rate5m', 'HighErrorRate', '5xx-errors', 'delete'].map((n) => identifier(n, taken))).toEqual([
      'highErrorRate',
      'jobHttpRequestsRate5m',
      'highErrorRate2',
      'rule5xxErrors',
      'deleteRule',
    ]);
  });
});
