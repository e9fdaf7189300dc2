/**
 * promtool unit-test files (`rule_files`, `evaluation_interval`, `tests`) → the tests of the
 * imported rules. Each `alert_rule_test` of a test becomes a case of the one alert it names (those
 * before an alert's last entry in the test that expect nothing become that case's `quietAt`), each
 * `promql_expr_test` that reads a recorded series (`name{rule's labels}`) a case of the recording
 * rule that records it; the rule is found among those the test file loads (its `rule_files`), then
 * matched to the imported rule with the same content. What cannot be mapped so (an expression that
 * is not a recorded series, an alert name two loaded alerts share, external labels) is reported
 * and left out, never approximated.
 */
import { analyzePromql } from '../promql/analyze.js';
import type { InputDocument } from './detect.js';
import type { ImportedAlertCase, ImportedRecordCase, ImportedSeries } from './project.js';
import type { ImportedGroup, ImportedRule } from './rule-groups.js';
import type { ImportItem } from './report.js';
import { isObject, scalarText as text, stringMap } from './yaml-values.js';
import { compareCodeUnits } from '../text-order.js';

export interface LoadedRuleFiles {
  /** The groups of every rule file the test file names (globs expanded). */
  groups: ImportedGroup[];
  /** Patterns that matched no file. */
  missing: string[];
}

export interface TestsMapped {
  tests: Map<ImportedRule, Array<ImportedAlertCase | ImportedRecordCase>>;
  items: ImportItem[];
  /** Per test file: the evaluation interval it evaluates its rules at (promtool's default 1m when not written). */
  evaluationIntervals: Array<{ file: string; interval: string }>;
  /** Per tested rule: the evaluation interval of the test file its cases come from (the first, when several). */
  testIntervals: Map<ImportedRule, string>;
}


/** What makes two rules the same rule: everything Prometheus evaluates of it. */
export function ruleKey(rule: ImportedRule): string {
  const sorted = (r: Record<string, string>) => Object.entries(r).sort(([a], [b]) => compareCodeUnits(a, b));
  return JSON.stringify([rule.kind, rule.name, rule.expr, rule.for ?? '', rule.keepFiringFor ?? '', sorted(rule.labels), sorted(rule.annotations)]);
}

/** A series written as `name{a="b", …}`: its name and `=` label values (undefined for anything else). */
export function seriesLabels(series: string): { name: string | undefined; labels: Record<string, string> } | undefined {
  const analysis = analyzePromql(series, () => undefined);
  const [selector] = analysis.selectors;
  if (analysis.parsed.errors.length > 0 || !selector || analysis.selectors.length !== 1) return undefined;
  if (analysis.parsed.root?.name !== 'VectorSelector') return undefined;
  const labels: Record<string, string> = {};
  for (const m of selector.matchers) {
    if (m.op !== '=' || m.label === '__name__') continue;
    labels[m.label] = m.value;
  }
  if (selector.matchers.some((m) => m.op !== '=' && m.label !== '__name__')) return undefined;
  return { name: selector.name, labels };
}

