import type { SourceRef } from '../diagnostic.js';
import type { Ignore } from './lint.js';
import type { Series } from './metrics.js';
import { renderSelector, type Matchers } from './selector.js';
import { captureSource } from './source.js';
import { labelSetSeries } from './metric-series.js';

/**
 * Dashboard variables (Grafana's templating): the drop-downs and fields in a dashboard's header,
 * used as `$name` in queries. Every dashboard also has the `datasource` variable.
 */

/** What every variable takes. */
export interface VariableOptionsBase {
  /** Variable name, used as `$name` in queries (e.g. `job`, `instance`). */
  name: string;
  /** Text shown next to the drop-down (default: the name). */
  title?: string;
  /** Shown as a tooltip on the variable. */
  description?: string;
  /** Hide the label, or the whole variable (default: shown; constants are always hidden). */
  hide?: 'label' | 'variable';
  /** Silences checks on this definition, each with the reason: `{ 'alert/naming': 'why' }` (see the README, Checks). */
  ignore?: Ignore;
}

/** A variable that lists values to choose from. */
export interface ChoiceOptions {
  /** Several values at once; queries then match with `=~"$name"` (Grafana writes `a|b`). */
  multi?: boolean;
  /** An "All" entry, matching `.*` (so, again, `=~`). */
  includeAll?: boolean;
}

export type VariableSortOrder = 'none' | 'alphabetical' | 'alphabetical-desc' | 'numerical' | 'numerical-desc' | 'natural';

/** `labelVariable`: the values of one label of a catalogue series, optionally narrowed by other variables. */
export interface LabelVariableOptions<L extends string> extends VariableOptionsBase, ChoiceOptions {
  /** Restrict the values to the series of this catalogue metric or recorded series (recommended; default: all series). */
  metric?: Series<L>;
  /** Label whose values the variable lists (default: the variable's name), typed by the metric's labels. */
  label?: NoInfer<L>;
  /**
   * Matchers on the metric, usually earlier variables, so this one lists only what they selected:
   * `{ job: re('$job') }` → `label_values(metric{job=~"$job"}, instance)`.
   */
  matchers?: Matchers<NoInfer<L>>;
  /** Order of the values (default alphabetical). */
  sort?: VariableSortOrder;
  /** A regex the values are filtered (and, with a capture group, rewritten) by. */
  regex?: string;
}

/** `queryVariable`: any Prometheus variable query (`label_values(…)`, `query_result(…)`, `metrics(…)`). */
export interface QueryVariableOptions extends VariableOptionsBase, ChoiceOptions {
  query: string;
  sort?: VariableSortOrder;
  regex?: string;
}

/** A value of a custom variable: the value queries see, and the text the drop-down shows. */
export type CustomValue = string | { readonly text: string; readonly value: string };

export interface CustomVariableOptions extends VariableOptionsBase, ChoiceOptions {
  /** The values, in drop-down order. */
  values: readonly CustomValue[];
  /** The value selected when the dashboard opens (default: the first, or All). */
  current?: string;
}

export interface IntervalVariableOptions extends VariableOptionsBase {
  /** Prometheus durations, e.g. `['1m', '5m', '1h']`; use `[$name]` as a range in queries. */
  values: readonly string[];
  /** The value selected when the dashboard opens (default: the first). */
  current?: string;
}

export interface ConstantVariableOptions extends VariableOptionsBase {
  /** The value `$name` stands for (a constant is hidden from the header). */
  value: string;
}

export interface TextVariableOptions extends VariableOptionsBase {
  /** What the text box holds when the dashboard opens (default empty). */
  value?: string;
}

export type AdHocFilterOptions = Omit<VariableOptionsBase, 'name'> & {
  /** Default `filters`. Ad hoc filters apply to every query of the data source; they are not written as `$name`. */
  name?: string;
};

interface VariableBase {
  readonly kind: 'variable';
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly hide?: 'label' | 'variable';
  readonly ignore?: Ignore;
  readonly source?: SourceRef;
}

