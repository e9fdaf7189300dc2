import type { AnalyzedExpression, Check, Finding } from './check.js';
import { at, ownerName } from './check.js';
import { anyClientBoundRegexp, exposedByGeneratedPython, pythonLabelNumber } from '../instrument/exposition.js';
import { deadAlternatives } from '../promql/regex-alternatives.js';
import { matcherAccepts } from './scrape-jobs.js';
import { isGaugeFunction } from './promql-gauge-function-on-counter.js';
import { readsAsCounter } from './counter-series.js';

/** What turns bucket counters into recent observations: the counter functions (they handle restarts). */
const COUNTER_RATES = new Set(['rate', 'irate', 'increase']);
/** Steps that leave a bucket's values as they are (or pick among them): a raw bucket through them is still raw. */
const PASSING = new Set([
  'sum', 'min', 'max', 'avg', 'group', 'topk', 'bottomk', 'limitk', 'limit_ratio', 'quantile',
  'label_replace', 'label_join', 'sort', 'sort_desc', 'sort_by_label', 'sort_by_label_desc', 'clamp', 'clamp_min', 'clamp_max',
]);

/**
 * What reaches histogram_quantile from a bucket counter (a catalogue histogram's `_bucket`, or a
 * recorded series that is a counter) without rate(), irate() or increase() between: undefined when
 * one of them is there, or when the nearest function is a gauge function (delta(), deriv(),
 * sum_over_time(), …), which promql/gauge-function-on-counter reports on a counter; otherwise the
 * first function that kept the values cumulative (max_over_time(), last_over_time(), …), or '' for
 * the raw values.
 */
function cumulativeInput(steps: readonly string[]): string | undefined {
  if (steps.some((fn) => COUNTER_RATES.has(fn) || isGaugeFunction(fn))) return undefined;
  return steps.find((fn) => !PASSING.has(fn)) ?? '';
}

/**
 * A histogram's _bucket series read as the catalogue declares them:
 * - `le="0.3"` where the histogram has no such bucket selects nothing;
 * - `histogram_quantile` over raw buckets (no rate/increase/irate: raw, or through max_over_time(),
 *   last_over_time() and the like, which keep them cumulative), or over a recorded counter, gives
 *   the quantile since each process started, not of recent requests;
 * - an alternative of an `le=~` regex (`le=~"0.3|1"`) that matches no bound the histogram has
 *   (as any client writes it): that part, or when no alternative matches one the selector, matches nothing;
 * - any `le` matcher that does not accept the text `+Inf` (`le!="+Inf"`, `le=~"0.5|1|5"`,
 *   `le!~".*Inf"`, `le="1"`) under `histogram_quantile` drops the bucket it needs: the result is NaN;
 * - where the project's generated Python module exposes the histogram, `le` is matched as
 *   prometheus_client writes it (`1.0` for 1): `le="1"` is the right number in the wrong text and
 *   selects nothing (Prometheus compares label values as text).
 */
function sameBound(value: string, bucket: number): boolean {
  const n = Number(value);
  return value.trim() !== '' && !Number.isNaN(n) && n === bucket;
}

/** The bounds of a histogram as the generated Python module exposes them, +Inf included. */
function pythonBounds(buckets: readonly number[]): string[] {
  return [...buckets.map(pythonLabelNumber), '+Inf'];
}

/** A regexp matcher's value as Prometheus reads it: anchored at both ends. */
function fullMatch(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return undefined; // promql/syntax reports it
  }
}

type LeMatcher = { label: string; op: string; value: string; from: number; to: number };

/**
 * An `le` matcher that means one of the histogram's bounds but not in the text prometheus_client
 * exposes it in: `le="1"` (or `=~"1|5"`) where the series say `le="1.0"`, so the selector matches
 * nothing; `le!="1"` keeps the bucket it means to drop.
 */
function reportPythonText(e: AnalyzedExpression, series: string, m: LeMatcher, buckets: readonly number[], report: (finding: Finding) => void): void {
  const exposed = pythonBounds(buckets);
  const hint = (bound: number) =>
    `the project's generated Python module (prometheus_client) writes this bound as le="${pythonLabelNumber(bound)}", Go clients and prom-client as le="${String(bound)}": write le=~${JSON.stringify(anyClientBoundRegexp(bound))} to match both, or le="${pythonLabelNumber(bound)}"`;
  if (m.op === '=' || m.op === '!=') {
    const bound = buckets.find((b) => sameBound(m.value, b));
    if (bound === undefined || exposed.includes(m.value)) return;
    report({
      message: m.op === '='
        ? `${ownerName(e)} selects ${series}{le="${m.value}"}, but the bucket ${m.value} is exposed as le="${pythonLabelNumber(bound)}": label values are compared as text, so the selector matches nothing`
        : `${ownerName(e)} excludes ${series}{le!="${m.value}"}, but the bucket ${m.value} is exposed as le="${pythonLabelNumber(bound)}": label values are compared as text, so nothing is excluded`,
      hint: hint(bound),
      ...at(e, m.from, m.to),
    });
    return;
  }
  if (m.op !== '=~') return;
  const re = fullMatch(m.value);
  if (!re || exposed.some((t) => re.test(t))) return;
  const meant = buckets.find((b) => re.test(String(b)));
  if (meant === undefined) return;
  report({
    message: `${ownerName(e)} selects ${series}{le=~"${m.value}"}, which matches the bound ${String(meant)} as written in the catalogue but none of the texts the buckets are exposed as (${exposed.join(', ')}): the selector matches nothing`,
    hint: hint(meant),
    ...at(e, m.from, m.to),
  });
}

