/**
 * What each target Prometheus's PromQL parser accepts: every function, every aggregation operator and
 * the syntax its parser gates, with the first version that has it, the version that dropped it, and
 * the feature flag without which it is refused. Derived from Prometheus's own sources
 * (github.com/prometheus/prometheus at d15adb9ad7e5): the functions and their `Experimental` mark from
 * promql/parser/functions.go (promql/functions.go before 2.17) at each minor release, the aggregations
 * from the keywords of promql/parser/lex.go, the syntax from promql/parser/generated_parser.y and the
 * parser options of parse.go; with the CHANGELOG.md line where one says so. A version is the first
 * minor release (`2.51` is 2.51.0); `2.0` means "in 2.0 already" (older arrivals do not matter: the
 * oldest target is 2.42). The shape of a fact and the judgement on a target are version-facts.ts's,
 * one for every version fact.
 * test/promql/promql-versions-promtool.test.ts checks the table against the installed promtool.
 */

import type { VersionGate } from './version-facts.js';

/** A function, aggregation or syntax: when the parser has it (VersionGate), and its other name if any. */
export interface PromqlFact extends VersionGate {
  /** Its name in the other versions (holt_winters ↔ double_exponential_smoothing). */
  otherName?: string;
}

/** A piece of syntax: what messages call it, and an expression that uses it (for the promtool test and the docs). */
export interface SyntaxFact extends PromqlFact {
  feature: string;
  example: string;
}

export const EXPERIMENTAL_FUNCTIONS = 'promql-experimental-functions';
const DURATION_EXPR = 'promql-duration-expr';

/** The release whose parser first has a function, for the many with no CHANGELOG line of their own. */
function parser(since: string): string {
  return `promql/parser/functions.go (promql/functions.go before 2.17) of ${since}.0 has it${since === '2.0' ? ' (and 1.x did)' : ', the release before does not'}`;
}

const HOLT_WINTERS_RENAMED =
  '3.0.0 / 2024-11-14: [CHANGE] `holt_winters` is now called `double_exponential_smoothing` and moves behind the experimental-promql-functions feature flag. #14930';
const EXPERIMENTAL_2_49 =
  '2.49.0 / 2024-01-15: [FEATURE] PromQL: Add a `promql-experimental-functions` feature flag containing some new experimental PromQL functions. #13103 … `mad_over_time` … `sort_by_label` and `sort_by_label_desc`';
const HISTOGRAM_STD = '2.47.0 / 2023-09-06: [ENHANCEMENT] Histograms: Add `histogram_stdvar` and `histogram_stddev` functions. #12614';
const TS_OF = '3.5.0 / 2025-07-14: [FEATURE] PromQL: Add `ts_of_(min|max|last)_over_time`, behind feature flag `experimental-promql-functions`. #16722 #16733';
const FIRST_OVER_TIME =
  '3.7.0 / 2025-10-15: [FEATURE] PromQL: Add `first_over_time(...)` and `ts_of_first_over_time(...)` behind feature flag `experimental-promql-functions`. #16963 #17021; 3.14.0 / 2026-08-17: [CHANGE] PromQL: Promote `first_over_time` to stable. #19093';
const RANGE_FUNCTIONS = '3.12.0 / 2026-05-28: [FEATURE] PromQL: Add `start()`, `end()`, `range()`, and `step()` experimental functions #17877';
const MIN_MAX_OF = '3.13.0 / 2026-07-01: [FEATURE] PromQL: Add `min_of(a, b)` and `max_of(a, b)` scalar experimental functions, returning the smaller or larger of two scalar values. #18687';
const LIMITK = '2.54.0 / 2024-08-09: [FEATURE] PromQL: add limitk() and limit_ratio() aggregation operators. #12503 (experimental: promql/parser IsExperimentalAggregator)';
const DURATION_EXPR_DEFAULT = '3.14.0 / 2026-08-17: [CHANGE] PromQL: Enable duration expressions by default. The `promql-duration-expr` feature flag is now a no-op. #19033';

