import type { AlertModel, Model, RecordModel, RuleGroupModel, RuleModel } from '../../model/types.js';
import { dependencyOrder, ruleDependencies } from '../../model/rule-dependencies.js';
import { ruleTestFiles } from '../../model/output-paths.js';
import { compact, headerLines, yamlFile, type OutputFile } from '../output.js';
import { groupYaml } from './rules.js';
import { compareCodeUnits } from '../../text-order.js';

export { TESTS_DIR, TEST_FILE_SUFFIX, ruleTestFiles, type RuleTestFiles } from '../../model/output-paths.js';

/** promtool names a failing alert case by this name; validate maps it back to the rule and the case. */
export function testName(rule: RuleModel, testCase: { name: string }): string {
  return `${rule.name} › ${testCase.name}`;
}

const TEMPLATE = /\{\{/;

/** The annotations without templating: they render to themselves, so a case may leave them out. */
export function staticAnnotations(alert: AlertModel): Record<string, string> {
  return Object.fromEntries(Object.entries(alert.annotations).filter(([, v]) => !TEMPLATE.test(v)));
}

function sortKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareCodeUnits(a, b)));
}

type AlertCase = AlertModel['tests'][number];
type RecordCase = RecordModel['tests'][number];

function expectedAlert(alert: AlertModel, expected: AlertCase['expect'][number]) {
  // promtool compares whole label and annotation sets: the rule's own labels are always there, and
  // the static annotations a case leaves out are filled in (templated ones must be given rendered).
  const labels = { ...alert.labels, ...expected.labels };
  const annotations = { ...staticAnnotations(alert), ...expected.annotations };
  return compact({ exp_labels: sortKeys(labels), exp_annotations: sortKeys(annotations) });
}

function labelMatchers(labels: Record<string, string>): string {
  const entries = Object.entries(sortKeys(labels));
  return entries.length === 0 ? '' : `{${entries.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}}`;
}

/**
 * The query a recording rule's case evaluates: the recorded series with the rule's own labels, and
 * a PromQL comment naming the case (promtool prints the query, not the case, when one fails).
 */
export function recordQuery(rule: RecordModel, testCase: { name: string }): string {
  return `${rule.name}${labelMatchers(rule.labels)} # ${testName(rule, testCase).replace(/\s+/g, ' ')}`;
}

const inputSeries = (input: AlertCase['input'] | RecordCase['input']) => input.map((s) => ({ series: s.series, values: s.values }));

function alertCase(alert: AlertModel, testCase: AlertCase) {
  return {
    name: testName(alert, testCase),
    interval: testCase.interval,
    input_series: inputSeries(testCase.input),
    alert_rule_test: [
      // `quietAt`: the same input checked quiet at other times, in this test (src/api/tests.ts).
      ...(testCase.quietAt ?? []).map((at) => ({ eval_time: at, alertname: alert.name, exp_alerts: [] })),
      { eval_time: testCase.at, alertname: alert.name, exp_alerts: testCase.expect.map((e) => expectedAlert(alert, e)) },
    ],
  };
}

function recordCase(rule: RecordModel, testCase: RecordCase) {
  return {
    name: testName(rule, testCase),
    interval: testCase.interval,
    input_series: inputSeries(testCase.input),
    promql_expr_test: [
      {
        expr: recordQuery(rule, testCase),
        eval_time: testCase.at,
        exp_samples: testCase.expect.map((s) => ({ labels: `${rule.name}${labelMatchers({ ...rule.labels, ...s.labels })}`, value: s.value })),
      },
    ],
  };
}

/**
 * The test files of each model, compiled once: validate compiles them first, to start `promtool
 * test rules` on them while the rest is compiled (src/validate/run-tools.ts startRuleTests), and
 * the files profile then takes the same files (the model does not change; nothing changes files).
 */
const compiledTests = new WeakMap<Model, readonly OutputFile[]>();

/** The unit test files of every tested rule (alerts and recording rules), two files each. */
export function compileRuleTests(model: Model): readonly OutputFile[] {
  let files = compiledTests.get(model);
  if (files === undefined) compiledTests.set(model, (files = compileTests(model)));
  return files;
}

function compileTests(model: Model): OutputFile[] {
  const dependencies = ruleDependencies(model);
  const groupOf = new Map(model.ruleGroups.flatMap((g) => g.rules.map((r) => [r, g] as const)));
  return ruleTestFiles(model).flatMap(({ rule, group, test, rules }) => {
    const needed = dependencies.closure(rule);
    const groups = model.ruleGroups.filter((g) => needed.some((r) => groupOf.get(r) === g));
    const order = dependencyOrder(
      groups.map((g) => g.name),
      (name) => needed.filter((r) => groupOf.get(r)!.name === name).flatMap((r) => dependencies.reads(r).map((d) => groupOf.get(d)!.name)),
    );
    const ordered = order.map((name) => groups.find((g) => g.name === name)!);
    const source = rule.source?.file ?? group.source?.file ?? model.entry;
    const what = `${rule.kind === 'alert' ? 'alert' : 'recording rule'} ${rule.name} of group ${group.name}`;
    const ruleFileName = rules.slice(rules.lastIndexOf('/') + 1);
    const cases = rule.kind === 'alert' ? rule.tests.map((t) => alertCase(rule, t)) : rule.tests.map((t) => recordCase(rule, t));
    return [
      yamlFile(
        rules,
        { groups: ordered.map((g) => groupYaml(g, g.rules.filter((r) => needed.includes(r)))) },
        headerLines(source, `the rules the unit tests of ${what} load: it and the recording rules it reads`),
      ),
      yamlFile(
        test,
        {
          // Relative to this file: promtool resolves rule_files from the test file's folder.
          rule_files: [ruleFileName],
          evaluation_interval: rule.testInterval ?? group.interval ?? model.prometheus.evaluationInterval,
          // Groups producing a series another group reads are evaluated first (promtool's own order is random).
          ...(ordered.length > 1 ? { group_eval_order: ordered.map((g) => g.name) } : {}),
          tests: cases,
        },
        headerLines(source, `unit tests of ${what}; run in out/prometheus: promtool test rules ${test.slice('prometheus/'.length)}`),
      ),
    ];
  });
}
