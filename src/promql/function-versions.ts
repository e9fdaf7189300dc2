/**
 * PromQL functions and aggregations that not every target Prometheus has, each with the line of
 * Prometheus's CHANGELOG.md (github.com/prometheus/prometheus at d15adb9ad7e5) that says so. An
 * experimental one is refused unless Prometheus (and promtool) run with
 * `--enable-feature=promql-experimental-functions` ("function … is not enabled"). Versions as in
 * src/model/version-facts.ts: `3.x` is what 3.0 has.
 */

export interface FunctionFact {
  /** The first version that has it (absent: every supported version before `removedIn`). */
  since?: string;
  /** The first version that no longer has it. */
  removedIn?: string;
  /** Its name in the other versions (holt_winters ↔ double_exponential_smoothing). */
  otherName?: string;
  /** Behind the promql-experimental-functions feature flag in every version that has it. */
  experimental: boolean;
  source: string;
}

const HOLT_WINTERS_RENAMED =
  '3.0.0 / 2024-11-14: [CHANGE] `holt_winters` is now called `double_exponential_smoothing` and moves behind the experimental-promql-functions feature flag. #14930';
const EXPERIMENTAL_2_49 =
  '2.49.0 / 2024-01-15: [FEATURE] PromQL: Add a `promql-experimental-functions` feature flag containing some new experimental PromQL functions. #13103 … `mad_over_time` … `sort_by_label` and `sort_by_label_desc`';
const LIMITK = '2.54.0 / 2024-08-09: [FEATURE] PromQL: add limitk() and limit_ratio() aggregation operators. #12503 (experimental: promql/parser IsExperimentalAggregator)';

export const FUNCTION_FACTS: Readonly<Record<string, FunctionFact>> = {
  holt_winters: { removedIn: '3.0', otherName: 'double_exponential_smoothing', experimental: false, source: HOLT_WINTERS_RENAMED },
  double_exponential_smoothing: { since: '3.0', otherName: 'holt_winters', experimental: true, source: HOLT_WINTERS_RENAMED },
  mad_over_time: { since: '2.49', experimental: true, source: EXPERIMENTAL_2_49 },
  sort_by_label: { since: '2.49', experimental: true, source: EXPERIMENTAL_2_49 },
  sort_by_label_desc: { since: '2.49', experimental: true, source: EXPERIMENTAL_2_49 },
  limitk: { since: '2.54', experimental: true, source: LIMITK },
  limit_ratio: { since: '2.54', experimental: true, source: LIMITK },
  info: { since: '2.55', experimental: true, source: '2.55.0 / 2024-10-22: [FEATURE] PromQL: Add experimental `info` function. #14495' },
};

/** The aggregations among them (written `limitk(2, x)`, parsed as aggregations, not calls). */
export const GATED_AGGREGATIONS: ReadonlySet<string> = new Set(['limitk', 'limit_ratio']);
