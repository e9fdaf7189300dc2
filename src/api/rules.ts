import type { SourceRef } from '../diagnostic.js';
import { captureSource } from './source.js';
import type { AlertTestCase, RecordTestCase } from './tests.js';
import type { Ignore } from './lint.js';

export type Severity = 'critical' | 'warning' | 'info';

export interface AlertOptions {
  /** Alert name, CamelCase. */
  alert: string;
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
  /** Silences checks on this definition, each with the reason: `{ 'alert/naming': 'why' }` (see the README, Checks). */
  ignore?: Ignore;
}

export interface AlertRule extends Readonly<AlertOptions> {
  readonly kind: 'alert';
  readonly source?: SourceRef;
}

export interface RecordOptions {
  /** Name of the new series, `level:metric:operations`. */
  record: string;
  expr: string;
  labels?: Record<string, string>;
  /** Unit tests run by `promtool test rules` as `promql_expr_test` (see the README). */
  tests?: readonly RecordTestCase[];
  /** Silences checks on this definition, each with the reason: `{ 'alert/naming': 'why' }` (see the README, Checks). */
  ignore?: Ignore;
}

export interface RecordingRule extends Readonly<RecordOptions> {
  readonly kind: 'record';
  readonly source?: SourceRef;
}

export type Rule = AlertRule | RecordingRule;

export interface RuleGroupOptions {
  /** Group name; also the rule file's name (`out/prometheus/rules/<name>.yml`). */
  name: string;
  /** Evaluation interval of the group (default: the global evaluation interval). */
  interval?: string;
  rules: readonly Rule[];
  /** Silences checks on this definition, each with the reason: `{ 'alert/naming': 'why' }` (see the README, Checks). */
  ignore?: Ignore;
}

export interface RuleGroup extends Readonly<RuleGroupOptions> {
  readonly kind: 'ruleGroup';
  readonly source?: SourceRef;
}

export function alert(options: AlertOptions): AlertRule {
  return { kind: 'alert', ...options, source: captureSource() };
}

export function record(options: RecordOptions): RecordingRule {
  return { kind: 'record', ...options, source: captureSource() };
}

export function ruleGroup(options: RuleGroupOptions): RuleGroup {
  return { kind: 'ruleGroup', ...options, source: captureSource() };
}