export const promqlHistogramBucket: Check = {
  id: 'promql/histogram-bucket',
  severity: 'error',
  description: 'A _bucket selector names buckets the histogram has, keeps +Inf under histogram_quantile, and histogram_quantile reads a rate of the buckets.',
  run({ model, expressions, catalogue }, report) {
    for (const e of expressions) {
      for (const s of e.analysis.selectors) {
        if (s.name === undefined) continue;
        const recorded = catalogue.get(s.name);
        // A recorded counter (a sum of buckets, say) is as cumulative as the buckets; a recorded rate is what the quantile needs.
        if (recorded?.record && readsAsCounter(recorded)) {
          const quantile = s.enclosing.indexOf('histogram_quantile');
          const kept = quantile >= 0 ? cumulativeInput(s.enclosing.slice(0, quantile)) : undefined;
          if (kept !== undefined) {
            report({
              severity: 'warning',
              message: `${ownerName(e)} passes ${kept ? `${kept}() of ` : ''}"${s.name}", recorded as a counter (record: ${recorded.record.expr}), to histogram_quantile: it counts every request since each process started, so the quantile hardly moves`,
              hint: `histogram_quantile(…, sum by (le) (rate(${s.name}[5m]))), or record the rate of the buckets`,
              ...at(e, s.from, s.to),
            });
          }
        }
        if (!s.name.endsWith('_bucket')) continue;
        const entry = catalogue.get(s.name);
        const metric = entry?.metric;
        if (!metric || metric.type !== 'histogram' || entry.suffix !== '_bucket') continue;
        const buckets = metric.buckets ?? [];
        const python = exposedByGeneratedPython(model, metric);
        const quantile = s.enclosing.indexOf('histogram_quantile');
        for (const m of s.matchers) {
          if (m.label !== 'le') continue;
          if (m.op === '=' && buckets.length > 0 && m.value !== '+Inf' && !buckets.some((b) => sameBound(m.value, b))) {
            report({
              message: `${ownerName(e)} selects ${s.name}{le="${m.value}"}, but ${metric.name} has no bucket ${m.value} (buckets ${buckets.join(', ')}, +Inf): the selector matches nothing`,
              hint: `use one of its bounds, or add ${m.value} to the histogram's buckets in the catalogue and the application`,
              ...at(e, m.from, m.to),
            });
          }
          if (m.op === '=~' && buckets.length > 0) {
            // Each alternative of the regex must match a bound as some client writes it (`1`, `1.0`).
            const found = deadAlternatives(m.value, [...buckets.flatMap((b) => [String(b), pythonLabelNumber(b)]), '+Inf']);
            if (found && found.dead.length > 0) {
              const missing = found.dead.join(', ');
              report({
                message: `${ownerName(e)} selects ${s.name}{le=~"${m.value}"}, but ${metric.name} has no bucket ${missing} (buckets ${buckets.join(', ')}, +Inf): ${found.dead.length === found.count ? 'the selector matches nothing' : 'that part of the regex matches nothing'}`,
                hint: `use bounds of the histogram, or add ${missing} to its buckets in the catalogue and the application`,
                ...at(e, m.from, m.to),
              });
            }
          }
          if (python) reportPythonText(e, s.name, m, buckets, report);
          // Whatever the operator: the +Inf bucket is kept only by a matcher that accepts the text "+Inf"
          // (a regex JavaScript cannot read: not known, quiet).
          const dropsInf = matcherAccepts(m, '+Inf') === false;
          if (quantile >= 0 && dropsInf) {
            report({
              message: `${ownerName(e)} passes ${s.name}{${e.text.slice(m.from, m.to)}} to histogram_quantile, which needs the +Inf bucket: without it the result is NaN`,
              hint: 'select every bucket (no le matcher) under histogram_quantile',
              ...at(e, m.from, m.to),
            });
          }
        }
        const kept = quantile >= 0 ? cumulativeInput(s.enclosing.slice(0, quantile)) : undefined;
        if (kept !== undefined) {
          report({
            severity: 'warning',
            message: kept
              ? `${ownerName(e)} passes ${kept}() of the buckets of ${metric.name} to histogram_quantile: the buckets count every request since each process started, ${kept}() keeps them so (only rate(), irate() or increase() make recent requests of them), so the quantile hardly moves`
              : `${ownerName(e)} passes the raw buckets of ${metric.name} to histogram_quantile: they count every request since each process started, so the quantile hardly moves`,
            hint: `histogram_quantile(…, sum by (le) (rate(${s.name}[5m])))`,
            ...at(e, s.from, s.to),
          });
        }
      }
    }
  },
};
