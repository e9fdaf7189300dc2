/**
 * Unit tests that travel with an alert or a recording rule, compiled to `promtool test rules` files
 * (one test file per tested rule, loading only that rule and the recording rules it reads).
 * Series are written against catalogue objects, e.g. `{ series: errors.select({ job: 'api' }), values: '0+6x20' }`.
 */
export interface InputSeries {
  /** A series selector with its labels, e.g. `http_errors_total{job="api"}`. */
  series: string;
  /** promtool's expanding notation, e.g. `0+6x20` or `1 2 3 _ 5`. */
  values: string;
}

export interface ExpectedAlert {
  /** Series labels plus rule labels, without `alertname` (promtool compares the whole set). */
  labels?: Record<string, string>;
  /** Annotations as rendered (promtool compares the whole set). */
  annotations?: Record<string, string>;
}

export interface AlertTestCase {
  /** What the case shows, e.g. '12% errors for 10m fires'. */
  name: string;
  /** Time between input samples (default `1m`). */
  interval?: string;
  input: readonly InputSeries[];
  /**
   * Other times at which the same input must not fire the alert (e.g. `['45m']`: not yet 45 minutes
   * in, firing at `at`). Each is checked in the same promtool test as `at` (an `alert_rule_test`
   * entry expecting no alert), on the same input: one test storage and one run of evaluations
   * instead of a second case that replays the same series. At a time before `at`, promtool's
   * evaluation there reads only the samples up to it, as a case ending then would.
   */
  quietAt?: readonly string[];
  /** When to evaluate, from the start of the input (e.g. `10m`). */
  at: string;
  /** The alerts expected to fire at that time; an empty list means the alert must not fire. */
  expect: readonly ExpectedAlert[];
}

export interface ExpectedSample {
  /** The labels of the recorded series (the rule's own labels are added), without `__name__`. */
  labels?: Record<string, string>;
  /** The value the rule records at `at` (compared by promtool with a small tolerance). */
  value: number;
}

export interface RecordTestCase {
  /** What the case shows, e.g. 'sums the two routes'. */
  name: string;
  /** Time between input samples (default `1m`). */
  interval?: string;
  input: readonly InputSeries[];
  /** When to evaluate, from the start of the input (e.g. `10m`). */
  at: string;
  /** Every series the rule records at that time (promtool's `promql_expr_test`); empty: it records nothing. */
  expect: readonly ExpectedSample[];
}
