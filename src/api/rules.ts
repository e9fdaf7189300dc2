import type { SourceRef } from '../diagnostic.js';
import { captureSource } from './source.js';
import { seeExpression } from './expressions-seen.js';
import type { AlertTestCase, RecordTestCase } from './tests.js';
import type { Ignore } from './lint.js';
import type { Series } from './metrics.js';
import { renderSelector, type Matchers } from './selector.js';
import { typedExpr, type ExprInput } from './expr.js';

export type Severity = 'critical' | 'warning' | 'info';

export interface AlertOptions {
  /** Alert name, CamelCase (the `alert:` of the rule file). */
  name: string;
  /** PromQL; build it from catalogue objects so renames follow (see `promql`, `rate`, `ratio`). */
  expr: string;
  /** How long the condition must hold before the alert fires (default: fires at once, and lint warns). */
  for?: string;
  /** How long the alert keeps firing after the condition clears (default none). */
  keepFiringFor?: string;
  /** Labels added to the alert; `severity` is required. */
  labels: { severity: Severity | (string & {}); [name: string]: string };
  annotations: {
    summary: string;
    description: string;
    runbook_url?: string;
    [name: string]: string | undefined;
  };
  /** Unit tests run by `promtool test rules` (see the README). */
  tests?: readonly AlertTestCase[];
  /**
   * How often promtool evaluates the rules in this rule's unit tests (the test file's
   * `evaluation_interval`); default: its group's interval. A coarser tick makes long tests faster.
   */
  testInterval?: string;
  /** Silences checks on this definition, each with the reason: `{ 'alert/naming': 'why' }` (see the README, Checks). */
  ignore?: Ignore;
}

export interface AlertRule extends Readonly<AlertOptions> {
  readonly kind: 'alert';
  readonly source?: SourceRef;
}

/** What a recorded series is, for the types: `'counter'` may go into `rate()`/`increase()`, `'gauge'` not. */
export type RecordedType = 'counter' | 'gauge';

export interface RecordOptions<L extends string = string, S extends string = string, T extends RecordedType = RecordedType> {
  /** Name of the new series, `level:metric:operations` (the `record:` of the rule file). */
  name: string;
  /** PromQL; build it with `sumBy`, `rate`, … so the recorded series is typed by the labels it keeps. */
  expr: ExprInput<L>;
  /** Labels added to every recorded series (they are kept by the series, so its selectors may use them). */
  labels?: { readonly [K in S]: string };
  /**
   * `'gauge'` (default): a value, a rate or a ratio, so `rate()` on it is a type error (and
   * `promql/rate-on-recorded-gauge` in the lint). `'counter'`: still one target's counter per series
   * (relabelled, scaled, or summed by a grouping that keeps `instance`), which `rate()` and
   * `increase()` may read. A sum across targets is not one: rate() it before summing
   * (`promql/rate-over-sum`). The lint still judges the expression itself.
   */
  type?: T;
  /** Unit of the recorded values, for Grafana panel units (`seconds`, `bytes`, `percent`, …), as a metric's. */
  unit?: string;
  /** Unit tests run by `promtool test rules` as `promql_expr_test` (see the README). */
  tests?: readonly RecordTestCase[];
  /**
   * How often promtool evaluates the rules in this rule's unit tests (the test file's
   * `evaluation_interval`); default: its group's interval. A coarser tick makes long tests faster.
   */
  testInterval?: string;
  /** Silences checks on this definition, each with the reason: `{ 'alert/naming': 'why' }` (see the README, Checks). */
  ignore?: Ignore;
}

/**
 * A recording rule, and a handle on the series it records: `.select({ service: 'api' })`, `${rule}`
 * (its name), `rate(rule)` when declared `type: 'counter'`, a metric panel — typed by the labels its
 * expression keeps, so renaming the rule renames every use.
 */
