import type { AlertModel, Model, RuleGroupModel } from '../../model/types.js';
import type { AlertTestCase, ExpectedAlert } from '../../api/tests.js';
import { compact, headerLines, yamlFile, type OutputFile } from '../output.js';
import { ruleFilePath } from './rules.js';

export const TESTS_DIR = 'prometheus/tests';

export function testFilePath(group: RuleGroupModel): string {
  return `${TESTS_DIR}/${group.fileName}.test.yml`;
}

/** promtool names a failing test by this name; validate maps it back to the alert and the case. */
export function testName(alert: AlertModel, testCase: AlertTestCase): string {
  return `${alert.name} › ${testCase.name}`;
}

const TEMPLATE = /\{\{/;

/** Annotations without templating render to themselves, so a case may leave them out. */
export function staticAnnotations(alert: AlertModel): Record<string, string> | undefined {
  return Object.values(alert.annotations).some((v) => TEMPLATE.test(v)) ? undefined : alert.annotations;
}

function expectedAlert(alert: AlertModel, expected: ExpectedAlert) {
  // promtool compares whole label sets: the rule's own labels are always there, so they are added.
  const labels = { ...alert.labels, ...expected.labels };
  const annotations = expected.annotations ?? staticAnnotations(alert) ?? {};
  return compact({ exp_labels: sortKeys(labels), exp_annotations: sortKeys(annotations) });
}

function sortKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function testGroup(alert: AlertModel, testCase: AlertTestCase) {
  return {
    name: testName(alert, testCase),
    interval: testCase.interval ?? '1m',
    input_series: testCase.input.map((s) => ({ series: s.series, values: s.values })),
    alert_rule_test: [{ eval_time: testCase.at, alertname: alert.name, exp_alerts: testCase.expect.map((e) => expectedAlert(alert, e)) }],
  };
}

/** `out/prometheus/tests/<group>.test.yml` for every group whose alerts carry test cases. */
export function compileRuleTests(model: Model): OutputFile[] {
  return model.ruleGroups.flatMap((group) => {
    const alerts = group.rules.filter((r): r is AlertModel => r.kind === 'alert');
    const tests = alerts.flatMap((a) => a.tests.map((t) => testGroup(a, t)));
    if (tests.length === 0) return [];
    const file = testFilePath(group);
    return [
      yamlFile(
        file,
        {
          // Relative to this file: promtool resolves rule_files from the test file's folder.
          rule_files: [`../${ruleFilePath(group).slice('prometheus/'.length)}`],
          evaluation_interval: group.interval ?? model.prometheus.evaluationInterval,
          tests,
        },
        headerLines(group.source?.file ?? model.entry, `unit tests of rule group ${group.name}; run: promtool test rules ${file.slice('prometheus/'.length)}`),
      ),
    ];
  });
}