/** Every PromQL function, by name. */
export const FUNCTION_FACTS: Readonly<Record<string, PromqlFact>> = {
  abs: { since: '2.0', source: parser('2.0') },
  absent: { since: '2.0', source: parser('2.0') },
  absent_over_time: { since: '2.16', source: parser('2.16') },
  acos: { since: '2.31', source: parser('2.31') },
  acosh: { since: '2.31', source: parser('2.31') },
  asin: { since: '2.31', source: parser('2.31') },
  asinh: { since: '2.31', source: parser('2.31') },
  atan: { since: '2.31', source: parser('2.31') },
  atanh: { since: '2.31', source: parser('2.31') },
  avg_over_time: { since: '2.0', source: parser('2.0') },
  ceil: { since: '2.0', source: parser('2.0') },
  changes: { since: '2.0', source: parser('2.0') },
  clamp: { since: '2.26', source: parser('2.26') },
  clamp_max: { since: '2.0', source: parser('2.0') },
  clamp_min: { since: '2.0', source: parser('2.0') },
  cos: { since: '2.31', source: parser('2.31') },
  cosh: { since: '2.31', source: parser('2.31') },
  count_over_time: { since: '2.0', source: parser('2.0') },
  day_of_month: { since: '2.0', source: parser('2.0') },
  day_of_week: { since: '2.0', source: parser('2.0') },
  day_of_year: { since: '2.36', source: parser('2.36') },
  days_in_month: { since: '2.0', source: parser('2.0') },
  deg: { since: '2.31', source: parser('2.31') },
  delta: { since: '2.0', source: parser('2.0') },
  deriv: { since: '2.0', source: parser('2.0') },
  double_exponential_smoothing: { since: '3.0', otherName: 'holt_winters', flag: EXPERIMENTAL_FUNCTIONS, source: HOLT_WINTERS_RENAMED },
  end: { since: '3.12', flag: EXPERIMENTAL_FUNCTIONS, source: RANGE_FUNCTIONS },
  exp: { since: '2.0', source: parser('2.0') },
  first_over_time: { since: '3.7', flag: EXPERIMENTAL_FUNCTIONS, flagUntil: '3.14', source: FIRST_OVER_TIME },
  floor: { since: '2.0', source: parser('2.0') },
  histogram_avg: { since: '2.51', source: '2.51.0 / 2024-03-18: [FEATURE] PromQL (experimental native histograms): Add histogram_avg function #13467' },
  histogram_count: { since: '2.40', source: parser('2.40') },
  histogram_fraction: { since: '2.40', source: parser('2.40') },
  histogram_quantile: { since: '2.0', source: parser('2.0') },
  histogram_quantiles: { since: '3.11', flag: EXPERIMENTAL_FUNCTIONS, source: '3.11.0 / 2026-04-02: [FEATURE] PromQL: Add experimental `histogram_quantiles` variadic function for computing multiple quantiles at once. #17285' },
  histogram_stddev: { since: '2.47', source: HISTOGRAM_STD },
  histogram_stdvar: { since: '2.47', source: HISTOGRAM_STD },
  histogram_sum: { since: '2.40', source: parser('2.40') },
  holt_winters: { since: '2.0', removedIn: '3.0', otherName: 'double_exponential_smoothing', source: HOLT_WINTERS_RENAMED },
  hour: { since: '2.0', source: parser('2.0') },
  idelta: { since: '2.0', source: parser('2.0') },
  increase: { since: '2.0', source: parser('2.0') },
  info: { since: '2.55', flag: EXPERIMENTAL_FUNCTIONS, source: '2.55.0 / 2024-10-22: [FEATURE] PromQL: Add experimental `info` function. #14495' },
  irate: { since: '2.0', source: parser('2.0') },
  label_join: { since: '2.0', source: parser('2.0') },
  label_replace: { since: '2.0', source: parser('2.0') },
  last_over_time: { since: '2.26', source: parser('2.26') },
  ln: { since: '2.0', source: parser('2.0') },
  log10: { since: '2.0', source: parser('2.0') },
  log2: { since: '2.0', source: parser('2.0') },
  mad_over_time: { since: '2.49', flag: EXPERIMENTAL_FUNCTIONS, source: EXPERIMENTAL_2_49 },
  max_of: { since: '3.13', flag: EXPERIMENTAL_FUNCTIONS, source: MIN_MAX_OF },
  max_over_time: { since: '2.0', source: parser('2.0') },
  min_of: { since: '3.13', flag: EXPERIMENTAL_FUNCTIONS, source: MIN_MAX_OF },
  min_over_time: { since: '2.0', source: parser('2.0') },
  minute: { since: '2.0', source: parser('2.0') },
  month: { since: '2.0', source: parser('2.0') },
  pi: { since: '2.31', source: parser('2.31') },
  predict_linear: { since: '2.0', source: parser('2.0') },
  present_over_time: { since: '2.29', source: parser('2.29') },
  quantile_over_time: { since: '2.0', source: parser('2.0') },
  rad: { since: '2.31', source: parser('2.31') },
  range: { since: '3.12', flag: EXPERIMENTAL_FUNCTIONS, source: RANGE_FUNCTIONS },
  rate: { since: '2.0', source: parser('2.0') },
  resets: { since: '2.0', source: parser('2.0') },
  round: { since: '2.0', source: parser('2.0') },
  scalar: { since: '2.0', source: parser('2.0') },
  sgn: { since: '2.26', source: parser('2.26') },
  sin: { since: '2.31', source: parser('2.31') },
  sinh: { since: '2.31', source: parser('2.31') },
  sort: { since: '2.0', source: parser('2.0') },
  sort_by_label: { since: '2.49', flag: EXPERIMENTAL_FUNCTIONS, source: EXPERIMENTAL_2_49 },
  sort_by_label_desc: { since: '2.49', flag: EXPERIMENTAL_FUNCTIONS, source: EXPERIMENTAL_2_49 },
  sort_desc: { since: '2.0', source: parser('2.0') },
  sqrt: { since: '2.0', source: parser('2.0') },
  start: { since: '3.12', flag: EXPERIMENTAL_FUNCTIONS, source: RANGE_FUNCTIONS },
  start_timestamp: { since: '3.14', flag: EXPERIMENTAL_FUNCTIONS, source: '3.14.0 / 2026-08-17: [FEATURE] PromQL: Add experimental `start_timestamp(instant-vector)` function … #19089' },
  stddev_over_time: { since: '2.0', source: parser('2.0') },
  stdvar_over_time: { since: '2.0', source: parser('2.0') },
  step: { since: '3.12', flag: EXPERIMENTAL_FUNCTIONS, source: RANGE_FUNCTIONS },
  sum_over_time: { since: '2.0', source: parser('2.0') },
  tan: { since: '2.31', source: parser('2.31') },
  tanh: { since: '2.31', source: parser('2.31') },
  time: { since: '2.0', source: parser('2.0') },
  timestamp: { since: '2.0', source: parser('2.0') },
  ts_of_first_over_time: { since: '3.7', flag: EXPERIMENTAL_FUNCTIONS, source: FIRST_OVER_TIME },
  ts_of_last_over_time: { since: '3.5', flag: EXPERIMENTAL_FUNCTIONS, source: TS_OF },
  ts_of_max_over_time: { since: '3.5', flag: EXPERIMENTAL_FUNCTIONS, source: TS_OF },
  ts_of_min_over_time: { since: '3.5', flag: EXPERIMENTAL_FUNCTIONS, source: TS_OF },
  vector: { since: '2.0', source: parser('2.0') },
  year: { since: '2.0', source: parser('2.0') },
};