export interface RecordingRule<L extends string = string, T extends RecordedType = RecordedType>
  extends Series<L, T>,
    Readonly<Omit<RecordOptions, 'type'>> {
  readonly kind: 'record';
  readonly name: string;
  readonly type: T;
  readonly source?: SourceRef;
}

export type Rule = AlertRule | RecordingRule;

/**
 * Settings shared by many alerts, given once on a rule group or a team (`alertDefaults`) and written
 * out on each alert in the generated rule files: an alert's own value wins, then its group's, then
 * its team's. Reusable: `const paging: AlertDefaults = { for: '5m', labels: { page: 'true' } }`.
 */
export interface AlertDefaults {
  /** `for` of the alerts that give none. */
  for?: string;
  /** `keepFiringFor` of the alerts that give none. */
  keepFiringFor?: string;
  /** Labels added to every alert (the alert's own labels win). */
  labels?: Readonly<Record<string, string>>;
  /** Annotations added to every alert, e.g. a dashboard link (the alert's own annotations win). */
  annotations?: Readonly<Record<string, string>>;
}

export interface RuleGroupOptions {
  /** Group name; also the rule file's name (`out/prometheus/rules/<name>.yml`). */
  name: string;
  /** Evaluation interval of the group (default: the global evaluation interval). */
  interval?: string;
  /**
   * The most alerts an alerting rule, and series a recording rule, may produce in one evaluation;
   * past it the rule's evaluation fails (Prometheus's group `limit`). Default: no limit.
   */
  limit?: number;
  rules: readonly Rule[];
  /**
   * Labels added to every rule of the group, alerts and recording rules (as Prometheus 3's group
   * labels, written out on each rule since Prometheus 2.42 has none); a rule's own labels win.
   */
  labels?: Readonly<Record<string, string>>;
  /** Defaults for the group's alerts (see `AlertDefaults`). */
  alertDefaults?: AlertDefaults;
  /**
   * Mimir's federated rule groups: the tenants whose data the group's expressions read
   * (`source_tenants`; the ruler needs `-ruler.tenant-federation.enabled`). Only the mimir profile
   * writes it: the project must list `mimir()` in `outputs`.
   */
  sourceTenants?: readonly string[];
  /**
   * Thanos: what a query of the group does when a store answers partially (`partial_response_strategy`,
   * `'warn'` or `'abort'`, the Thanos ruler's default). Written by the thanos profile and in PrometheusRules (for a ThanosRuler); plain Prometheus files leave it out,
   * so the project must list `thanos()` or `prometheusOperator()` in `outputs`.
   */
  partialResponseStrategy?: 'warn' | 'abort';
  /** Silences checks on this definition, each with the reason: `{ 'alert/naming': 'why' }` (see the README, Checks). */
  ignore?: Ignore;
}

export interface RuleGroup extends Readonly<RuleGroupOptions> {
  readonly kind: 'ruleGroup';
  readonly source?: SourceRef;
}

export function alert(options: AlertOptions): AlertRule {
  const rule: AlertRule = { kind: 'alert', ...options, source: captureSource() };
  seeExpression(rule.expr);
  return rule;
}

/**
 * `record({ name: 'service:requests:rate5m', expr: sumBy(['service'], rate(requests)) })`: the handle
 * is typed by the labels the expression keeps (here `service`) and those of `labels`.
 */
export function record<const L extends string = string, const S extends string = never, const T extends RecordedType = 'gauge'>(
  options: RecordOptions<L, S, T>,
): RecordingRule<L | S, T> {
  const { name } = options;
  seeExpression(Object.getOwnPropertyDescriptor(options, 'expr')?.value);
  return {
    kind: 'record',
    ...options,
    type: options.type ?? ('gauge' as T),
    source: captureSource(),
    select: (matchers?: Matchers<L | S>) => typedExpr<L | S>(renderSelector(name, matchers)),
    toString: () => name,
  };
}

export function ruleGroup(options: RuleGroupOptions): RuleGroup {
  return { kind: 'ruleGroup', ...options, source: captureSource() };
}
