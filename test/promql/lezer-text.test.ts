import { describe, expect, it } from 'vitest';
import { lezerText } from '../../src/promql/lezer-text.js';
import { analyzePromql } from '../../src/promql/analyze.js';
import { parsePromql, parsedInParts } from '../../src/promql/parse.js';

describe('lezerText: holt_winters read by a grammar that only knows double_exponential_smoothing', () => {
  it('swaps the call for a name of the same length, nothing else', () => {
    const text = 'holt_winters (x{a="holt_winters"}[1h], 0.5, 0.5) + my_holt_winters + job:holt_winters';
    const out = lezerText(text);
    expect(out.length).toBe(text.length);
    expect(out).toBe('day_of_month (x{a="holt_winters"}[1h], 0.5, 0.5) + my_holt_winters + job:holt_winters');
  });

  it('parses as a call whose name, labels and argument come from the text as written', () => {
    const lookup = (name: string) => (name === 'queue' ? ['job', 'queue'] : undefined);
    const analysis = analyzePromql('holt_winters(queue[1h], 0.5, 0.5) > 100', lookup);
    expect(analysis.parsed.errors).toEqual([]);
    expect(analysis.calls.map((c) => [c.name, c.from, c.to, c.argKinds])).toEqual([['holt_winters', 0, 33, ['MatrixSelector', 'NumberDurationLiteral', 'NumberDurationLiteral']]]);
    expect(analysis.selectors.map((s) => [s.name, s.enclosing])).toEqual([['queue', ['holt_winters']]]);
    expect(analysis.result).toMatchObject({ kind: 'vector', labels: new Set(['job', 'queue']) });
  });

  it('also in an expression parsed in parts', () => {
    const text = `holt_winters(queue[1h], 0.5, 0.5) > ${Array.from({ length: 3000 }, () => '1').join(' + ')}`;
    expect(parsedInParts(text).errors).toEqual([]);
    expect(parsePromql(text).errors).toEqual([]);
  });
});
