import { describe, expect, it } from 'vitest';
import { CASE_WEIGHT, testWeight } from '../../src/validate/test-weight.js';

const file = (path: string, content: string) => ({ path, content });

const RULES = `groups:
  - name: g
    rules:
      - record: a:rate5m
        expr: rate(a[5m])
      - alert: A
        expr: a:rate5m > 1
      - alert: B
        expr: a:rate5m > 2
`;

describe("a rule test file's weight (batches of promtool test rules)", () => {
  it('is the evaluation ticks of every case, up to its last eval_time, times the rules it loads, and a fixed cost per case', () => {
    const test = `rule_files:
  - a.rules.yml
evaluation_interval: 5m
tests:
  - name: "one"
    interval: 1m
    input_series:
      - series: a
        values: 0+1x120
    alert_rule_test:
      - eval_time: 1h
        alertname: A
        exp_alerts: []
  - name: "two"
    interval: 1m
    alert_rule_test:
      - eval_time: 10m
        alertname: A
        exp_alerts: []
      - eval_time: 30m
        alertname: B
        exp_alerts: []
`;
    const weight = testWeight([file('t/a.test.yml', test), file('t/a.rules.yml', RULES)]);
    // (60m / 5m + 1) + (30m / 5m + 1) ticks, 3 rules; a storage set up for each of the 2 cases.
    expect(weight('t/a.test.yml')).toBe((13 + 7) * 3 + 2 * CASE_WEIGHT);
  });

  it('takes promtool\'s default evaluation interval (1m) when the file sets none, and is never 0', () => {
    const test = `tests:\n  - name: x\n    promql_expr_test:\n      - expr: a\n        eval_time: "2m"\n`;
    const weight = testWeight([file('t/b.test.yml', test), file('t/b.rules.yml', RULES)]);
    expect(weight('t/b.test.yml')).toBe(3 * 3 + CASE_WEIGHT);
    expect(testWeight([])('t/missing.test.yml')).toBe(1);
  });
});
