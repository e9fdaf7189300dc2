/**
 * An alert test case's `quietAt`: other times at which the same input must not fire the alert,
 * checked in the same promtool test as `at` (an `alert_rule_test` entry each, expecting nothing).
 * Compiled, run by promtool (and failing when the alert fires there), judged by the checks that
 * judge quiet cases, and imported back from such a test.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { alert, defineProject, ruleGroup, scrapeJob, synth, type AlertTestCase } from '../../src/index.js';
import { runOn } from '../helpers/model.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { findBinary, itWithBinaries } from '../helpers/tools.js';
import { importProject } from '../helpers/imported.js';
import { alertCasePlans } from '../../src/import/promtool-tests.js';
import { catalogue, queueDepth, texts } from '../fixtures/rule-tests/base.js';
import { execa } from 'execa';

const withPromtool = itWithBinaries(['promtool']);
const emails = queueDepth.select({ queue: 'emails' });

function project(tests: AlertTestCase[], expr = `max by (queue) (${queueDepth}) > 10`) {
  const rule = alert({ name: 'QueueLong', expr, for: '5m', labels: { severity: 'warning' }, annotations: texts, tests });
  return defineProject({
    name: 'orders',
    metrics: catalogue,
    prometheus: { scrapeJobs: [scrapeJob({ name: 'orders-api', targets: ['orders:8080'] })] },
    ruleGroups: [ruleGroup({ name: 'orders', rules: [rule] })],
  });
}

/** A queue that grows from 20 minutes in: quiet at 10m and 22m (for: 5m not yet elapsed), firing at 30m. */
const growing: AlertTestCase = {
  name: 'a queue that grows at 20m fires by 30m',
  input: [{ series: emails, values: '2x20 20x20' }],
  quietAt: ['10m', '22m'],
  at: '30m',
  expect: [{ labels: { queue: 'emails' } }],
};

type TestFile = { tests: Array<{ name: string; alert_rule_test: Array<{ eval_time: string; alertname: string; exp_alerts: unknown[] }> }> };

async function compiled(tests: AlertTestCase[], expr?: string): Promise<{ files: Record<string, string>; file: TestFile }> {
  const { files, diagnostics } = await synth(project(tests, expr));
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { files, file: parse(files['prometheus/tests/orders/queuelong.test.yml']!) as TestFile };
}

function writeOut(files: Record<string, string>): string {
  const out = tempDir();
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
    writeFileSync(path.join(out, file), content);
  }
  return path.join(out, 'prometheus');
}