/** A query variable: `label` (with `metric`, `selector`) from `labelVariable`, or a raw `query`. */
export interface QueryVariable extends VariableBase, Readonly<ChoiceOptions> {
  readonly type: 'query';
  /** Label listed by `label_values`. */
  readonly label?: string;
  /** The catalogue series the label is read from (checked by dashboard/variable-label). */
  readonly metric?: string;
  /** The series selector, matchers included: `metric{job=~"$job"}`. */
  readonly selector?: string;
  /** A raw query (queryVariable). */
  readonly query?: string;
  readonly sort?: VariableSortOrder;
  readonly regex?: string;
}

export interface CustomVariable extends VariableBase, Readonly<ChoiceOptions> {
  readonly type: 'custom';
  readonly values: readonly CustomValue[];
  readonly current?: string;
}

export interface IntervalVariable extends VariableBase {
  readonly type: 'interval';
  readonly values: readonly string[];
  readonly current?: string;
}

export interface ConstantVariable extends VariableBase {
  readonly type: 'constant';
  readonly value: string;
}

export interface TextVariable extends VariableBase {
  readonly type: 'textbox';
  readonly value?: string;
}

export interface AdHocVariable extends VariableBase {
  readonly type: 'adhoc';
}

export type Variable = QueryVariable | CustomVariable | IntervalVariable | ConstantVariable | TextVariable | AdHocVariable;

/**
 * A drop-down of one label's values: `labelVariable({ name: 'job', metric: requests })` →
 * `label_values(totem_requests_total, job)`. Chained on an earlier variable:
 * `labelVariable({ name: 'instance', metric: requests, matchers: { job: re('$job') } })`.
 * Multi-value with an All entry unless told otherwise (`multi: false`, `includeAll: false`).
 */
export function labelVariable<L extends string = string>(options: LabelVariableOptions<L>): QueryVariable {
  const { metric, label, matchers, multi = true, includeAll = true, ...rest } = options;
  const series = metric !== undefined ? labelSetSeries(metric) : undefined;
  const selector = matchers !== undefined && Object.keys(matchers).length > 0 ? renderSelector(series ?? '', matchers) : series;
  return {
    kind: 'variable',
    type: 'query',
    ...rest,
    label: label ?? options.name,
    multi,
    includeAll,
    ...(series !== undefined ? { metric: series } : {}),
    ...(selector !== undefined ? { selector } : {}),
    source: captureSource(),
  };
}

/** Any variable query of the Prometheus data source; single-valued unless told (`multi`, `includeAll`). */
export function queryVariable(options: QueryVariableOptions): QueryVariable {
  return { kind: 'variable', type: 'query', ...options, source: captureSource() };
}

/** Fixed values: `customVariable({ name: 'quantile', values: ['0.5', '0.9', '0.99'] })`. */
export function customVariable(options: CustomVariableOptions): CustomVariable {
  return { kind: 'variable', type: 'custom', ...options, source: captureSource() };
}

/** A choice of durations for ranges and steps: `rate(x[$window])`. */
export function intervalVariable(options: IntervalVariableOptions): IntervalVariable {
  return { kind: 'variable', type: 'interval', ...options, source: captureSource() };
}

/** A hidden, fixed value (a shared cluster name, a threshold) written once for every query. */
export function constantVariable(options: ConstantVariableOptions): ConstantVariable {
  return { kind: 'variable', type: 'constant', ...options, source: captureSource() };
}

/** A free text field: `$name` is what the user typed. */
export function textVariable(options: TextVariableOptions): TextVariable {
  return { kind: 'variable', type: 'textbox', ...options, source: captureSource() };
}

/** Ad hoc filters: label filters the user adds in the header, applied to every Prometheus query. */
export function adHocFilters(options: AdHocFilterOptions = {}): AdHocVariable {
  return { kind: 'variable', type: 'adhoc', ...options, name: options.name ?? 'filters', source: captureSource() };
}