const AGGREGATION = 'the aggregation keywords of promql/parser/lex.go';
/** Every aggregation operator, by name (written `sum(x)`, parsed as aggregations, not calls). */
export const AGGREGATION_FACTS: Readonly<Record<string, PromqlFact>> = {
  sum: { since: '2.0', source: AGGREGATION },
  avg: { since: '2.0', source: AGGREGATION },
  count: { since: '2.0', source: AGGREGATION },
  min: { since: '2.0', source: AGGREGATION },
  max: { since: '2.0', source: AGGREGATION },
  stddev: { since: '2.0', source: AGGREGATION },
  stdvar: { since: '2.0', source: AGGREGATION },
  topk: { since: '2.0', source: AGGREGATION },
  bottomk: { since: '2.0', source: AGGREGATION },
  count_values: { since: '2.0', source: AGGREGATION },
  quantile: { since: '2.0', source: AGGREGATION },
  group: { since: '2.20', source: `${AGGREGATION} of 2.20.0 (not 2.19.0)` },
  limitk: { since: '2.54', flag: EXPERIMENTAL_FUNCTIONS, source: LIMITK },
  limit_ratio: { since: '2.54', flag: EXPERIMENTAL_FUNCTIONS, source: LIMITK },
};

/** The syntax some target versions lack (what every supported version has, like `@` and subqueries, is not listed). */
export const SYNTAX_FACTS = {
  quotedLabelMatcher: {
    feature: 'a quoted name in a selector ({"name"="value"}, {"metric"})',
    example: '{"__name__"="up"}',
    since: '2.51',
    source: 'promql/parser/generated_parser.y of 2.51.0 has string_identifier in label matchers, 2.50.0 does not',
  },
  quotedGroupingLabel: {
    feature: 'a quoted label name in by/without/on/ignoring (by ("name"))',
    example: 'sum by ("job") (up)',
    since: '2.55',
    source: 'promql/parser/generated_parser.y of 2.55.0 has grouping_label: STRING, 2.54.0 does not',
  },
  durationArithmetic: {
    feature: 'arithmetic in a duration (x[5m + 1m], offset (1h * 2))',
    example: 'rate(up[5m + 1m])',
    since: '3.4',
    flag: DURATION_EXPR,
    flagUntil: '3.14',
    source: `3.4.0 / 2025-05-17: [FEATURE] PromQL: allow arithmetic operations in durations in PromQL parser. #16249; ${DURATION_EXPR_DEFAULT}`,
  },
  durationStep: {
    feature: 'step() in a duration',
    example: 'rate(up[step()])',
    since: '3.6',
    flag: DURATION_EXPR,
    flagUntil: '3.14',
    source: `3.6.0 / 2025-09-17: [FEATURE] PromQL: Add \`step()\`, and \`min()\` and \`max()\` on durations, behind feature flag \`promql-duration-expr\`. #16777; ${DURATION_EXPR_DEFAULT}`,
  },
  durationRange: {
    feature: 'range() in a duration',
    example: 'rate(up[range()])',
    since: '3.10',
    flag: DURATION_EXPR,
    flagUntil: '3.14',
    source: `promql/parser/generated_parser.y of 3.10.0 has the RANGE keyword, 3.9.0 does not; ${DURATION_EXPR_DEFAULT}`,
  },
  durationMinMaxOf: {
    feature: 'min_of()/max_of() in a duration',
    example: 'rate(up[max_of(5m, 1m)])',
    since: '3.13',
    flag: DURATION_EXPR,
    flagUntil: '3.14',
    source: `3.13.0 / 2026-07-01: [CHANGE] PromQL: Rename the \`min()\` and \`max()\` duration-expression functions … to \`min_of()\` and \`max_of()\`. #18687; ${DURATION_EXPR_DEFAULT}`,
  },
  extendedRangeSelectors: {
    feature: 'the anchored/smoothed modifiers',
    example: 'rate(up[5m] anchored)',
    since: '3.7',
    flag: 'promql-extended-range-selectors',
    source: '3.7.0 / 2025-10-15: [FEATURE] PromQL: Add support for experimental anchored and smoothed rate behind feature flag `promql-extended-range-selectors`. #16457',
  },
  fillModifiers: {
    feature: 'the fill()/fill_left()/fill_right() modifiers of a binary operator',
    example: 'up + fill(0) up',
    since: '3.10',
    flag: 'promql-binop-fill-modifiers',
    source: '3.10.0 / 2026-02-24: [FEATURE] PromQL: Add `fill()` / `fill_left()` / `fill_right()` binop modifiers for specifying default values for missing series. #17644',
  },
  numberAsDuration: {
    feature: 'a number as a duration or a duration as a number (x[300], offset 60, > 10m)',
    example: 'rate(up[300])',
    since: '2.54',
    source: '2.54.0 / 2024-08-09: [ENHANCEMENT] PromQL: float literal numbers and durations are now interchangeable (experimental). Example: `time() - my_timestamp > 10m`. #9138 (the parser of 2.54.0 reads number_duration_literal without a flag)',
  },
  trimOperators: {
    feature: 'the histogram trim operators </ and >/',
    example: 'up </ 1',
    since: '3.11',
    source: '3.11.0 / 2026-04-02: [FEATURE] PromQL: Add `</` and `>/` operators for trimming observations from native histograms. #17904',
  },
} as const satisfies Record<string, SyntaxFact>;

export type SyntaxId = keyof typeof SYNTAX_FACTS;
