import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli, tempDir } from '../helpers/cli.js';
import { itWithBinaries } from '../helpers/tools.js';
import { fromDefinitions } from '../../src/app/stages.js';

const withPromtool = itWithBinaries(['promtool']);
const CROSS_GROUP = path.join(FIXTURES, 'rule-tests', 'cross-group-record');

async function compiled(definitions: string): Promise<Map<string, unknown>> {
  const result = await fromDefinitions({ definitions });
  expect(result.files, result.diagnostics.map((d) => d.message).join('\n')).toBeDefined();
  return new Map(result.files!.filter((f) => f.path.startsWith('prometheus/tests/')).map((f) => [f.path, parse(f.content) as unknown]));
}

interface RuleFile {
  groups: Array<{ name: string; rules: Array<{ alert?: string; record?: string }> }>;
}

/** A copy of the rule-tests fixtures (they share base.ts) with one fixture's text edited. */
function editedFixture(name: string, from: string, to: string): string {
  const root = path.join(tempDir(), 'rule-tests');
  cpSync(path.join(FIXTURES, 'rule-tests'), root, { recursive: true });
  const file = path.join(root, name, 'index.ts');
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
  return path.join(root, name);
}

describe('rule dependencies: a test loads exactly the rules its rule needs (#12 item 3, #16)', () => {
  it('the alert on a recording rule of another group loads that chain of recording rules, dependencies first, and nothing else', async () => {
    const files = await compiled(CROSS_GROUP);
    expect([...files.keys()].sort()).toEqual([
      'prometheus/tests/orders_alerts/paymentsfailing.rules.yml',
      'prometheus/tests/orders_alerts/paymentsfailing.test.yml',
      'prometheus/tests/orders_ratios/route-orders_failures-ratio_rate5m.rules.yml',
      'prometheus/tests/orders_ratios/route-orders_failures-ratio_rate5m.test.yml',
    ]);
    const rules = files.get('prometheus/tests/orders_alerts/paymentsfailing.rules.yml') as RuleFile;
    expect(rules.groups.map((g) => [g.name, g.rules.map((r) => r.alert ?? r.record)])).toEqual([
      ['orders_recording', ['route:orders_requests:rate5m', 'route:orders_failures:rate5m']],
      ['orders_ratios', ['route:orders_failures:ratio_rate5m']],
      ['orders_alerts', ['PaymentsFailing']],
    ]);
    const test = files.get('prometheus/tests/orders_alerts/paymentsfailing.test.yml') as Record<string, unknown>;
    expect(test['rule_files']).toEqual(['paymentsfailing.rules.yml']);
    expect(test['group_eval_order']).toEqual(['orders_recording', 'orders_ratios', 'orders_alerts']);
    const ratio = files.get('prometheus/tests/orders_ratios/route-orders_failures-ratio_rate5m.rules.yml') as RuleFile;
    expect(ratio.groups.map((g) => g.name)).toEqual(['orders_recording', 'orders_ratios']);
  });

  it('a recording rule case compiles to a promql_expr_test on the recorded series, with the rule labels added', async () => {
    const files = await compiled(CROSS_GROUP);
    const test = files.get('prometheus/tests/orders_ratios/route-orders_failures-ratio_rate5m.test.yml') as {
      tests: Array<{ name: string; promql_expr_test: Array<{ expr: string; eval_time: string; exp_samples: unknown[] }> }>;
    };
    expect(test.tests.map((t) => t.name)).toEqual([
      'route:orders_failures:ratio_rate5m › a quarter of the requests fail',
      'route:orders_failures:ratio_rate5m › nothing is recorded without requests',
    ]);
    expect(test.tests[0]!.promql_expr_test).toEqual([
      {
        expr: 'route:orders_failures:ratio_rate5m{team="payments"} # route:orders_failures:ratio_rate5m › a quarter of the requests fail',
        eval_time: '10m',
        exp_samples: [{ labels: 'route:orders_failures:ratio_rate5m{route="/pay", team="payments"}', value: 0.25 }],
      },
    ]);
    expect(test.tests[1]!.promql_expr_test[0]!.exp_samples).toEqual([]);
  });

  withPromtool('validate passes: the alert fires in its test, the recording rule records what its cases expect', async () => {
    const r = await runCli(['validate', '--definitions', CROSS_GROUP, '--format', 'json']);
    const report = JSON.parse(r.stdout) as { diagnostics: Array<{ id: string; severity: string; message: string }>; tools: Array<{ ran: string[] }> };
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.code).toBe(0);
    expect(report.tools[0]!.ran).toContain('test rules');
  });

  withPromtool('a wrong expected sample of a recording rule is reported at its case, with expected and got', async () => {
    const definitions = editedFixture('cross-group-record', "expect: [{ labels: { route: '/pay' }, value: 0.25 }]", "expect: [{ labels: { route: '/pay' }, value: 0.3 }]");
    const r = await runCli(['validate', '--definitions', definitions]);
    expect(r.code).toBe(1);
    expect(r.stdout.match(/\[promtool\/test-rules\]/g)).toHaveLength(1);
    expect(r.stdout).toContain(
      'orders_ratios › rules › route:orders_failures:ratio_rate5m › tests › a quarter of the requests fail: test case "a quarter of the requests fail" failed at 10m:\n' +
        '    expected: route:orders_failures:ratio_rate5m{route="/pay", team="payments"} 0.3\n' +
        '    got:      route:orders_failures:ratio_rate5m{route="/pay", team="payments"} 0.25',
    );
  });
});

// Audit round 25: the closure is the dependency graph's, which reads `__name__` matchers as
// Prometheus does: an alert reading the ratio through a regex (RE2's `(?i)`, which JavaScript's
// own regexes do not take) loads the same chain as one naming it.
describe('rule dependencies through a selector without a literal name', () => {
  const regexFixture = () => editedFixture('cross-group-record', 'expr: `${failureRatio} > 0.1`', 'expr: \'{__name__=~"(?i)ROUTE:ORDERS_FAILURES:RATIO_RATE5M"} > 0.1\'');

  it('loads the recording rules its __name__ matchers select', async () => {
    const files = await compiled(regexFixture());
    const rules = files.get('prometheus/tests/orders_alerts/paymentsfailing.rules.yml') as RuleFile;
    expect(rules.groups.map((g) => [g.name, g.rules.map((r) => r.alert ?? r.record)])).toEqual([
      ['orders_recording', ['route:orders_requests:rate5m', 'route:orders_failures:rate5m']],
      ['orders_ratios', ['route:orders_failures:ratio_rate5m']],
      ['orders_alerts', ['PaymentsFailing']],
    ]);
  });

  withPromtool('and its test passes with promtool', async () => {
    const r = await runCli(['validate', '--definitions', regexFixture(), '--format', 'json']);
    const report = JSON.parse(r.stdout) as { diagnostics: Array<{ id: string; severity: string; message: string }> };
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.code).toBe(0);
  });
});