describe('quietAt', () => {
  it('compiles to one alert_rule_test entry per time, expecting no alert, before the entry at `at`; one test', async () => {
    const { file } = await compiled([growing]);
    expect(file.tests).toHaveLength(1);
    expect(file.tests[0]!.alert_rule_test.map((a) => [a.eval_time, a.alertname, a.exp_alerts.length])).toEqual([
      ['10m', 'QueueLong', 0],
      ['22m', 'QueueLong', 0],
      ['30m', 'QueueLong', 1],
    ]);
    // Without it, a case is one entry, as always.
    const { file: plain } = await compiled([{ ...growing, quietAt: undefined } as AlertTestCase]);
    expect(plain.tests[0]!.alert_rule_test.map((a) => a.eval_time)).toEqual(['30m']);
  });

  withPromtool('promtool checks every time: the case passes, and fails at a quiet time when the alert fires there', async () => {
    const { files } = await compiled([growing]);
    const dir = writeOut(files);
    const run = () => execa(findBinary('promtool')!, ['test', 'rules', 'tests/orders/queuelong.test.yml'], { cwd: dir, reject: false, all: true });
    const passed = await run();
    expect(passed.exitCode, passed.all).toBe(0);
    // The threshold lowered under the first 20 minutes' 2: the alert fires by 10m, where the case says quiet.
    const rules = path.join(dir, 'tests/orders/queuelong.rules.yml');
    writeFileSync(rules, readFileSync(rules, 'utf8').replace('> 10', '> 1'));
    const failed = await run();
    expect(failed.exitCode, failed.all).toBe(1);
    expect(failed.all).toMatch(/alertname: QueueLong, time: 10m,\s*exp:\[\],?\s*got:\[/);
  });

  it('is a list of durations, checked by the schema', async () => {
    const { diagnostics } = await synth(project([{ ...growing, quietAt: ['10 minutes'] }]));
    expect(diagnostics.map((d) => [d.id, d.path?.join('.')])).toContainEqual(['schema', 'ruleGroups.orders.rules.QueueLong.tests[0].quietAt[0]']);
  });

  it('tests/vacuous-case judges each time as a quiet case of its own, at its entry', () => {
    const early = { ...growing, quietAt: ['3m', '22m'] };
    const found = runOn(project([early]), ['tests/vacuous-case']);
    expect(found.map((f) => [f.message.replace(/ could elapse.*/, ''), f.path?.slice(-3)])).toEqual([
      ['test case "a queue that grows at 20m fires by 30m" of alert QueueLong expects no alert at 3m, before its for: 5m', [growing.name, 'quietAt', '0']],
    ]);
    expect(runOn(project([growing]), ['tests/vacuous-case'])).toEqual([]);
  });

  it('tests/alert-coverage counts a case with quietAt as the case that stays quiet', () => {
    expect(runOn(project([growing]), ['tests/alert-coverage'])).toEqual([]);
    const found = runOn(project([{ ...growing, quietAt: [] }]), ['tests/alert-coverage']);
    expect(found.map((f) => f.message)).toEqual(['alert QueueLong has no test case that stays quiet']);
  });
});

describe('quietAt from promtool test files (import)', () => {
  const entry = (eval_time: string, exp_alerts: unknown, alertname = 'A') => ({ eval_time, alertname, exp_alerts });

  it("an alert's entries before its last one that expect nothing are that case's quietAt; anything else stays a case each", () => {
    // The last one firing or quiet alike; exp_alerts empty, null or not written.
    expect(alertCasePlans([entry('5m', []), entry('7m', null), entry('10m', [{}])])).toEqual([{ index: 2, quietAt: ['5m', '7m'] }]);
    expect(alertCasePlans([entry('5m', []), { eval_time: '7m', alertname: 'A' }, entry('10m', [])])).toEqual([{ index: 2, quietAt: ['5m', '7m'] }]);
    // An earlier entry that expects an alert: each its own case.
    expect(alertCasePlans([entry('5m', [{}]), entry('10m', [])])).toEqual([{ index: 0, quietAt: [] }, { index: 1, quietAt: [] }]);
    // Entries of other alerts keep their own cases, in the order of the entries that make them.
    expect(alertCasePlans([entry('5m', []), entry('5m', [], 'B'), entry('10m', [{}]), entry('9m', [{}], 'C')])).toEqual([
      { index: 1, quietAt: [] },
      { index: 2, quietAt: ['5m'] },
      { index: 3, quietAt: [] },
    ]);
    expect(alertCasePlans([entry('5m', [])])).toEqual([{ index: 0, quietAt: [] }]);
  });

  it('import → generate gives the same test file back, and the written definition has the quietAt', async () => {
    const { files } = await compiled([growing]);
    const dir = writeOut(files);
    const { root, into } = importProject();
    const imported = await runCli(['import', dir, '--into', into, '--format', 'json']);
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    const report = JSON.parse(imported.stdout) as { items: Array<{ status: string; what: string }> };
    expect(report.items.filter((i) => i.status === 'raw' || i.status === 'error')).toEqual([]);
    expect(report.items.filter((i) => i.what.startsWith('test case')).map((i) => i.what)).toEqual([`test case ${JSON.stringify(growing.name)}`]);
    const written = readFileSync(path.join(into, 'rules/orders.ts'), 'utf8');
    expect(written).toMatch(/quietAt: \['10m', '22m'\],\s*at: '30m'/);
    const out = path.join(root, 'out');
    const generated = await runCli(['generate', '--definitions', into, '--out', out]);
    expect(generated.code, generated.stdout + generated.stderr).toBe(0);
    const body = (text: string) => text.replace(/^(#[^\n]*\n)+\n?/, '');
    const file = 'prometheus/tests/orders/queuelong.test.yml';
    expect(body(readFileSync(path.join(out, file), 'utf8'))).toBe(body(files[file]!));
  });
});