/** Labels without those the rule adds itself (the compiled test adds them back). */
function withoutRuleLabels(labels: Record<string, string>, rule: ImportedRule): Record<string, string> | undefined {
  const out = Object.fromEntries(Object.entries(labels).filter(([k, v]) => rule.labels[k] !== v));
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The test's name without the `<rule> › ` prefix totem-mon's own test files give it (it is added back). */
function caseName(name: string, rule: ImportedRule, index: number, count: number, at: string): string {
  const own = name.startsWith(`${rule.name} › `) ? name.slice(rule.name.length + 3) : name;
  return count > 1 ? `${own} (at ${at}, #${index + 1})` : own;
}

function inputSeries(value: unknown): ImportedSeries[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: ImportedSeries[] = [];
  for (const s of value) {
    const series = isObject(s) ? text(s['series']) : undefined;
    const values = isObject(s) ? text(s['values']) : undefined;
    if (series === undefined || values === undefined) return undefined;
    out.push({ series, values });
  }
  return out;
}

const STATIC = (value: string) => !value.includes('{{');

interface TestContext {
  file: string;
  loaded: ImportedRule[];
  /** Imported rules by content (ruleKey). */
  imported: Map<string, ImportedRule[]>;
  items: ImportItem[];
  add: (rule: ImportedRule, testCase: ImportedAlertCase | ImportedRecordCase) => void;
}

/** The imported rule a loaded rule is, or why there is none. */
function importedRule(rule: ImportedRule, context: TestContext): ImportedRule | string {
  const same = context.imported.get(ruleKey(rule)) ?? [];
  if (same.length === 1) return same[0]!;
  return same.length === 0 ? `the rule ${rule.name} it loads is not among the imported rules` : `${same.length} imported rules are exactly ${rule.name}`;
}

/** An `exp_alerts` that expects no alert: an empty list, or none written. */
const expectsNothing = (assertion: Record<string, unknown>) => {
  const expected = assertion['exp_alerts'];
  return expected === undefined || expected === null || (Array.isArray(expected) && expected.length === 0);
};

/**
 * The cases a test's `alert_rule_test` entries make: each entry its own, except that the entries
 * for one alert that come before its last one and expect nothing are that last one's `quietAt`
 * (what totem-mon writes for a case with `quietAt`: the same input checked quiet at other times).
 */
export function alertCasePlans(alerts: ReadonlyArray<Record<string, unknown>>): Array<{ index: number; quietAt: string[] }> {
  const entries = new Map<string, number[]>();
  alerts.forEach((a, i) => {
    const name = text(a['alertname']);
    if (name !== undefined) entries.set(name, [...(entries.get(name) ?? []), i]);
  });
  const absorbed = new Map<number, number[]>();
  for (const list of entries.values()) {
    const earlier = list.slice(0, -1);
    if (earlier.length > 0 && earlier.every((i) => expectsNothing(alerts[i]!))) absorbed.set(list[list.length - 1]!, earlier);
  }
  const skipped = new Set([...absorbed.values()].flat());
  return alerts.flatMap((_, index) => (skipped.has(index) ? [] : [{ index, quietAt: (absorbed.get(index) ?? []).map((i) => text(alerts[i]!['eval_time']) ?? '0s') }]));
}

function alertCase(assertion: Record<string, unknown>, quietAt: string[], base: Omit<ImportedAlertCase, 'name' | 'at' | 'expect'> & { name: string }, index: number, count: number, context: TestContext, path: string[]): void {
  const alertname = text(assertion['alertname']);
  const at = text(assertion['eval_time']) ?? '0s';
  const what = `test ${JSON.stringify(base.name)}${alertname ? ` of alert ${alertname}` : ''}`;
  const refuse = (reason: string): void => void context.items.push({ status: 'raw', file: context.file, path, what, reason: `${reason}; not mapped` });
  if (alertname === undefined) return refuse('no alertname');
  const loaded = context.loaded.filter((r) => r.kind === 'alert' && r.name === alertname);
  if (loaded.length !== 1) return refuse(loaded.length === 0 ? `the rule files it loads have no alert ${alertname}` : `the rule files it loads have ${loaded.length} alerts named ${alertname}, and a case belongs to one`);
  const rule = importedRule(loaded[0]!, context);
  if (typeof rule === 'string') return refuse(rule);
  const expected = Array.isArray(assertion['exp_alerts']) ? assertion['exp_alerts'] : assertion['exp_alerts'] === undefined || assertion['exp_alerts'] === null ? [] : undefined;
  if (!expected) return refuse('exp_alerts is not a list');
  const expect: ImportedAlertCase['expect'] = [];
  for (const e of expected) {
    const labels = isObject(e) ? stringMap(e['exp_labels']) : undefined;
    const annotations = isObject(e) ? stringMap(e['exp_annotations']) : undefined;
    if (!labels || !annotations) return refuse('an expected alert is not exp_labels/exp_annotations maps of strings');
    // The compiled case adds the rule's labels and its annotations without templating back.
    const ownAnnotations = Object.fromEntries(Object.entries(annotations).filter(([k, v]) => !(STATIC(rule.annotations[k] ?? '{{') && rule.annotations[k] === v)));
    const l = withoutRuleLabels(labels, rule);
    expect.push({ ...(l ? { labels: l } : {}), ...(Object.keys(ownAnnotations).length > 0 ? { annotations: ownAnnotations } : {}) });
  }
  context.add(rule, { ...base, name: caseName(base.name, rule, index, count, at), ...(quietAt.length > 0 ? { quietAt } : {}), at, expect });
}

function recordCase(assertion: Record<string, unknown>, base: Omit<ImportedRecordCase, 'name' | 'at' | 'expect'> & { name: string }, index: number, count: number, context: TestContext, path: string[]): void {
  const expr = text(assertion['expr']) ?? '';
  const at = text(assertion['eval_time']) ?? '0s';
  const what = `test ${JSON.stringify(base.name)} (promql_expr_test ${JSON.stringify(expr.replace(/\s*#.*$/s, ''))})`;
  const refuse = (reason: string): void => void context.items.push({ status: 'raw', file: context.file, path, what, reason: `${reason}; not mapped` });
  const selected = seriesLabels(expr.replace(/\s*#[^\n]*$/, ''));
  if (!selected || selected.name === undefined) return refuse('its expression is not a recorded series selected by = matchers, so it tests no one recording rule');
  const candidates = context.loaded.filter(
    (r) => r.kind === 'record' && r.name === selected.name && Object.entries(selected.labels).every(([k, v]) => r.labels[k] === v),
  );
  if (candidates.length !== 1) return refuse(candidates.length === 0 ? `the rule files it loads record no ${selected.name} with those labels` : `${candidates.length} loaded rules record ${selected.name} with those labels`);
  const loaded = candidates[0]!;
  const extra = Object.keys(selected.labels).filter((k) => loaded.labels[k] === undefined);
  if (extra.length > 0) return refuse(`it selects on ${extra.join(', ')}, which the rule does not set`);
  const rule = importedRule(loaded, context);
  if (typeof rule === 'string') return refuse(rule);
  const samples = Array.isArray(assertion['exp_samples']) ? assertion['exp_samples'] : assertion['exp_samples'] === undefined || assertion['exp_samples'] === null ? [] : undefined;
  if (!samples) return refuse('exp_samples is not a list');
  const expect: ImportedRecordCase['expect'] = [];
  for (const s of samples) {
    const labels = isObject(s) ? seriesLabels(text(s['labels']) ?? '') : undefined;
    const value = isObject(s) ? s['value'] : undefined;
    if (!labels || labels.name !== rule.name || typeof value !== 'number') return refuse(`an expected sample is not ${rule.name}{…} with a number value`);
    const l = withoutRuleLabels(labels.labels, rule);
    expect.push({ ...(l ? { labels: l } : {}), value });
  }
  context.add(rule, { ...base, name: caseName(base.name, rule, index, count, at), at, expect });
}

/** Maps every test file's cases to the imported rules they test; `loadRules` resolves a test file's `rule_files`. */
export function mapPromtoolTests(documents: readonly InputDocument[], groups: readonly ImportedGroup[], loadRules: (doc: InputDocument) => LoadedRuleFiles): TestsMapped {
  const tests = new Map<ImportedRule, Array<ImportedAlertCase | ImportedRecordCase>>();
  const items: ImportItem[] = [];
  const evaluationIntervals: TestsMapped['evaluationIntervals'] = [];
  const testIntervals = new Map<ImportedRule, string>();
  const imported = new Map<string, ImportedRule[]>();
  for (const rule of groups.flatMap((g) => g.rules)) imported.set(ruleKey(rule), [...(imported.get(ruleKey(rule)) ?? []), rule]);
  for (const doc of documents.filter((d) => d.kind === 'promtool-tests')) {
    const rules = loadRules(doc);
    for (const pattern of rules.missing) items.push({ status: 'error', file: doc.file, path: ['rule_files'], what: `rule file ${pattern}`, reason: 'no such file: the tests that need its rules are not mapped' });
    const interval = text(doc.value['evaluation_interval']) ?? '1m';
    evaluationIntervals.push({ file: doc.file, interval });
    const context: TestContext = {
      file: doc.file,
      loaded: rules.groups.flatMap((g) => g.rules),
      imported,
      items,
      add: (rule, testCase) => {
        tests.set(rule, [...(tests.get(rule) ?? []), testCase]);
        const before = testIntervals.get(rule);
        if (before === undefined) testIntervals.set(rule, interval);
        else if (before !== interval) {
          items.push({ status: 'guessed', file: doc.file, path: ['evaluation_interval'], what: `test case ${JSON.stringify(testCase.name)}`, reason: `evaluated every ${before} like the other tests of ${rule.name}, not every ${interval}` });
        }
        items.push({ status: 'converted', file: doc.file, what: `test case ${JSON.stringify(testCase.name)}`, reason: `a test of ${rule.kind === 'alert' ? 'alert' : 'recording rule'} ${rule.name}` });
      },
    };
    const list = Array.isArray(doc.value['tests']) ? doc.value['tests'] : [];
    list.forEach((test, t) => {
      const path = ['tests', String(t)];
      if (!isObject(test)) return;
      const name = text(test['name']) ?? `test ${t + 1}`;
      const input = inputSeries(test['input_series'] ?? []);
      const refuse = (reason: string): void => void items.push({ status: 'raw', file: doc.file, path, what: `test ${JSON.stringify(name)}`, reason: `${reason}; not mapped` });
      if (!input) return refuse('input_series is not a list of series and values');
      if (input.length === 0) return refuse('it has no input series, and a case needs one');
      for (const key of ['external_labels', 'external_url']) if (test[key] !== undefined) return refuse(`it sets ${key}, which rule tests here do not carry`);
      const interval = text(test['interval']);
      const base = { name, ...(interval !== undefined ? { interval } : {}), input };
      const alerts = Array.isArray(test['alert_rule_test']) ? test['alert_rule_test'].filter(isObject) : [];
      const exprs = Array.isArray(test['promql_expr_test']) ? test['promql_expr_test'].filter(isObject) : [];
      const plans = alertCasePlans(alerts);
      const count = plans.length + exprs.length;
      plans.forEach((p, i) => alertCase(alerts[p.index]!, p.quietAt, base, i, count, context, [...path, 'alert_rule_test', String(p.index)]));
      exprs.forEach((e, i) => recordCase(e, base, plans.length + i, count, context, [...path, 'promql_expr_test', String(i)]));
    });
  }
  return { tests, items, evaluationIntervals, testIntervals };
}
