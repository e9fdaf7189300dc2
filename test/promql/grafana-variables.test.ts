import { describe, expect, it } from 'vitest';
import { substituteWithSpans } from '../../src/promql/grafana-variables.js';
import { parsePromql } from '../../src/promql/parse.js';

describe('Grafana variables in panel queries, for the PromQL analysis', () => {
  it('reads a variable where PromQL wants a duration as one: ranges, subquery steps, offsets', () => {
    for (const expr of ['rate(x_total[$window])', 'max_over_time(x[1h:${step}])', 'x offset $shift', 'rate(x_total[ $__rate_interval ])']) {
      const { text, variables } = substituteWithSpans(expr);
      expect(parsePromql(text).errors, `${expr} → ${text}`).toEqual([]);
      expect(variables).toEqual([]);
    }
  });

  it('keeps other variables as names of their own length (label values, selectors), with their spans', () => {
    const { text, variables } = substituteWithSpans('sum(x{job="$job"}) / $total');
    expect(text).toBe('sum(x{job="_job"}) / _total');
    expect(variables.map((v) => text.slice(v.from, v.to))).toEqual(['_job', '_total']);
  });

  it('reads the [[name]] form (also [[name:format]]) as the $name form: a duration in a range, a name of its own length elsewhere', () => {
    const range = substituteWithSpans('rate(x_total[[[window]]]) / rate(x_total[[[__rate_interval]]])');
    expect(range.text).toBe('rate(x_total[5m]) / rate(x_total[5m])');
    expect(range.variables).toEqual([]);
    const { text, variables, toExpr } = substituteWithSpans('sum by ([[group]]) (x{job=~"[[job:regex]]"})');
    expect(text).toBe('sum by (__group__) (x{job=~"__job_regex__"})');
    expect(parsePromql(text).errors).toEqual([]);
    expect(variables.map((v) => text.slice(v.from, v.to))).toEqual(['__group__', '__job_regex__']);
    expect(toExpr(text.indexOf('__group__'))).toBe(8);
    // A POSIX class in a regex is no variable.
    expect(substituteWithSpans('x{a=~"[[:alpha:]]+"}').variables).toEqual([]);
  });

  it('leaves a query without `$` as written, with no variables and offsets as they are (the context analyses such a query as written)', () => {
    for (const expr of ['sum by (job) (rate(x_total{a="b"}[5m]))', 'x{a=~"[[:alpha:]]"}', 'x{a=~"{{b}}"} / on (c) y', '', 'histogram_quantile(0.9, sum by (le) (rate(x_bucket[1m])))']) {
      const { text, variables, toExpr } = substituteWithSpans(expr);
      expect(text).toBe(expr);
      expect(variables).toEqual([]);
      for (let i = 0; i <= expr.length; i++) expect(toExpr(i)).toBe(i);
    }
  });
});
